package dev.framewise.app.ui;

import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.RunViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.shape.Rectangle;

import static org.assertj.core.api.Assertions.assertThat;

/** A time range in the reasoning marks a range; a run's marks belong to its clip. */
class TimelineMarksTest extends WorkbenchUiTest {
    static final String SCRIPT = "<think>\n1. The ball rolls between 0.5 and 1.5 seconds.\n2. At 2.5 s it stops.\n</think>\n"
            + "<answer>\nIt stops.\n</answer>";

    @Test
    void aRangeIsMarkedAsARangeAndMarksLeaveWithTheirClip() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(SCRIPT), WorkbenchTest.SHOWN, 0));
        Path ball = h.showVideo("ball.mp4", 3, 10);
        h.loadModel();
        h.ask("When does it move?");
        h.await("the run is done", () -> h.vm.history().selected() != null && h.vm.history().selected().state() == RunViewModel.State.DONE);

        assertThat(h.fx(() -> h.vm.viewer().references())).containsExactly(2.5);
        assertThat(h.fx(() -> h.vm.viewer().referenceRanges().stream().map(r -> List.of(r[0], r[1])).toList()))
                .containsExactly(List.of(0.5, 1.5));
        double trackWidth = h.fx(() -> h.robot.lookup(".marker-range").queryAs(Rectangle.class).getWidth());
        double pointWidth = h.fx(() -> h.robot.lookup(".marker-reference").queryAllAs(Rectangle.class).stream()
                .filter(r -> !r.getStyleClass().contains("marker-range")).findFirst().orElseThrow().getWidth());
        assertThat(trackWidth).isGreaterThan(pointWidth * 5); // a third of the clip, not a point

        Path other = TestVideos.write(dir.resolve("other.mp4"), 2, 10);
        h.run(() -> h.vm.library().add(List.of(other)));
        h.await("the other clip is shown", () -> h.vm.viewer().shownMediaProperty().get() != null
                && h.vm.viewer().shownMediaProperty().get().name().equals("other.mp4"));
        assertThat(h.fx(() -> h.vm.viewer().references())).isEmpty();
        assertThat(h.fx(() -> h.vm.viewer().referenceRanges())).isEmpty();
        assertThat(h.fx(() -> h.vm.viewer().shownFrames())).isEmpty();

        MediaItem first = h.fx(() -> h.vm.library().find(ball.toAbsolutePath().normalize()));
        h.run(() -> h.vm.library().selectedProperty().set(first));
        h.await("the run's marks come back with its clip", () -> h.vm.viewer().references().size() == 1
                && h.vm.viewer().referenceRanges().size() == 1 && h.vm.viewer().shownFrames().size() == 6);
    }
}
