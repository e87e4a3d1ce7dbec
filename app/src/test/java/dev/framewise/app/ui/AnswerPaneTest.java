package dev.framewise.app.ui;

import dev.framewise.app.view.ReasoningView;
import dev.framewise.app.viewmodel.RunViewModel;
import org.junit.jupiter.api.Test;

import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer card: Markdown shown with its links, copied as Markdown, and the whole panel for a model that does not reason aloud. */
class AnswerPaneTest extends WorkbenchUiTest {
    static final String MARKDOWN = "<think>\n1. The ball rolls right.\n</think>\n\n<answer>\nIt is **not** safe:\n\n"
            + "- the box is in the way\n- contact at 2.5 s\n\n```json\n{\"label\": \"box\"}\n```\n</answer>";
    static final String PLAIN = "Two cups are on the table. The left one is tipped over at 1.5 s, and the right one stays "
            + "upright the whole time; nothing else on the table moves.";

    private WorkbenchHarness askWith(String script) throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(script), WorkbenchTest.SHOWN, 0));
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();
        h.ask("Is it safe?");
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() == RunViewModel.State.DONE);
        return h;
    }

    @Test
    void aMarkdownAnswerShowsListsCodeAndItsTimeLinkAndCopiesAsMarkdown() throws Exception {
        WorkbenchHarness h = askWith(MARKDOWN);
        TextFlow answer = h.robot.lookup("#answer-text").queryAs(TextFlow.class);
        assertThat(h.fx(() -> ReasoningView.textOf(answer)))
                .isEqualTo("It is not safe:\n\n\u2022 the box is in the way\n\u2022 contact at 2.5 s\n\n{\"label\": \"box\"}");
        assertThat(h.fx(() -> styleOf(answer, "not"))).contains("answer", "md-strong");
        assertThat(h.fx(() -> styleOf(answer, "{\"label\": \"box\"}"))).contains("md-code-block");
        Text link = h.fx(() -> answer.getChildren().stream().map(Text.class::cast)
                .filter(t -> t.getStyleClass().contains("ref-link")).findFirst().orElseThrow());
        assertThat(link.getText()).contains("2.5 s");
        h.run(() -> link.getOnMouseClicked().handle(null));
        h.await("the link seeks", () -> Math.abs(h.vm.viewer().positionProperty().get() - 2.5) < 0.11);

        h.robot.clickOn("#copy-answer");
        assertThat(h.fx(() -> Clipboard.getSystemClipboard().getString()))
                .isEqualTo("It is **not** safe:\n\n- the box is in the way\n- contact at 2.5 s\n\n```json\n{\"label\": \"box\"}\n```");
        h.robot.clickOn("#copy-run");
        assertThat(h.fx(() -> Clipboard.getSystemClipboard().getString()))
                .startsWith("## Is it safe?\n\n### Reasoning\n\n1. The ball rolls right.\n\n### Answer\n\nIt is **not** safe:");
        assertThat(h.fx(() -> h.robot.lookup("#reasoning-scroll").query().isVisible())).isTrue();
    }

    @Test
    void anAnswerWithoutReasoningHasThePanelToItself() throws Exception {
        WorkbenchHarness h = askWith(PLAIN);
        assertThat(h.fx(() -> ReasoningView.textOf(h.robot.lookup("#answer-text").queryAs(TextFlow.class)))).isEqualTo(PLAIN);
        assertThat(h.fx(() -> h.robot.lookup("#reasoning-scroll").query().isVisible())).isFalse();
        Node card = h.robot.lookup("#answer-card").query();
        Node panel = card.getParent();
        // the card fills the panel below its header rather than sitting in two lines under an empty reasoning area
        assertThat(h.fx(() -> card.getBoundsInParent().getHeight())).isGreaterThan(h.fx(() -> panel.getLayoutBounds().getHeight() * 0.6));
    }

    private static String styleOf(TextFlow flow, String text) {
        return String.join(" ", textNode(flow, text).getStyleClass());
    }

    private static Text textNode(TextFlow flow, String text) {
        return flow.getChildren().stream().map(Text.class::cast).filter(t -> t.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no piece '" + text + "' in " + ReasoningView.textOf(flow)));
    }
}
