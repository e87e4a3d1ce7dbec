package dev.framewise.engine.torch;

import dev.framewise.engine.gpu.ActiveLibtorch;

/**
 * Settings that must be in place before the first DJL or JavaCV class loads: DJL must stay offline and
 * send no telemetry (its Engine initialiser otherwise makes HTTP calls), and the CUDA libtorch switched on by
 * {@code framewise gpu setup} is selected. Safe to call more than once.
 */
public final class NativeSetup {
    private NativeSetup() {
    }

    public static void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        ActiveLibtorch.select(System.getenv());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
