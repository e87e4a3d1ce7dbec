package dev.framewise.app;

import dev.framewise.app.viewmodel.SessionExport;
import dev.framewise.engine.cli.FramewiseCli;
import dev.framewise.engine.media.Media;
import dev.framewise.sessions.cli.SessionsCommand;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single entry point of the {@code framewise} launcher: with no arguments it opens the workbench, with
 * {@code --smoke-test} it checks an installation, and with a subcommand it runs the command line (the
 * engine's commands plus {@code sessions}, which lives in a module the engine cannot see). It must not
 * extend {@code Application}: JavaFX is on the class path, not the module path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].equals("--smoke-test")) {
            System.exit(FramewiseCli.run(List.of(new SessionsCommand(SessionExport.thumbnails(Media::open))), args));
        }
        // JavaFX on the class path is deliberate (DJL and JavaCV need it too); its warning about it is noise.
        Logger.getLogger("javafx").setLevel(Level.SEVERE);
        try {
            if (args.length == 0) {
                Workbench.launchWindow(args);
            } else {
                SmokeTest.run(args);
            }
        } catch (RuntimeException e) {
            System.err.println("framewise: cannot open the workbench window (" + e.getMessage()
                    + "); run it on a desktop session, or use the command line (framewise --help)");
            System.exit(1);
        }
    }
}
