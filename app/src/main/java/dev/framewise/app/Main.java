package dev.framewise.app;

import dev.framewise.cli.FramewiseCli;
import dev.framewise.engine.gpu.ActiveLibtorch;
import dev.framewise.sessions.store.SessionFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single entry point of the {@code framewise} launcher: with no arguments (or only files: a session,
 * media, as the desktop's "Open with" passes them) it opens the workbench, with
 * {@code --smoke-test} it checks an installation, and with a subcommand it runs the command line. It must not
 * extend {@code Application}: JavaFX is on the class path, not the module path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean openFiles = args.length > 0 && Arrays.stream(args).allMatch(a -> Files.isRegularFile(Path.of(a)));
        if (args.length > 0 && !openFiles && !args[0].equals("--smoke-test")) {
            System.exit(FramewiseCli.run(args));
        }
        ActiveLibtorch.selectAtStart(); // before any model loads: the CUDA libtorch of framewise gpu setup, DJL offline
        // JavaFX on the class path is deliberate (DJL and JavaCV need it too); its warning about it is noise.
        Logger.getLogger("javafx").setLevel(Level.SEVERE);
        try {
            if (args.length == 0 || openFiles) {
                openWorkbench(args);
            } else {
                SmokeTest.run(args);
            }
        } catch (RuntimeException e) {
            System.err.println("framewise: cannot open the workbench window (" + e.getMessage()
                    + "); run it on a desktop session, or use the command line (framewise --help)");
            System.exit(1);
        }
    }

    /** One window per data folder: a second launch hands its files to the running one and ends. */
    private static void openWorkbench(String[] args) {
        List<Path> files = Arrays.stream(args).map(Path::of).toList();
        Optional<SingleInstance> instance;
        try {
            instance = SingleInstance.claim(SessionFolder.resolve(), files, Duration.ofSeconds(10));
        } catch (IOException e) {
            System.err.println("framewise: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (instance.isEmpty()) {
            if (!files.isEmpty()) System.out.println("framewise: opened in the workbench that is already running");
            else System.out.println("framewise: the workbench is already running");
            return;
        }
        Workbench.launchWindow(args, instance.get());
    }
}
