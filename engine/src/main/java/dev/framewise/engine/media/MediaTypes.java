package dev.framewise.engine.media;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The image and video files Framewise opens, by extension and by media type: the one table of them. The workbench
 * lists and picks media files by it; the remote backend names a file's type when it sends it as a {@code data:}
 * URL, the server picks an extension for what it receives.
 */
public final class MediaTypes {
    /** In order of preference: a type's first extension here is the one files of that type get. */
    private static final List<Map.Entry<String, String>> EXTENSIONS = List.of(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"),
            Map.entry("tiff", "image/tiff"), Map.entry("tif", "image/tiff"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mov", "video/quicktime"), Map.entry("mkv", "video/x-matroska"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("mpg", "video/mpeg"), Map.entry("mpeg", "video/mpeg"));
    private static final Map<String, String> MIME_BY_EXTENSION = new LinkedHashMap<>();
    private static final Map<String, String> EXTENSION_BY_MIME = new LinkedHashMap<>();

    static {
        for (Map.Entry<String, String> e : EXTENSIONS) {
            MIME_BY_EXTENSION.put(e.getKey(), e.getValue());
            EXTENSION_BY_MIME.putIfAbsent(e.getValue(), e.getKey());
        }
        EXTENSION_BY_MIME.put("image/jpg", "jpg"); // not registered, but clients send it
    }

    private MediaTypes() {
    }

    /** The media type of a file extension (any case, without the dot). */
    public static Optional<String> ofExtension(String extension) {
        return Optional.ofNullable(MIME_BY_EXTENSION.get(extension.toLowerCase(Locale.ROOT)));
    }

    /** The extension a file of this media type (lower case) gets. */
    public static Optional<String> extensionOf(String mimeType) {
        return Optional.ofNullable(EXTENSION_BY_MIME.get(mimeType));
    }

    /** Whether the file's name says it is a video (by its extension's media type). */
    public static boolean isVideo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && ofExtension(name.substring(dot + 1)).map(t -> t.startsWith("video/")).orElse(false);
    }

    /** Whether a file's name ends in an image or video extension known here (any case). */
    public static boolean isMediaFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && MIME_BY_EXTENSION.containsKey(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Every extension known here, in alphabetical order (for messages). */
    public static List<String> extensions() {
        return MIME_BY_EXTENSION.keySet().stream().sorted().toList();
    }
}
