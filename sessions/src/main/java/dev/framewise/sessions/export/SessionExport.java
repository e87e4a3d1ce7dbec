package dev.framewise.sessions.export;

import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.sessions.model.Session;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Session export through the sessions module's exporters; HTML gets JPEG thumbnails of the frames the runs name. */
public final class SessionExport {
    private static final int THUMB_WIDTH = 240;

    private SessionExport() {
    }

    public static void write(Session session, Path target, Function<Path, MediaSource> media) throws IOException {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md")) {
            Files.writeString(target, new MarkdownExporter().export(session), StandardCharsets.UTF_8);
        } else if (name.endsWith(".jsonl")) {
            try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                new JsonlExporter(false).export(session, out);
            }
        } else {
            Files.writeString(target, new HtmlExporter(thumbnails(media)).export(session), StandardCharsets.UTF_8);
        }
    }

    /** JPEG thumbnails of the frames runs name, decoded through {@code opener} (Media::open in the product); empty for missing media. */
    public static ThumbnailSource thumbnails(Function<Path, MediaSource> opener) {
        return (item, index, seconds) -> {
            if (!Files.isRegularFile(item.file())) return Optional.empty();
            try (MediaSource source = opener.apply(item.file())) {
                return Optional.of(new Thumbnail("image/jpeg", jpeg(source.frameAt(index))));
            }
        };
    }

    private static byte[] jpeg(RgbImage frame) {
        int width = Math.min(THUMB_WIDTH, frame.width());
        int height = Math.max(1, Math.round(frame.height() * (float) width / frame.width()));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int sy = y * frame.height() / height;
            for (int x = 0; x < width; x++) {
                int sx = x * frame.width() / width;
                image.setRGB(x, y, frame.get(sx, sy, 0) << 16 | frame.get(sx, sy, 1) << 8 | frame.get(sx, sy, 2));
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
