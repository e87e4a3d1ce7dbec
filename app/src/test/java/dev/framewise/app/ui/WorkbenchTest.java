package dev.framewise.app.ui;

import dev.framewise.app.view.ReasoningView;
import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.EngineViewModel;
import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.Notification;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.engine.api.FrameRef;
import org.controlsfx.control.StatusBar;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.text.TextFlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** End-to-end through the real window: media in, question asked, reasoning streamed, links followed, sessions kept. */
class WorkbenchTest extends WorkbenchUiTest {
    /** A reasoning stream like Cosmos-Reason1's, cut into small pieces as a model would stream it. */
    static final String SCRIPT = "<think>\n1. The red ball starts on the left and rolls right.\n"
            + "2. At 1.5 s it passes the middle of the floor.\n"
            + "3. The green box is in its path, so it will hit the box.\n</think>\n\n"
            + "<answer>\nThe ball hits the green box next.\n</answer>";
    static final List<FrameRef> SHOWN = List.of(new FrameRef(0, 0), new FrameRef(5, 0.5), new FrameRef(10, 1.0),
            new FrameRef(15, 1.5), new FrameRef(20, 2.0), new FrameRef(25, 2.5));

    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 4) pieces.add(text.substring(i, Math.min(text.length(), i + 4)));
        return pieces;
    }

    private WorkbenchHarness open(ScriptedBackend backend) throws Exception {
        Preferences p = morePrefs();
        return open(p, backend);
    }

    private WorkbenchHarness open(Preferences p, ScriptedBackend backend) throws Exception {
        harness = new WorkbenchHarness(dir, p, (folder, progress) -> backend);
        return harness;
    }

    private MediaItem addVideo(WorkbenchHarness h, String name) throws Exception {
        h.showVideo(name, 3, 10);
        return h.fx(() -> h.vm.library().items().get(0));
    }

    @Test
    void modelLoadingShowsHowFarItGot() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(List.of(), List.of(), 0);
        CountDownLatch release = new CountDownLatch(1);
        Preferences p = morePrefs();
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, p, (folder, progress) -> {
            progress.accept(0.25);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return backend;
        });
        Path folder = h.modelFolder();
        h.run(() -> h.vm.engine().load(folder));
        StatusBar bar = h.robot.lookup("#status-bar").queryAs(StatusBar.class);
        h.await("the status bar shows a quarter of the load", () -> Math.abs(bar.getProgress() - 0.25) < 1e-9);
        assertThat(h.fx(() -> h.robot.lookup("#status-task").queryAs(Label.class).getText()))
                .isEqualTo("Loading model " + folder.getFileName());
        release.countDown();
        h.await("the model is ready", () -> h.vm.ask().state() == AskViewModel.State.READY);
        assertThat(h.fx(bar::getProgress)).isZero();
    }

    @Test
    void cancellingAModelLoadKeepsTheModelInUse() throws Exception {
        ScriptedBackend inUse = new ScriptedBackend(List.of(), List.of(), 0);
        ScriptedBackend next = new ScriptedBackend(List.of(), List.of(), 0);
        CountDownLatch cancelClicked = new CountDownLatch(1);
        AtomicReference<Throwable> secondLoadEnded = new AtomicReference<>();
        AtomicInteger loads = new AtomicInteger();
        Preferences p = morePrefs();
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, p, (folder, progress) -> {
            if (loads.getAndIncrement() == 0) return inUse;
            progress.accept(0.25);
            // Like the engine, whose native calls a thread interrupt does not stop, wait on through Cancel's interrupt.
            boolean interrupted = false;
            while (cancelClicked.getCount() > 0) {
                try {
                    cancelClicked.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            try {
                progress.accept(0.5); // the engine reports its next layer: a cancelled load stops there
                return next;
            } catch (RuntimeException e) {
                secondLoadEnded.set(e);
                throw e;
            }
        });
        h.loadModel();
        Path folder = h.modelFolder();
        h.run(() -> h.vm.engine().load(folder));
        StatusBar bar = h.robot.lookup("#status-bar").queryAs(StatusBar.class);
        h.await("the second load is under way", () -> Math.abs(bar.getProgress() - 0.25) < 1e-9);
        h.robot.clickOn("#status-cancel");
        h.await("the model in use is back", () -> h.vm.engine().stateProperty().get() == EngineViewModel.State.READY);
        assertThat(h.fx(() -> h.vm.engine().backendProperty().get())).isSameAs(inUse);
        assertThat(h.fx(() -> h.vm.engine().descriptionProperty().get())).isEqualTo(inUse.describe());
        cancelClicked.countDown();
        h.await("the cancelled load stops at its next report", () -> secondLoadEnded.get() != null);
        assertThat(secondLoadEnded.get()).isInstanceOf(CancellationException.class);
        assertThat(inUse.closed).isFalse();
        assertThat(h.fx(() -> h.vm.engine().backendProperty().get())).isSameAs(inUse);
    }

    @Test
    void addedVideoShowsThumbnailFilmstripAndFrames() throws Exception {
        WorkbenchHarness h = open(new ScriptedBackend(List.of(), List.of(), 0));
        addVideo(h, "ball.mp4");

        assertThat(h.fx(() -> h.robot.lookup("#library-list").queryAs(ListView.class).getItems().size())).isEqualTo(1);
        assertThat(h.fx(() -> h.vm.library().items().get(0).detailProperty().get())).startsWith("Video · 0:03.0 · 320×180");
        assertThat(h.fx(() -> h.robot.lookup("#filmstrip").queryAs(HBox.class).getChildren().size())).isEqualTo(10);
        assertThat(h.fx(() -> ((ImageView) h.robot.lookup("#filmstrip").queryAs(HBox.class).getChildren().get(0)).getImage().getWidth()))
                .isEqualTo(160.0);
        assertThat(h.fx(() -> h.robot.lookup("#timeline-slider").queryAs(Slider.class).getMax())).isCloseTo(3.0, within(0.15));

        h.robot.clickOn("#timeline-slider");
        h.run(() -> h.vm.viewer().seek(0));
        h.await("frame 0 is shown", () -> h.vm.viewer().frameIndexProperty().get() == 0);
        h.robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        h.robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        h.await("two frames on", () -> h.vm.viewer().frameIndexProperty().get() == 2);
        assertThat(h.fx(() -> h.vm.viewer().positionProperty().get())).isCloseTo(0.2, within(0.01));
    }

    @Test
    void askStreamsNumberedStepsAndALinkThatSeeksTheTimeline() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(pieces(SCRIPT), SHOWN, 0);
        WorkbenchHarness h = open(backend);
        addVideo(h, "ball.mp4");
        h.loadModel();

        h.ask("What happens next?");
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() == RunViewModel.State.DONE);

        StyleClassedTextArea thinking = h.robot.lookup("#reasoning-text").queryAs(StyleClassedTextArea.class);
        String shown = h.fx(thinking::getText);
        assertThat(shown).isEqualTo("1  The red ball starts on the left and rolls right.\n"
                + "2  At 1.5 s it passes the middle of the floor.\n"
                + "3  The green box is in its path, so it will hit the box.");
        assertThat(h.fx(() -> ReasoningView.textOf(h.robot.lookup("#answer-text").queryAs(TextFlow.class))))
                .isEqualTo("The ball hits the green box next.");
        assertThat(h.fx(() -> h.vm.history().runs().size())).isEqualTo(1);
        assertThat(h.fx(() -> h.vm.viewer().shownFrames().size())).isEqualTo(6);
        assertThat(h.fx(() -> h.vm.viewer().references())).containsExactly(1.5);
        assertThat(backend.requests.get(0).messages().get(0).role()).isEqualTo("system");

        int at = shown.indexOf("1.5 s") + 1;
        Bounds link = h.fx(() -> thinking.getCharacterBoundsOnScreen(at, at + 1).orElseThrow());
        h.robot.moveTo(link.getCenterX(), link.getCenterY());
        h.await("hovering marks 1.5 s on the timeline", () -> h.vm.viewer().hoveredReferenceProperty().get() == 1.5);
        assertThat(h.fx(() -> h.robot.lookup(".marker-reference.hovered").queryAll().size())).isEqualTo(1);
        h.robot.clickOn(link.getCenterX(), link.getCenterY());
        h.await("the timeline moved to 1.5 s", () -> Math.abs(h.robot.lookup("#timeline-slider").queryAs(Slider.class).getValue() - 1.5) < 1e-9);
        h.await("the frame at 1.5 s is shown", () -> h.vm.viewer().frameIndexProperty().get() == 15);

        assertThat(h.fx(() -> styleClassesIn(thinking))).doesNotContain("conf-2");
        h.robot.clickOn("#confidence-toggle");
        h.await("unlikely tokens are shaded", () -> styleClassesIn(thinking).contains("conf-2"));
    }

    private static List<String> styleClassesIn(StyleClassedTextArea area) {
        List<String> classes = new ArrayList<>();
        area.getStyleSpans(0, area.getLength()).forEach(span -> classes.addAll(span.getStyle()));
        return classes;
    }

    @Test
    void presetTemplateFillsTheQuestion() throws Exception {
        WorkbenchHarness h = open(new ScriptedBackend(List.of(), List.of(), 0));
        h.robot.clickOn("#presets");
        h.robot.clickOn("Which object moved first?");
        assertThat(h.fx(() -> h.vm.ask().questionProperty().get()))
                .isEqualTo("Which object moved first, and at what time? List the objects that move in order.");
        assertThat(h.fx(() -> h.vm.ask().presets().size())).isEqualTo(6);
    }

    @Test
    void escapeStopsGeneration() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(pieces(SCRIPT.repeat(5)), SHOWN, 30);
        WorkbenchHarness h = open(backend);
        addVideo(h, "ball.mp4");
        h.loadModel();

        h.ask("Is this action safe?");
        h.await("tokens stream", () -> h.vm.history().selected() != null && h.vm.history().selected().tokens().size() > 5);
        h.robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        h.await("the run stopped", () -> h.vm.history().selected().state() != RunViewModel.State.STREAMING);
        assertThat(h.fx(() -> h.vm.history().selected().state())).isEqualTo(RunViewModel.State.CANCELLED);
        assertThat(h.fx(() -> h.vm.history().selected().tokens().size())).isBetween(6, pieces(SCRIPT.repeat(5)).size() - 1);
        assertThat(h.fx(() -> h.vm.ask().state())).isEqualTo(AskViewModel.State.READY);
    }

    @Test
    void corruptVideoIsReportedAndTheSessionStaysIntact() throws Exception {
        WorkbenchHarness h = open(new ScriptedBackend(List.of(), List.of(), 0));
        addVideo(h, "ball.mp4");
        Path corrupt = Files.write(dir.resolve("broken.mp4"), new byte[]{0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3, 4, 5, 6, 7, 8});

        h.run(() -> h.vm.library().add(List.of(corrupt)));
        h.await("an error is shown", () -> !h.vm.notifications().notifications().isEmpty());

        Notification error = h.fx(() -> h.vm.notifications().notifications().get(0));
        assertThat(error.kind()).isEqualTo(Notification.Kind.ERROR);
        assertThat(error.message()).startsWith("Could not add broken.mp4: broken.mp4: ");
        assertThat(error.details()).contains("MediaException");
        assertThat(h.fx(() -> h.vm.library().items().stream().map(MediaItem::name).toList())).containsExactly("ball.mp4");
        assertThat(h.fx(() -> h.vm.viewer().frameProperty().get())).isNotNull();
    }

    @Test
    void savedSessionReopensWithMediaRunSelectionAndPosition() throws Exception {
        Preferences p = morePrefs();
        WorkbenchHarness h = open(p, new ScriptedBackend(pieces(SCRIPT), SHOWN, 0));
        addVideo(h, "ball.mp4");
        h.loadModel();
        h.ask("What happens next?");
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() == RunViewModel.State.DONE);
        h.run(() -> h.vm.viewer().seek(2.2));
        Path file = dir.resolve("kept.framewise");
        h.run(() -> h.vm.session().saveAs(file));
        String runId = h.fx(() -> h.vm.history().selected().id());
        h.close();
        harness = null;

        WorkbenchHarness again = open(p, new ScriptedBackend(List.of(), List.of(), 0));
        again.run(() -> again.vm.session().reopenLast());
        again.await("the video is back on screen", () -> again.vm.viewer().frameProperty().get() != null);
        assertThat(again.fx(() -> again.vm.session().fileProperty().get())).isEqualTo(file);
        assertThat(again.fx(() -> again.vm.library().items().stream().map(MediaItem::name).toList())).containsExactly("ball.mp4");
        assertThat(again.fx(() -> again.vm.history().runs().size())).isEqualTo(1);
        assertThat(again.fx(() -> again.vm.history().selected().id())).isEqualTo(runId);
        assertThat(again.fx(() -> again.vm.history().selected().text())).isEqualTo(SCRIPT);
        assertThat(again.fx(() -> again.vm.viewer().positionProperty().get())).isCloseTo(2.2, within(1e-9));
        assertThat(again.fx(() -> again.vm.viewer().references())).containsExactly(1.5);
        assertThat(again.fx(() -> again.vm.viewer().shownFrames().size())).isEqualTo(6);
        assertThat(again.fx(() -> ReasoningView.textOf(again.robot.lookup("#answer-text").queryAs(TextFlow.class))))
                .isEqualTo("The ball hits the green box next.");
    }

    @Test
    void twoRunsCompareSideBySide() throws Exception {
        WorkbenchHarness h = open(new ScriptedBackend(pieces(SCRIPT), SHOWN, 0));
        addVideo(h, "ball.mp4");
        h.loadModel();
        h.ask("What happens next?");
        h.await("first run done", () -> h.vm.history().runs().size() == 1 && h.vm.history().selected().state() == RunViewModel.State.DONE);
        h.robot.clickOn("#history-rerun");
        h.await("second run done", () -> h.vm.history().runs().size() == 2 && h.vm.history().selected().state() == RunViewModel.State.DONE);
        assertThat(h.fx(() -> h.vm.history().runs().get(1).usedSeed())).isEqualTo(h.fx(() -> h.vm.history().runs().get(0).usedSeed()));

        h.robot.clickOn("What happens next?");
        h.robot.press(KeyCode.SHIFT).press(KeyCode.DOWN).release(KeyCode.DOWN).release(KeyCode.SHIFT);
        h.robot.clickOn("#history-compare");
        h.await("the comparison window is open", () -> h.robot.lookup("#compare-view").tryQuery().isPresent());
        javafx.scene.control.SplitPane compare = h.robot.lookup("#compare-view").queryAs(javafx.scene.control.SplitPane.class);
        assertThat(h.fx(() -> compare.getItems().size())).isEqualTo(2);
        assertThat(h.fx(() -> h.robot.from(compare).lookup(".text-area").queryAllAs(javafx.scene.control.TextArea.class).stream()
                .map(javafx.scene.control.TextArea::getText).filter("The ball hits the green box next."::equals).count())).isEqualTo(2);
        h.run(() -> compare.getScene().getWindow().hide());

        h.robot.clickOn("What happens next?");
        h.robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        h.await("the run is removed", () -> h.vm.history().runs().size() == 1);
    }

    @Test
    void missingMediaIsMarkedAndCanBeRelinked() throws Exception {
        Preferences p = morePrefs();
        WorkbenchHarness h = open(p, new ScriptedBackend(List.of(), List.of(), 0));
        addVideo(h, "moved.mp4");
        h.run(() -> h.vm.session().saveAs(dir.resolve("moving.framewise")));
        h.close();
        harness = null;
        Path elsewhere = Files.move(dir.resolve("moved.mp4"), Files.createDirectories(dir.resolve("elsewhere")).resolve("moved.mp4"));

        WorkbenchHarness again = open(p, new ScriptedBackend(List.of(), List.of(), 0));
        again.run(() -> again.vm.session().reopenLast());
        again.await("the item is back, marked missing", () -> again.vm.library().items().size() == 1
                && again.vm.library().items().get(0).statusProperty().get() == MediaItem.Status.MISSING);
        assertThat(again.fx(() -> again.vm.library().items().get(0).detailProperty().get())).isEqualTo("File not found — relink it");
        assertThat(again.fx(() -> again.robot.lookup(".library-cell.missing").queryAll().size())).isEqualTo(1);

        again.run(() -> again.vm.library().relink(again.vm.library().items().get(0), elsewhere));
        again.await("the relinked video is shown", () -> again.vm.viewer().frameProperty().get() != null);
        assertThat(again.fx(() -> again.vm.library().items().get(0).path())).isEqualTo(elsewhere);
        assertThat(again.fx(() -> again.robot.lookup(".library-cell.missing").queryAll().size())).isZero();
    }

    @Test
    void parametersPopoverSetsTheSeedAndSessionsExportAndStartAfresh() throws Exception {
        WorkbenchHarness h = open(new ScriptedBackend(pieces(SCRIPT), SHOWN, 0));
        addVideo(h, "ball.mp4");
        h.loadModel();
        h.robot.clickOn("#params");
        h.robot.clickOn("#param-seed").write("42");
        h.robot.clickOn("#params-done");
        h.await("the popover is closed", () -> h.robot.lookup("#param-seed").tryQuery().map(n -> !n.getScene().getWindow().isShowing()).orElse(true));
        assertThat(h.fx(() -> h.vm.ask().params().seedProperty().get())).isEqualTo(42L);
        h.ask("Where is the ball relative to the box?");
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() == RunViewModel.State.DONE);
        assertThat(h.fx(() -> h.vm.history().selected().usedSeed())).isEqualTo(42L);

        Path markdown = dir.resolve("export.md");
        h.run(() -> h.vm.export(markdown));
        h.await("the export is written", () -> h.vm.notifications().notifications().stream()
                .anyMatch(n -> n.message().startsWith("Exported the session")));
        assertThat(Files.readString(markdown)).contains("Where is the ball relative to the box?", "The ball hits the green box next.");

        h.robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        h.await("a new empty session", () -> h.vm.library().items().isEmpty() && h.vm.history().runs().isEmpty());
        assertThat(h.fx(() -> h.vm.viewer().frameProperty().get())).isNull();
    }

    @Test
    void aDamagedSessionFileIsExplainedAndTheOpenSessionKept() throws Exception {
        WorkbenchHarness h = open(new ScriptedBackend(List.of(), List.of(), 0));
        addVideo(h, "ball.mp4");
        Path damaged = Files.writeString(dir.resolve("damaged.framewise"), "{\"schema_version\": 2, \"id\": ");
        Path before = h.fx(() -> h.vm.session().fileProperty().get());

        h.run(() -> h.vm.session().open(damaged));

        Notification error = h.fx(() -> h.vm.notifications().notifications().get(0));
        assertThat(error.message()).startsWith("Could not open damaged.framewise: ").contains("It was set aside as damaged.framewise.corrupt-");
        assertThat(h.fx(() -> h.vm.session().fileProperty().get())).isEqualTo(before);
        assertThat(h.fx(() -> h.vm.library().items().stream().map(MediaItem::name).toList())).containsExactly("ball.mp4");
    }
}
