package dev.framewise.engine.torch;

/**
 * Settings that must be in place before the first DJL or JavaCV class loads: DJL must stay offline and
 * send no telemetry (its Engine initialiser otherwise makes HTTP calls), and libtorch should back large tensors with
 * huge pages ({@link NativeProcess#preferHugePages}). Safe to call more than once. The launchers
 * also select the libtorch build ({@code ActiveLibtorch.selectAtStart}), which calls this first.
 */
public final class NativeSetup {
    private NativeSetup() {
    }

    public static void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        NativeProcess.preferHugePages();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
