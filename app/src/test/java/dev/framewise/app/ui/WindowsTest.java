package dev.framewise.app.ui;

import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.RunViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Files handed over by a later launch, and secondary windows placed over the main one. */
class WindowsTest {
    @TempDir
    Path dir;
    private WorkbenchHarness harness;
    private final Preferences prefs = WorkbenchHarness.freshPrefs();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (harness != null) harness.close();
        WorkbenchHarness.removePrefs(prefs);
    }

    @Test
    void filesOfASecondLaunchOpenInTheSessionAndAreSelected() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
            throw new AssertionError("no model in this test");
        });
        Path first = TestVideos.write(dir.resolve("a.mp4"), 1, 10);
        h.run(() -> h.vm.openFiles(List.of(first)));
        h.await("a.mp4 is shown", () -> selectedName(h).equals("a.mp4"));
        Path second = TestVideos.write(dir.resolve("b.mp4"), 1, 10);
        h.run(() -> h.vm.openFiles(List.of(second)));
        h.await("b.mp4 is added and shown", () -> selectedName(h).equals("b.mp4"));
        h.run(() -> h.vm.openFiles(List.of(first)));
        h.await("a.mp4, already there, is shown again", () -> selectedName(h).equals("a.mp4"));
        assertThat(h.fx(() -> h.vm.library().items().stream().map(MediaItem::name).toList())).containsExactly("a.mp4", "b.mp4");
    }

    private static String selectedName(WorkbenchHarness h) {
        MediaItem item = h.vm.library().selectedProperty().get();
        return item == null || item.info() == null ? "" : item.name();
    }

    @Test
    void compareOpensOverTheMainWindowWithReadableTimesAndKeepsItsSize() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(WorkbenchTest.SCRIPT), WorkbenchTest.SHOWN, 0));
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 3, 10);
        h.run(() -> h.vm.library().add(List.of(video)));
        h.await("the video is shown", () -> h.vm.viewer().frameProperty().get() != null);
        Path model = h.modelFolder();
        h.run(() -> h.vm.engine().load(model));
        h.await("the model is ready", () -> h.vm.ask().state() == AskViewModel.State.READY);
        h.robot.clickOn("#question").write("What happens next?");
        h.robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        h.await("first run done", () -> h.vm.history().runs().size() == 1 && h.vm.history().selected().state() == RunViewModel.State.DONE);
        h.robot.clickOn("#history-rerun");
        h.await("second run done", () -> h.vm.history().runs().size() == 2 && h.vm.history().selected().state() == RunViewModel.State.DONE);

        Window compare = openCompare(h);
        Window main = h.stage;
        assertThat(h.fx(compare::getWidth)).isCloseTo(h.fx(main::getWidth) * 0.8, within(2.0));
        assertThat(h.fx(() -> compare.getX() + compare.getWidth() / 2)).isCloseTo(h.fx(() -> main.getX() + main.getWidth() / 2), within(2.0));
        assertThat(h.fx(() -> compare.getY() + compare.getHeight() / 2)).isCloseTo(h.fx(() -> main.getY() + main.getHeight() / 2), within(2.0));
        assertThat(h.fx(compare::getY)).isGreaterThanOrEqualTo(0);
        List<String> headings = h.fx(() -> h.robot.from(compare.getScene().getRoot()).lookup(".compare-heading")
                .queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(headings).hasSize(2).allMatch(t -> t.matches("Run [AB] · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));

        h.run(() -> {
            compare.setWidth(700);
            compare.setHeight(500);
            compare.hide();
        });
        Window again = openCompare(h);
        assertThat(h.fx(again::getWidth)).isEqualTo(700);
        assertThat(h.fx(again::getHeight)).isEqualTo(500);
        h.run(again::hide);
    }

    private static Window openCompare(WorkbenchHarness h) throws Exception {
        h.robot.clickOn("What happens next?");
        h.robot.press(KeyCode.SHIFT).press(KeyCode.DOWN).release(KeyCode.DOWN).release(KeyCode.SHIFT);
        h.robot.clickOn("#history-compare");
        h.await("the comparison window is open", () -> h.robot.lookup("#compare-view").tryQuery().isPresent());
        return h.fx(() -> h.robot.lookup("#compare-view").queryAs(SplitPane.class).getScene().getWindow());
    }
}
