package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpoint's own Jinja chat template, rendered like transformers' {@code apply_chat_template(…,
 * tokenize=False)}: messages in the Hugging Face dict shape, {@code add_generation_prompt}, any extra
 * variables. The source is never hard-coded here; a user may also supply an edited template.
 */
public final class ChatTemplate {
    private final String source;
    private final String origin;

    private ChatTemplate(String source, String origin) {
        this.source = source;
        this.origin = origin;
    }

    /**
     * The template of a model folder, looked up in the order transformers' processors use:
     * {@code chat_template.jinja}, then {@code chat_template.json}'s {@code chat_template}, then
     * {@code tokenizer_config.json}'s {@code chat_template} (a string, or a list of named templates whose
     * {@code default} is taken).
     */
    public static ChatTemplate load(Path modelDir) {
        Path jinja = modelDir.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            try {
                return new ChatTemplate(Files.readString(jinja), jinja.toString());
            } catch (IOException e) {
                throw new EngineException(jinja + " could not be read: " + e.getMessage(), e);
            }
        }
        for (String name : List.of("chat_template.json", "tokenizer_config.json")) {
            Path file = modelDir.resolve(name);
            if (!Files.isRegularFile(file)) continue;
            String template = templateIn(QwenTokenizer.readJson(file).path("chat_template"), file);
            if (template != null) return new ChatTemplate(template, file.toString());
        }
        throw new EngineException(modelDir + " has no chat template (looked for chat_template.jinja, the "
                + "\"chat_template\" of chat_template.json and of tokenizer_config.json); use a chat/instruct "
                + "checkpoint or supply a template");
    }

    private static String templateIn(JsonNode node, Path file) {
        if (node.isTextual()) return node.asText();
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) return named.path("template").asText();
            }
            throw new EngineException(file + ": \"chat_template\" is a list without a template named \"default\"");
        }
        return null;
    }

    /** A template given as text (an edited copy for prompt experiments); {@code origin} names it in errors. */
    public static ChatTemplate fromSource(String source, String origin) {
        return new ChatTemplate(Objects.requireNonNull(source, "source"), Objects.requireNonNull(origin, "origin"));
    }

    public String source() {
        return source;
    }

    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, Map.of());
    }

    /**
     * Renders the conversation. {@code variables} adds template variables such as {@code add_vision_id}
     * or the special tokens ({@code eos_token}) that transformers passes.
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, ?> variables) {
        return renderDicts(toTemplateMessages(messages), addGenerationPrompt, variables);
    }

    /** Renders messages already in the Hugging Face dict shape (tool calls and other fields included). */
    String renderDicts(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> variables) {
        Map<String, Object> context = new HashMap<>(variables);
        context.put("messages", messages);
        context.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result;
        try {
            result = HfJinjaEnvironment.render(source, context);
        } catch (RuntimeException e) {
            throw failure(e.getMessage(), e);
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) throw failure(error);
        }
        return result.getOutput();
    }

    private EngineException failure(TemplateError error) {
        for (Throwable c = error.getException(); c != null; c = c.getCause()) {
            if (c instanceof HfJinjaEnvironment.TemplateRaisedException raised) {
                return new EngineException("the chat template (" + origin + ") rejected the conversation: "
                        + raised.getMessage());
            }
        }
        return failure("line " + error.getLineno() + ": " + error.getMessage(), error.getException());
    }

    private EngineException failure(String detail, Throwable cause) {
        return new EngineException("the chat template (" + origin + ") could not be rendered: " + detail
                + "; fix the template or use the model's own", cause);
    }

    /**
     * The Hugging Face message dicts a template sees: content is a plain string for a text-only turn of one
     * part (as text-only templates expect), otherwise a list of {@code {"type": "text"|"image"|"video", …}}
     * parts with their qwen-vl-utils options.
     */
    static List<Map<String, Object>> toTemplateMessages(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ChatMessage message : messages) {
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("role", message.role());
            List<ContentPart> parts = message.content();
            if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
                dict.put("content", text.text());
            } else {
                List<Map<String, Object>> content = new ArrayList<>();
                for (ContentPart part : parts) content.add(toTemplatePart(part));
                dict.put("content", content);
            }
            out.add(dict);
        }
        return out;
    }

    private static Map<String, Object> toTemplatePart(ContentPart part) {
        Map<String, Object> dict = new LinkedHashMap<>();
        if (part instanceof ContentPart.Text text) {
            dict.put("type", "text");
            dict.put("text", text.text());
        } else if (part instanceof ContentPart.Image image) {
            dict.put("type", "image");
            dict.put("image", image.path().toString());
            putIfSet(dict, "min_pixels", image.minPixels());
            putIfSet(dict, "max_pixels", image.maxPixels());
            putIfSet(dict, "resized_height", image.resizedHeight());
            putIfSet(dict, "resized_width", image.resizedWidth());
        } else if (part instanceof ContentPart.Video video) {
            dict.put("type", "video");
            dict.put("video", video.path().toString());
            putIfSet(dict, "fps", video.fps());
            putIfSet(dict, "nframes", video.nframes());
            putIfSet(dict, "min_pixels", video.minPixels());
            putIfSet(dict, "max_pixels", video.maxPixels());
            putIfSet(dict, "total_pixels", video.totalPixels());
            putIfSet(dict, "video_start", video.videoStart());
            putIfSet(dict, "video_end", video.videoEnd());
        }
        return dict;
    }

    private static void putIfSet(Map<String, Object> dict, String key, Object value) {
        if (value != null) dict.put(key, value);
    }
}
