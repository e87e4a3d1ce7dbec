package dev.framewise.engine.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Framewise's own data folder (the platform user data directory; {@code FRAMEWISE_DATA_DIR} moves it). Here rather
 * than in the store package because the model package keeps its quantised-weights cache in it
 * ({@link QuantizedCache}) and must not import the store (which imports the model).
 */
public final class DataFolder {
    private DataFolder() {
    }

    /** The data folder for this process's environment. */
    public static Path detect() {
        return of(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    public static Path of(Map<String, String> env, String osName, Path home) {
        String override = env.get("FRAMEWISE_DATA_DIR");
        if (notBlank(override)) return Path.of(override);
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = env.get("LOCALAPPDATA");
            Path base = notBlank(localAppData) ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
            return base.resolve("Framewise");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Framewise");
        }
        String xdgData = env.get("XDG_DATA_HOME");
        Path base = notBlank(xdgData) ? Path.of(xdgData) : home.resolve(".local").resolve("share");
        return base.resolve("framewise");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
