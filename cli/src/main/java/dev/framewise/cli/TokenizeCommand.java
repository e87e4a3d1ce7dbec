package dev.framewise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.text.ChatTemplate;
import dev.framewise.engine.text.QwenTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code framewise tokenize}: the token ids and pieces of a text or of the chat prompt built from it. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the token ids and pieces of TEXT (with --chat: of the chat prompt for TEXT) and the count.")
public final class TokenizeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder with tokenizer.json.")
    Path model;

    @Option(names = "--chat", description = "Tokenize the chat prompt of one user turn (the template's default "
            + "system prompt, generation prompt added) instead of the bare text.")
    boolean chat;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Parameters(paramLabel = "TEXT", description = "The text to tokenize.")
    String text;

    @Override
    public void run() {
        if (!Files.isDirectory(model)) {
            throw new EngineException("model folder " + model + " not found; give --model a folder with tokenizer.json");
        }
        String input = chat ? ChatTemplate.load(model).render(List.of(ChatMessage.user(text)), true) : text;
        try (QwenTokenizer tokenizer = QwenTokenizer.load(model)) {
            int[] ids = tokenizer.encode(input);
            List<String> pieces = new ArrayList<>();
            for (int id : ids) pieces.add(piece(tokenizer.tokenBytes(id)));
            PrintWriter out = spec.commandLine().getOut();
            if (json) printJson(out, input, ids, pieces, tokenizer);
            else printTable(out, ids, pieces);
            out.flush();
        }
    }

    /** The text of one token, or {@code <0xE4>}-style bytes when it is only part of a UTF-8 character. */
    static String piece(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) hex.append(String.format("<0x%02X>", b & 0xFF));
            return hex.toString();
        }
    }

    private static void printTable(PrintWriter out, int[] ids, List<String> pieces) {
        for (int i = 0; i < ids.length; i++) {
            out.printf("%6d %7d  %s%n", i, ids[i], visible(pieces.get(i)));
        }
        out.printf("%d tokens%n", ids.length);
    }

    /** Quotes a piece so spaces, tabs and newlines show. */
    private static String visible(String piece) {
        return "\"" + piece.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
                .replace("\"", "\\\"") + "\"";
    }

    private void printJson(PrintWriter out, String input, int[] ids, List<String> pieces, QwenTokenizer tokenizer) {
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("id", ids[i]);
            token.put("piece", pieces.get(i));
            token.put("token", tokenizer.tokenString(ids[i]));
            token.put("special", tokenizer.isSpecial(ids[i]));
            tokens.add(token);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.toString());
        result.put("chat", chat);
        result.put("text", input);
        result.put("count", ids.length);
        result.put("ids", ids);
        result.put("tokens", tokens);
        try {
            out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
