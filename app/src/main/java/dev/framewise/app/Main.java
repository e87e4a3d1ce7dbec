package dev.framewise.app;

import dev.framewise.engine.cli.FramewiseCli;

/**
 * The single entry point of the {@code framewise} launcher: with no arguments it opens the workbench,
 * with a subcommand it runs the engine's command line. (It must not extend {@code Application}: JavaFX is
 * on the class path, not the module path.)
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Workbench.launchWindow(args);
        } else {
            FramewiseCli.main(args);
        }
    }
}
