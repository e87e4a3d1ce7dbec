package dev.framewise.app.ui;

import dev.framewise.app.viewmodel.CostEstimates;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.engine.api.Timings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost preview in the real window: it appears beside Ask once a model folder and a video are in, a long
 * estimate offers cheaper settings, one click applies one (the parameters change and the estimate follows), and
 * the run keeps the estimate it was asked with and refines the calibration.
 */
class CostPreviewUiTest extends WorkbenchUiTest {
    private final List<Timings> refined = new CopyOnWriteArrayList<>();

    private final CostEstimates estimates = SlowEstimates.refiningInto(refined::add);

    @Test
    void thePreviewFollowsTheSettingsAndOffersCheaperOnes() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(WorkbenchTest.pieces(WorkbenchTest.SCRIPT), WorkbenchTest.SHOWN, 0);
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> backend,
                WorkbenchHarness.NO_SERVER, estimates);
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();

        Label line = h.robot.lookup("#cost-preview").queryAs(Label.class);
        h.await("the preview shows an estimate", () -> h.vm.ask().preview().estimateProperty().get() != null);
        assertThat(h.fx(line::getText)).isEqualTo(
                "12 frames · 3,072 vision tokens · 3,132 prompt tokens · 18.0 GiB · first token ≈ 36 s");
        h.await("cheaper settings are offered", () -> h.robot.lookup("#cost-suggestions").query().isVisible());
        List<Button> offered = h.fx(() -> h.robot.lookup("#cost-suggestions").queryAs(FlowPane.class).getChildren()
                .stream().filter(n -> n instanceof Button).map(n -> (Button) n).toList());
        assertThat(offered).extracting(Button::getText).containsExactly("2 fps instead of 4 — first token ≈ 18 s",
                "half the pixels per frame (301,056) — first token ≈ 18 s");
        Button halfFps = offered.get(0);

        h.robot.clickOn(halfFps);
        h.await("the fps is applied", () -> h.vm.ask().params().fpsProperty().get() == 2.0);
        h.await("the estimate follows", () -> line.getText().startsWith("6 frames"));
        Node offers = h.robot.lookup("#cost-suggestions").query();
        h.await("18 s is not long: no offer", () -> !offers.isVisible());

        h.ask("What will the ball hit next?");
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() == RunViewModel.State.DONE);
        RunViewModel run = h.fx(() -> h.vm.history().selected());
        assertThat(run.estimate()).isNotNull();
        assertThat(run.estimate().frames()).isEqualTo(6);
        h.await("the run refined the calibration", () -> refined.size() == 1);
    }
}
