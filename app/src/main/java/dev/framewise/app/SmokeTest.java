package dev.framewise.app;

import dev.framewise.app.view.MainWindow;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.EngineViewModel;
import dev.framewise.app.viewmodel.Notification;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.app.viewmodel.WorkbenchViewModel;
import dev.framewise.sessions.store.FileSessionStore;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * {@code framewise --smoke-test [--model DIR]}: proves an installation works end to end through the real
 * window — opens the workbench, adds a generated image, loads the model, asks one short question about the
 * image, prints one line and exits 0 (non-zero with the reason). It uses a throw-away session folder and
 * settings node, so nothing of the user's is read or changed.
 */
public final class SmokeTest extends Application {
    private static final long TIME_LIMIT_MS = 600_000;
    private static final String QUESTION = "What colour is the square? Answer in one word.";

    private static Path model;
    private static volatile String step = "starting JavaFX";

    private ExecutorService background;
    private Preferences settingsNode;
    private long started;

    static void run(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                model = Path.of(args[++i]);
            } else {
                fail("unknown argument " + args[i] + " (usage: framewise --smoke-test [--model DIR])");
            }
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TIME_LIMIT_MS);
                fail("timed out after " + TIME_LIMIT_MS / 1000 + " s while " + step);
            } catch (InterruptedException ignored) {
                // the JVM is exiting
            }
        }, "smoke-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Application.launch(SmokeTest.class);
    }

    @Override
    public void start(Stage stage) throws IOException {
        started = System.nanoTime();
        step = "opening the window";
        Path work = Files.createTempDirectory("framewise-smoke");
        settingsNode = Preferences.userRoot().node("dev/framewise/smoke-" + ProcessHandle.current().pid());
        background = Workbench.newBackgroundPool();
        WorkbenchViewModel vm = new WorkbenchViewModel(Workbench.services(background, new AppSettings(settingsNode),
                new FileSessionStore(work.resolve("sessions"))));
        new MainWindow(vm, stage);
        stage.show();
        vm.notifications().notifications().addListener((javafx.collections.ListChangeListener<Notification>) change -> {
            while (change.next()) {
                change.getAddedSubList().stream().filter(n -> n.kind() == Notification.Kind.ERROR).findFirst()
                        .ifPresent(n -> fail(n.message() + " (while " + step + ")"));
            }
        });

        step = "decoding a generated image";
        Path image = squareImage(work.resolve("red-square.png"));
        vm.viewer().shownMediaProperty().addListener((obs, old, shown) -> {
            if (shown != null) afterImageShown(vm);
        });
        vm.library().add(List.of(image));
    }

    private void afterImageShown(WorkbenchViewModel vm) {
        if (model == null) {
            succeed("window opened and a generated image decoded; no --model given, so no question asked");
            return;
        }
        step = "loading the model in " + model;
        vm.engine().stateProperty().addListener((obs, old, state) -> {
            if (state == EngineViewModel.State.READY) ask(vm);
        });
        vm.engine().load(model);
    }

    private void ask(WorkbenchViewModel vm) {
        step = "asking the model";
        vm.history().onFinished(run -> {
            if (run.state() != RunViewModel.State.DONE) {
                fail("the question ended " + run.state().name().toLowerCase(Locale.ROOT)
                        + (run.errorProperty().get() == null ? "" : ": " + run.errorProperty().get()));
            }
            String answer = run.text().strip().replaceAll("\\s+", " ");
            succeed(String.format(Locale.ROOT, "%s answered %d tokens about a generated image in %.1f s: \"%s\"",
                    vm.engine().descriptionProperty().get(), run.tokens().size(), run.totalMsProperty().get() / 1000,
                    answer.length() > 60 ? answer.substring(0, 60) + "…" : answer));
        });
        vm.ask().params().temperatureProperty().set(0);
        vm.ask().params().maxTokensProperty().set(16);
        vm.ask().params().seedProperty().set(0L);
        vm.ask().includeMediaProperty().set(true);
        vm.ask().questionProperty().set(QUESTION);
        vm.ask().ask();
    }

    private static Path squareImage(Path file) throws IOException {
        BufferedImage img = new BufferedImage(112, 84, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 112, 84);
        g.setColor(new Color(220, 30, 30));
        g.fillRect(36, 22, 40, 40);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private void succeed(String what) {
        System.out.printf(Locale.ROOT, "framewise smoke test: ok in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
        exit(0);
    }

    private static void fail(String why) {
        System.out.println("framewise smoke test: FAILED: " + why);
        System.exit(1);
    }

    private void exit(int code) {
        try {
            settingsNode.removeNode();
        } catch (BackingStoreException | IllegalStateException ignored) {
            // a left-over preferences node of a smoke run is harmless
        }
        background.shutdownNow();
        Platform.exit();
        System.exit(code);
    }
}
