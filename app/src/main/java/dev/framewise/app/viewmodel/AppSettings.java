package dev.framewise.app.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the workbench remembers between starts (java.util.prefs; tests pass a throwaway node). */
public final class AppSettings {
    public enum Theme { SYSTEM, LIGHT, DARK }

    private static final String MODEL_FOLDER = "modelFolder";
    private static final String LAST_SESSION = "lastSession";
    private static final String THEME = "theme";
    private static final String DIVIDER = "divider.";
    private static final String WINDOW = "window.";
    private static final String RECENT_MEDIA = "recentMedia";
    private static final String SERVER_URL = "serverUrl";
    private static final String SERVER_MODEL = "serverModel";
    private static final String SYSTEM_PROMPT = "systemPrompt";
    private static final String ENGINE = "engine.";
    private static final String RECENT_SERVERS = "recentServers";
    private static final String KEY_SERVERS = "serversNeedingKey";
    private static final int MAX_RECENT = 10;
    private static final int MAX_RECENT_SERVERS = 5;

    private final Preferences node;

    public AppSettings(Preferences node) {
        this.node = node;
    }

    public static AppSettings forUser() {
        return new AppSettings(Preferences.userRoot().node("dev/framewise/workbench"));
    }

    public Optional<Path> modelFolder() {
        return path(MODEL_FOLDER);
    }

    public void setModelFolder(Path folder) {
        node.remove(SERVER_URL);
        node.remove(SERVER_MODEL);
        put(MODEL_FOLDER, folder.toAbsolutePath().toString());
    }

    /** An OpenAI-compatible server: its API root and the model name. */
    public record Server(String url, String model) {
    }

    /** The server of last time, unless a model folder was chosen since. */
    public Optional<Server> server() {
        String url = node.get(SERVER_URL, null);
        String model = node.get(SERVER_MODEL, null);
        return url == null || model == null ? Optional.empty() : Optional.of(new Server(url, model));
    }

    public void setServer(Server server) {
        List<Server> recent = new ArrayList<>(recentServers());
        recent.remove(server);
        recent.add(0, server);
        node.put(RECENT_SERVERS, String.join("\n", recent.stream().limit(MAX_RECENT_SERVERS)
                .map(s -> s.url() + " " + s.model()).toList()));
        put(SERVER_URL, server.url());
        put(SERVER_MODEL, server.model());
    }

    /**
     * Whether the server at {@code url} wanted an API key last time (the key itself is never stored: the model
     * picker asks for it once per session).
     */
    public boolean serverNeedsKey(String url) {
        return node.get(KEY_SERVERS, "").lines().anyMatch(url::equals);
    }

    public void setServerNeedsKey(String url, boolean needsKey) {
        List<String> urls = new ArrayList<>(node.get(KEY_SERVERS, "").lines().filter(l -> !l.equals(url)).toList());
        if (needsKey) urls.add(0, url);
        node.put(KEY_SERVERS, String.join("\n", urls.stream().limit(4L * MAX_RECENT_SERVERS).toList()));
    }

    /** Servers connected to lately, newest first (the model picker offers them). */
    public List<Server> recentServers() {
        // One per line, "URL MODEL": a URL has no spaces, a model name may.
        return node.get(RECENT_SERVERS, "").lines().filter(l -> l.indexOf(' ') > 0)
                .map(l -> new Server(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1))).toList();
    }

    public Optional<Path> lastSession() {
        return path(LAST_SESSION);
    }

    public void setLastSession(Path file) {
        put(LAST_SESSION, file.toAbsolutePath().toString());
    }

    /** The user's default system prompt for the workbench's questions; empty for the model family's. */
    public String systemPrompt() {
        return node.get(SYSTEM_PROMPT, "");
    }

    /** Refuses (with a message) a prompt longer than the settings store keeps: it would be cut. */
    public void setSystemPrompt(String text) {
        if (text != null && text.length() > Preferences.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("a default system prompt can be at most " + Preferences.MAX_VALUE_LENGTH
                    + " characters; shorten it to keep it as the default");
        }
        if (text == null || text.isBlank()) node.remove(SYSTEM_PROMPT);
        else node.put(SYSTEM_PROMPT, text);
    }

    /** The embedded engine's device, precision and context length (defaults where unset or unreadable). */
    public EngineSettings engineSettings() {
        try {
            return new EngineSettings(node.get(ENGINE + "device", "auto"), node.get(ENGINE + "precision", "bf16"),
                    node.getInt(ENGINE + "context", 0));
        } catch (IllegalArgumentException e) {
            return EngineSettings.DEFAULTS; // written by another version, or edited by hand
        }
    }

    public void setEngineSettings(EngineSettings chosen) {
        node.put(ENGINE + "device", chosen.device());
        node.put(ENGINE + "precision", chosen.precision());
        node.putInt(ENGINE + "context", chosen.contextLength());
    }

    public Theme theme() {
        try {
            return Theme.valueOf(node.get(THEME, Theme.SYSTEM.name()));
        } catch (IllegalArgumentException e) {
            return Theme.SYSTEM;
        }
    }

    public void setTheme(Theme theme) {
        put(THEME, theme.name());
    }

    /** Media added lately, newest first (the File ▸ Recent media menu). */
    public List<Path> recentMedia() {
        String joined = node.get(RECENT_MEDIA, "");
        return joined.isEmpty() ? List.of() : joined.lines().map(Path::of).toList();
    }

    public void addRecentMedia(Path file) {
        List<Path> recent = new ArrayList<>(recentMedia());
        recent.remove(file);
        recent.add(0, file);
        put(RECENT_MEDIA, String.join("\n", recent.stream().limit(MAX_RECENT).map(Path::toString).toList()));
    }

    /** A split pane's divider position, or {@code fallback} the first time. */
    public double divider(String name, double fallback) {
        return node.getDouble(DIVIDER + name, fallback);
    }

    /** Not flushed: a dragged divider moves many times a second (the window flushes when it closes). */
    public void setDivider(String name, double position) {
        try {
            node.putDouble(DIVIDER + name, position);
        } catch (IllegalStateException e) {
            // The node was removed meanwhile (settings reset): nothing to remember it in.
        }
    }

    /** The size a secondary window (compare, help, …) had when the user last left it, width then height. */
    public Optional<double[]> windowSize(String name) {
        double width = node.getDouble(WINDOW + name + ".width", -1);
        double height = node.getDouble(WINDOW + name + ".height", -1);
        return width > 0 && height > 0 ? Optional.of(new double[]{width, height}) : Optional.empty();
    }

    public void setWindowSize(String name, double width, double height) {
        node.putDouble(WINDOW + name + ".width", width);
        node.putDouble(WINDOW + name + ".height", height);
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // Settings are a convenience: losing them must never stop the workbench.
        }
    }

    private Optional<Path> path(String key) {
        String value = node.get(key, null);
        return value == null ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Writes and flushes; a settings node removed meanwhile (another instance reset it) is not an error. */
    private void put(String key, String value) {
        try {
            node.put(key, value);
        } catch (IllegalStateException e) {
            return;
        }
        flush();
    }
}
