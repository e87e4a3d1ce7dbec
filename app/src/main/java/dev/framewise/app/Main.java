package dev.framewise.app;

import dev.framewise.engine.cli.FramewiseCli;

import java.util.logging.Level;
import java.util.logging.Logger;

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
            // JavaFX on the class path is deliberate (DJL and JavaCV need it too); its warning about it is noise.
            Logger.getLogger("javafx").setLevel(Level.SEVERE);
            try {
                Workbench.launchWindow(args);
            } catch (RuntimeException e) {
                System.err.println("framewise: cannot open the workbench window (" + e.getMessage()
                        + "); run it on a desktop session, or use the command line (framewise --help)");
                System.exit(1);
            }
        } else {
            FramewiseCli.main(args);
        }
    }
}
