package dev.framewise.engine.store;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The tiny Qwen2.5-VL fixture folder, from the test class path. */
public final class TestModels {
    private TestModels() {
    }

    public static Path tinyModel() {
        return resourceFolder("/qwen25vl-tiny/config.json");
    }

    public static Path resourceFolder(String fileInside) {
        URL url = TestModels.class.getResource(fileInside);
        if (url == null) throw new IllegalStateException(fileInside + " is not on the test class path");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
