package dev.framewise.engine.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code --messages FILE} conversation: a JSON list of {@code {"role", "content"}} in the Hugging Face /
 * qwen-vl-utils chat format (content a string or a list of text, image and video parts with their
 * per-item options). Relative media paths resolve against the file's folder; {@code file://} prefixes and
 * the OpenAI {@code image_url}/{@code video_url} shapes are accepted for local files. Every error names the
 * file, the message and part, and what is wrong.
 */
public final class MessagesFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TEXT_KEYS = Set.of("type", "text");
    private static final Set<String> IMAGE_KEYS =
            Set.of("type", "image", "image_url", "min_pixels", "max_pixels", "resized_height", "resized_width");
    private static final Set<String> VIDEO_KEYS = Set.of("type", "video", "video_url", "fps", "nframes",
            "min_pixels", "max_pixels", "total_pixels", "video_start", "video_end");

    private final Path file;
    private final Path baseDir;

    private MessagesFile(Path file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    /** Reads and validates a messages file; media files must exist. */
    public static List<ChatMessage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EngineException("messages file " + file + " not found; give --messages an existing JSON file");
        }
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new EngineException("messages file " + file + " could not be read: " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return new MessagesFile(file, base).parse(json);
    }

    /** Parses messages given as JSON text; relative media paths resolve against {@code baseDir}. */
    public static List<ChatMessage> parse(String json, Path baseDir, Path origin) {
        return new MessagesFile(origin, baseDir).parse(json);
    }

    /** Parses messages already read as a JSON tree (the {@code messages} of an API request or fixture). */
    public static List<ChatMessage> parse(JsonNode messages, Path baseDir, Path origin) {
        return new MessagesFile(origin, baseDir).messages(messages);
    }

    private List<ChatMessage> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // A nesting or size limit (StreamConstraintsException) comes without a location.
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw error("is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.has("messages")) root = root.get("messages");
        return messages(root);
    }

    private List<ChatMessage> messages(JsonNode root) {
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw error("must hold a non-empty JSON list of {\"role\": …, \"content\": …} messages");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) out.add(message(root.get(i), "message " + (i + 1)));
        return out;
    }

    private ChatMessage message(JsonNode node, String where) {
        if (!node.isObject()) throw error(where + " is not a JSON object with \"role\" and \"content\"");
        String role = node.path("role").asText(null);
        if (role == null || !node.path("role").isTextual()) throw error(where + " has no \"role\"");
        if (!Set.of("system", "user", "assistant").contains(role)) {
            throw error(where + " has unknown role \"" + role + "\" (use system, user or assistant)");
        }
        JsonNode content = node.get("content");
        if (content == null || content.isNull()) throw error(where + " (" + role + ") has no \"content\"");
        if (content.isTextual()) return new ChatMessage(role, List.of(new ContentPart.Text(content.asText())));
        if (!content.isArray()) throw error(where + ": \"content\" must be a string or a list of parts");
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) parts.add(part(content.get(i), where + ", part " + (i + 1)));
        return new ChatMessage(role, parts);
    }

    /** One content part; its type comes from "type" or, as in qwen-vl-utils, from the key it carries. */
    private ContentPart part(JsonNode node, String where) {
        if (!node.isObject()) throw error(where + " is not a JSON object");
        String type = node.path("type").asText(null);
        if (type == null) {
            type = node.has("image") || node.has("image_url") ? "image"
                    : node.has("video") || node.has("video_url") ? "video"
                    : node.has("text") ? "text" : null;
        }
        if (type == null) throw error(where + " has no \"type\" (text, image or video)");
        switch (type) {
            case "text" -> {
                checkKeys(node, TEXT_KEYS, where);
                JsonNode text = node.get("text");
                if (text == null || !text.isTextual()) throw error(where + " is a text part without a \"text\" string");
                return new ContentPart.Text(text.asText());
            }
            case "image", "image_url" -> {
                checkKeys(node, IMAGE_KEYS, where);
                Path path = mediaPath(node, "image", where);
                return new ContentPart.Image(path, integer(node, "min_pixels", where), integer(node, "max_pixels", where),
                        integer(node, "resized_height", where), integer(node, "resized_width", where));
            }
            case "video", "video_url" -> {
                checkKeys(node, VIDEO_KEYS, where);
                Path path = mediaPath(node, "video", where);
                Double fps = number(node, "fps", where);
                Integer nframes = integer(node, "nframes", where);
                if (fps != null && nframes != null) throw error(where + " gives both \"fps\" and \"nframes\"; give one");
                if (fps != null && fps == 0) throw error(where + ": \"fps\" must be greater than 0");
                return new ContentPart.Video(path, fps, nframes, integer(node, "min_pixels", where),
                        integer(node, "max_pixels", where), integer(node, "total_pixels", where),
                        number(node, "video_start", where), number(node, "video_end", where));
            }
            default -> throw error(where + " has unknown type \"" + type + "\" (use text, image or video)");
        }
    }

    private void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(where + " has unknown field \"" + key + "\" (allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** {@code "image": PATH}, or {@code "image_url": PATH | {"url": PATH}}; local files only. */
    private Path mediaPath(JsonNode node, String kind, String where) {
        JsonNode value = node.has(kind) ? node.get(kind) : node.get(kind + "_url");
        if (value != null && value.isObject()) value = value.get("url");
        if (value != null && value.isArray()) {
            throw error(where + ": a " + kind + " given as a list of frame images is not supported; give one video file");
        }
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw error(where + " is " + (kind.equals("image") ? "an" : "a") + " " + kind
                    + " part without a file path in \"" + kind + "\"");
        }
        String location = value.asText();
        if (location.startsWith("file://")) location = location.substring("file://".length());
        if (location.matches("(?i)(https?|data):.*")) {
            throw error(where + ": " + kind + " '" + abbreviate(location) + "' is not a local file; download it and"
                    + " give its path");
        }
        Path path = baseDir.resolve(location).normalize();
        if (!Files.isRegularFile(path)) {
            throw error(where + ": " + kind + " file " + path + " not found (relative paths are resolved against "
                    + baseDir + ")");
        }
        return path;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private Integer integer(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return null;
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw error(where + ": \"" + key + "\" must be a positive whole number, not " + value);
        }
        return value.asInt();
    }

    private Double number(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return null;
        if (!value.isNumber() || value.asDouble() < 0) {
            throw error(where + ": \"" + key + "\" must be a non-negative number, not " + value);
        }
        return value.asDouble();
    }

    private EngineException error(String problem) {
        return new EngineException("messages file " + file + ": " + problem);
    }
}
