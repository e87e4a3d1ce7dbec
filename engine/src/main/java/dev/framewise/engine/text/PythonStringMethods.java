package dev.framewise.engine.text;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The Python {@code str} methods that Hugging Face chat templates call ({@code content.startswith('<think>')},
 * {@code .split('</think>')[-1]}, {@code .lstrip('\n')}, …) and that Jinjava, which calls Java methods,
 * lacks. Only method calls on strings are resolved here; everything else falls through to Jinjava.
 */
final class PythonStringMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name)) return null;
        Object[] args = params == null ? new Object[0] : params;
        Object result = call(s, name, args);
        if (result != null) context.setPropertyResolved(true);
        return result;
    }

    private static Object call(String s, String name, Object[] args) {
        String arg0 = args.length > 0 && args[0] != null ? args[0].toString() : null;
        return switch (name) {
            case "startswith" -> arg0 != null && s.startsWith(arg0);
            case "endswith" -> arg0 != null && s.endsWith(arg0);
            case "strip" -> rstrip(lstrip(s, arg0), arg0);
            case "lstrip" -> lstrip(s, arg0);
            case "rstrip" -> rstrip(s, arg0);
            case "split" -> split(s, arg0, args.length > 1 ? ((Number) args[1]).intValue() : -1);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT)
                    + s.substring(1).toLowerCase(Locale.ROOT);
            case "join" -> args.length == 1 && args[0] instanceof Iterable<?> items ? join(s, items) : null;
            default -> null;
        };
    }

    /** Python {@code str.title}: upper case after any non-letter, lower case elsewhere. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousLetter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousLetter = Character.isLetter(c);
        }
        return out.toString();
    }

    private static String join(String separator, Iterable<?> items) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : items) {
            if (!first) out.append(separator);
            out.append(item);
            first = false;
        }
        return out.toString();
    }

    /** Python's default strip set is whitespace; a given argument is a set of characters, not a prefix. */
    private static boolean strippable(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
    }

    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && strippable(s.charAt(i), chars)) i++;
        return s.substring(i);
    }

    private static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && strippable(s.charAt(j - 1), chars)) j--;
        return s.substring(0, j);
    }

    /** Python {@code str.split}: on a literal separator keeping empty parts, or on whitespace runs without one. */
    private static List<String> split(String s, String separator, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            String rest = lstrip(s, null);
            while (!rest.isEmpty() && (maxSplit < 0 || parts.size() < maxSplit)) {
                int end = 0;
                while (end < rest.length() && !strippable(rest.charAt(end), null)) end++;
                parts.add(rest.substring(0, end));
                rest = lstrip(rest.substring(end), null);
            }
            if (!rest.isEmpty()) parts.add(rest);
            return parts;
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only: templates never assign to string attributes
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
