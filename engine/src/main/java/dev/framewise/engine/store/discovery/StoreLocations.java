package dev.framewise.engine.store.discovery;

import dev.framewise.engine.model.DataFolder;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where models live on this machine: Framewise's own models folder (platform user data directory) and the
 * Hugging Face hub cache shared with Python tools. Both follow the environment, so tests and users can move
 * them: {@code FRAMEWISE_MODELS_DIR} for the first; {@code HF_HUB_CACHE}, {@code HF_HOME} and
 * {@code XDG_CACHE_HOME} for the second, in huggingface_hub's order of precedence.
 */
public record StoreLocations(Path modelsDir, Path hubCache) {

    /** The locations for this process's environment. */
    public static StoreLocations detect() {
        return fromEnvironment(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    public static StoreLocations fromEnvironment(Map<String, String> env, String osName, Path home) {
        return new StoreLocations(modelsDir(env, osName, home), hubCache(env, home));
    }

    private static Path modelsDir(Map<String, String> env, String osName, Path home) {
        String override = env.get("FRAMEWISE_MODELS_DIR");
        if (notBlank(override)) return Path.of(override);
        return dataDir(env, osName, home).resolve("models");
    }

    /**
     * Framewise's own data folder (the platform user data directory; {@code FRAMEWISE_DATA_DIR} moves it): the
     * models folder and the CUDA libtorch that {@code framewise gpu setup} installs live in it.
     */
    public static Path dataDir(Map<String, String> env, String osName, Path home) {
        return DataFolder.of(env, osName, home);
    }

    /** huggingface_hub constants: HF_HUB_CACHE, else HF_HOME/hub, else XDG_CACHE_HOME/huggingface/hub. */
    private static Path hubCache(Map<String, String> env, Path home) {
        String hubCache = env.get("HF_HUB_CACHE");
        if (notBlank(hubCache)) return Path.of(hubCache);
        String hfHome = env.get("HF_HOME");
        if (notBlank(hfHome)) return Path.of(hfHome).resolve("hub");
        String xdgCache = env.get("XDG_CACHE_HOME");
        Path cache = notBlank(xdgCache) ? Path.of(xdgCache) : home.resolve(".cache");
        return cache.resolve("huggingface").resolve("hub");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
