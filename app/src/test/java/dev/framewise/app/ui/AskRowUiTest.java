package dev.framewise.app.ui;

import dev.framewise.app.view.AskView;
import dev.framewise.app.view.ReasoningView;
import dev.framewise.app.viewmodel.CostEstimates;
import org.junit.jupiter.api.Test;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.FlowPane;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Ask row stays whole when the cost preview grows: in a narrow window the preview's line and its cheaper
 * settings wrap onto several lines, and the Ask button must still lie inside the Ask panel's visible area, above
 * the Reasoning pane (it was once pushed under it, the panel's height fixed by its divider).
 */
class AskRowUiTest extends WorkbenchUiTest {

    /** A slow estimate, so that cheaper settings are offered. */
    private final CostEstimates estimates = SlowEstimates.refiningInto(actual -> { });

    @Test
    void wrappedCheaperSettingsDoNotPushTheAskButtonUnderTheReasoningPane() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(WorkbenchTest.pieces(WorkbenchTest.SCRIPT), WorkbenchTest.SHOWN, 0);
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> backend,
                WorkbenchHarness.NO_SERVER, estimates);
        h.run(() -> {
            h.stage.setMaximized(false);
            h.stage.setWidth(820);
            h.stage.setHeight(700);
        });
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();
        h.await("cheaper settings are offered", () -> h.robot.lookup("#cost-suggestions").query().isVisible());
        FlowPane cheaper = h.robot.lookup("#cost-suggestions").queryAs(FlowPane.class);
        Button ask = h.robot.lookup("#ask").queryAs(Button.class);
        AskView askView = h.robot.lookup(n -> n instanceof AskView).queryAs(AskView.class);
        ReasoningView reasoning = h.robot.lookup(n -> n instanceof ReasoningView).queryAs(ReasoningView.class);
        // the narrow column makes the offers wrap: the label and two buttons take more than one line
        h.await("the offers wrap", () -> {
            double first = cheaper.getChildren().get(0).getBoundsInParent().getMinY();
            return cheaper.getChildren().stream().anyMatch(n -> n.getBoundsInParent().getMinY() > first + 1);
        });
        // the divider dragged up as far as it goes: the SplitPane keeps the panel's minimum height, which counts one
        // line of offers and of preview (a wrapping control's minimum is computed for no particular width)
        h.run(() -> {
            javafx.scene.Parent p = askView.getParent();
            while (!(p instanceof javafx.scene.control.SplitPane)) p = p.getParent();
            ((javafx.scene.control.SplitPane) p).setDividerPosition(0, 0.0);
        });
        h.await("the Ask button is whole, above the reasoning pane", () -> {
            Bounds button = inScene(ask);
            Bounds visible = inScene(askView.getParent()); // the SplitPane's clipped area holding the Ask panel
            Bounds below = inScene(reasoning);
            return button.getHeight() > 0 && button.getMinY() >= visible.getMinY() - 0.5
                    && button.getMaxY() <= visible.getMaxY() + 0.5 && button.getMaxY() <= below.getMinY() + 0.5
                    && button.getMaxY() <= askView.getHeight() + inScene(askView).getMinY() + 0.5;
        });
        Bounds button = h.fx(() -> inScene(ask));
        assertThat(button.getMaxY()).isLessThanOrEqualTo(h.fx(() -> inScene(reasoning).getMinY()) + 0.5);
        assertThat(button.getMaxY()).isLessThanOrEqualTo(h.fx(() -> ask.getScene().getHeight()));
        assertThat(h.fx(ask::isVisible)).isTrue();
    }

    private static Bounds inScene(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }
}
