package dev.framewise.engine.text;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import jinjava.javax.el.CompositeELResolver;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Jinjava set up to behave like the Jinja environment of transformers' {@code apply_chat_template}
 * ({@code utils/chat_template_utils.py} {@code _compile_jinja_template}): {@code trim_blocks} and
 * {@code lstrip_blocks}, whitespace control with {@code -} in tags, dict iteration over keys, loop controls,
 * the {@code raise_exception} global, Python's {@code tojson}, and the Python string methods templates call.
 */
final class HfJinjaEnvironment {
    /** Thrown by the template's {@code raise_exception(message)}: the template refuses the conversation. */
    static final class TemplateRaisedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateRaisedException(String message) {
            super(message);
        }
    }

    private static final Jinjava JINJAVA = create();
    private static final Pattern COMMENT = Pattern.compile("\\{#(-?).*?(-?)#\\}", Pattern.DOTALL);
    /** Blanks between a line start and a block tag (comments are blocks by then), unless the tag opts out with {@code +}. */
    private static final Pattern LSTRIP_BLOCKS = Pattern.compile("(?m)^[ \\t]+(?=\\{%(?!\\+))");

    private HfJinjaEnvironment() {
    }

    /** Renders a template source; fatal problems are in the result's errors. */
    static RenderResult render(String source, Map<String, Object> context) {
        return JINJAVA.renderForResult(jinjaSource(source), context);
    }

    /**
     * Applies the source-level rules of the transformers environment that Jinjava gets wrong: one
     * trailing newline is dropped ({@code keep_trailing_newline=False}), and {@code lstrip_blocks} strips
     * only blanks that start a line (Jinjava's own option also eats blanks in the middle of a line, turning
     * {@code Picture 1: {% endif %}} into {@code Picture 1:}). Comments become an empty block with the same
     * whitespace control, because Jinjava trims around {@code {#- … #}} differently from Jinja.
     */
    private static String jinjaSource(String source) {
        String s = source.endsWith("\r\n") ? source.substring(0, source.length() - 2)
                : source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
        s = COMMENT.matcher(s).replaceAll("{%$1 if false %}{% endif $2%}");
        return LSTRIP_BLOCKS.matcher(s).replaceAll("");
    }

    private static Jinjava create() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE); // read-write: namespace attributes are set
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(false) // done on the source instead, see jinjaSource
                .withFailOnUnknownTokens(false) // an undefined variable renders empty, as Jinja's default Undefined
                .withElResolver(resolver)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withIterateOverMapKeys(true)
                        .withEvaluateMapKeys(true)
                        .withUsePyishObjectMapper(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .withExecutionMode(new ExecutionMode() {
                    @Override
                    public void prepareContext(Context context) {
                        context.setExpressionStrategy(HfJinjaEnvironment::interpretOutput);
                    }
                })
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "raise_exception", HfJinjaEnvironment.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFilter(new PythonTojsonFilter());
        return jinjava;
    }

    /**
     * Writes the value of a {@code {{ … }}} expression as Jinja does ({@code str()} of the Python value):
     * Jinjava's default strategy would print booleans as {@code true}/{@code false} instead of {@code True}.
     */
    private static RenderedOutputNode interpretOutput(ExpressionToken token, JinjavaInterpreter interpreter) {
        Object value = interpreter.resolveELExpression(token.getExpr(), token.getLineNumber());
        if (value instanceof Boolean b) return new RenderedOutputNode(b ? "True" : "False");
        return new RenderedOutputNode(interpreter.getAsString(value));
    }

    /** Upstream {@code raise_exception} global of transformers' chat template environment. */
    public static Object raiseException(String message) {
        throw new TemplateRaisedException(message);
    }

    /** Upstream {@code tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)} filter. */
    private static final class PythonTojsonFilter implements Filter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return PythonJson.dumps(var, args.length > 0 ? Integer.valueOf(args[0]) : null, false);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
            boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
            return PythonJson.dumps(var, indent == null ? null : ((Number) indent).intValue(), sortKeys);
        }
    }
}
