package dev.framewise.sessions.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where sessions live by default: the platform's user data folder ({@code $XDG_DATA_HOME/framewise} or
 * {@code ~/.local/share/framewise} on Linux, {@code %APPDATA%\Framewise} on Windows,
 * {@code ~/Library/Application Support/Framewise} on macOS), sub-folder {@code sessions}. The system property
 * {@value #PROPERTY} or the environment variable {@value #ENV} names another sessions folder.
 */
public final class SessionFolder {
    public static final String PROPERTY = "framewise.sessions.dir";
    public static final String ENV = "FRAMEWISE_SESSIONS_DIR";

    private SessionFolder() {
    }

    public static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("user.home"));
    }

    static Path resolve(String propertyOverride, Map<String, String> env, String osName, String userHome) {
        if (notBlank(propertyOverride)) return Path.of(propertyOverride);
        if (notBlank(env.get(ENV))) return Path.of(env.get(ENV));
        return userDataFolder(env, osName, userHome).resolve("sessions");
    }

    static Path userDataFolder(Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return notBlank(appData) ? Path.of(appData, "Framewise")
                    : Path.of(userHome, "AppData", "Roaming", "Framewise");
        }
        if (os.startsWith("mac")) return Path.of(userHome, "Library", "Application Support", "Framewise");
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if (notBlank(xdg) && Path.of(xdg).isAbsolute()) return Path.of(xdg, "framewise");
        return Path.of(userHome, ".local", "share", "framewise");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
