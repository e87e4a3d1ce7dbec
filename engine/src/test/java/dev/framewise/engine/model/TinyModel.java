package dev.framewise.engine.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The qwen25vl-tiny fixture on the test class path, and readers for its (and the other fixtures') golden files. */
public final class TinyModel {
    private TinyModel() {
    }

    public static Path dir() {
        return fixture("qwen25vl-tiny");
    }

    /** A fixture folder on the test class path ({@code qwen25vl-tiny}, {@code qwen3vl-tiny}), found by its config. */
    public static Path fixture(String name) {
        URL url = TinyModel.class.getResource("/" + name + "/config.json");
        if (url == null) throw new IllegalStateException(name + " fixture is not on the test class path");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static float[] goldenFloats(String name) {
        return floats(dir().resolve("golden").resolve(name));
    }

    /** A golden file: little-endian float32 values, as the fixtures' generators wrote them. */
    public static float[] floats(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the fixture's files into {@code target} so a test can damage them. */
    public static Path copyTo(Path target) throws IOException {
        try (var files = Files.list(dir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
