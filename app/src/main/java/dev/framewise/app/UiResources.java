package dev.framewise.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.app.viewmodel.PromptPreset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/** The styles, icons and prompt presets shipped in the ui-resources module, loaded so a missing file fails fast with its path. */
public final class UiResources {
    private static final String ROOT = "/dev/framewise/ui/";

    private UiResources() {
    }

    public static String stylesheet(String name) {
        return url(name).toExternalForm();
    }

    public static List<PromptPreset> presets() {
        try (InputStream in = open("presets.json")) {
            return List.copyOf(new ObjectMapper().readValue(in, new TypeReference<List<PromptPreset>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "presets.json", e);
        }
    }

    /** The workbench guide (docs/workbench.md), as Markdown text. */
    public static String guide() {
        try (InputStream in = open("docs/workbench.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "docs/workbench.md", e);
        }
    }

    public static Properties icons() {
        try (InputStream in = open("icons.properties")) {
            Properties icons = new Properties();
            icons.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return icons;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "icons.properties", e);
        }
    }

    private static URL url(String name) {
        URL url = UiResources.class.getResource(ROOT + name);
        if (url == null) throw new IllegalStateException("missing resource " + ROOT + name + " (is ui-resources on the class path?)");
        return url;
    }

    private static InputStream open(String name) throws IOException {
        return url(name).openStream();
    }
}
