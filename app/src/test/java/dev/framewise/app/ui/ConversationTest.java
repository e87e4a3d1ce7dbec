package dev.framewise.app.ui;

import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow-up questions through the real window: asked in the run's conversation, shown as one, kept and exported. */
class ConversationTest extends WorkbenchUiTest {
    private static final String SECOND = "<think>\nThe box is in the ball's path.\n</think>\n\n<answer>\nIt is in the way.\n</answer>";

    /** Answers the first request with {@link WorkbenchTest#SCRIPT}, every later one with {@link #SECOND}. */
    private static final class TwoAnswers implements dev.framewise.engine.api.InferenceBackend {
        final ScriptedBackend first = new ScriptedBackend(WorkbenchTest.pieces(WorkbenchTest.SCRIPT), WorkbenchTest.SHOWN, 0);
        final ScriptedBackend later = new ScriptedBackend(WorkbenchTest.pieces(SECOND), WorkbenchTest.SHOWN, 0);
        final List<GenerationRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String describe() {
            return "Scripted test model";
        }

        @Override
        public dev.framewise.engine.api.GenerationResult generate(GenerationRequest request,
                dev.framewise.engine.api.GenerationListener listener, dev.framewise.engine.api.CancellationToken cancel) {
            requests.add(request);
            return (requests.size() == 1 ? first : later).generate(request, listener, cancel);
        }

        @Override
        public void close() {
        }
    }

    private WorkbenchHarness open(Preferences p, dev.framewise.engine.api.InferenceBackend backend) throws Exception {
        harness = new WorkbenchHarness(dir, p, (folder, progress) -> backend);
        return harness;
    }

    private static String text(ChatMessage m) {
        return m.content().stream().filter(ContentPart.Text.class::isInstance).map(c -> ((ContentPart.Text) c).text())
                .reduce("", String::concat);
    }

    @Test
    void aFollowUpContinuesTheConversationIsShownAsOneAndSurvivesReopeningAndExport() throws Exception {
        Preferences p = morePrefs();
        TwoAnswers backend = new TwoAnswers();
        WorkbenchHarness h = open(p, backend);
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();

        assertThat(h.fx(() -> h.robot.lookup("#follow-up-button").queryAs(Button.class).isDisabled())).isTrue();
        h.ask("What happens next?");
        h.await("the first answer is in", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() == RunViewModel.State.DONE && h.vm.ask().state() == AskViewModel.State.READY);
        RunViewModel first = h.fx(() -> h.vm.history().selected());
        assertThat(h.fx(() -> h.robot.lookup("#conversation-scroll").query().isVisible())).isFalse();

        h.robot.clickOn("#follow-up-button");
        assertThat(h.fx(() -> h.robot.lookup("#follow-up").queryAs(CheckBox.class).isSelected())).isTrue();
        h.robot.write("Why does it hit the box?");
        h.send();
        h.await("the follow-up is answered", () -> h.vm.history().runs().size() == 2
                && h.vm.history().selected().state() == RunViewModel.State.DONE && h.vm.ask().state() == AskViewModel.State.READY);

        // The model got the whole conversation: the first turn unchanged, the earlier answer without its reasoning.
        GenerationRequest asked = backend.requests.get(0);
        GenerationRequest followUp = backend.requests.get(1);
        assertThat(followUp.messages().subList(0, 2)).isEqualTo(asked.messages());
        assertThat(followUp.messages()).extracting(ChatMessage::role).containsExactly("system", "user", "assistant", "user");
        assertThat(text(followUp.messages().get(2))).isEqualTo("<answer>\nThe ball hits the green box next.\n</answer>");
        assertThat(text(followUp.messages().get(3))).isEqualTo("Why does it hit the box?");

        // Shown as a conversation: the earlier question and answer above the follow-up's own reasoning.
        RunViewModel second = h.fx(() -> h.vm.history().selected());
        assertThat(second.spec().followUp().follows()).isEqualTo(first.id());
        assertThat(h.fx(() -> labels(h.robot.lookup("#conversation").queryAs(VBox.class))))
                .containsExactly("What happens next?", "The ball hits the green box next.", "Why does it hit the box?");
        assertThat(h.fx(() -> h.robot.lookup("#conversation-scroll").query().isVisible())).isTrue();
        assertThat(h.fx(() -> h.robot.lookup("#run-stats").queryAs(Label.class).getText()))
                .contains("follow-up; the first question's first token");
        assertThat(h.fx(() -> ((RunViewModel) h.robot.lookup("#history-list").queryAs(ListView.class).getItems().get(1))
                .isFollowUp())).isTrue();
        // Still in follow-up mode for the next question; selecting a first question and asking anew is one click.
        assertThat(h.fx(() -> h.vm.ask().followUpProperty().get())).isTrue();

        Path file = dir.resolve("talk.framewise");
        h.run(() -> h.vm.session().saveAs(file));
        Path md = dir.resolve("talk.md");
        h.run(() -> h.vm.export(md));
        h.await("exported", () -> Files.exists(md));
        assertThat(Files.readString(md)).contains("**Earlier in this conversation**", "> **Q:** What happens next?",
                "**Follow-up question**\n\n> Why does it hit the box?");
        h.close();
        harness = null;

        WorkbenchHarness again = open(p, new TwoAnswers());
        again.run(() -> again.vm.session().reopenLast());
        again.await("the runs are back", () -> again.vm.history().runs().size() == 2);
        RunViewModel reopened = again.fx(() -> again.vm.history().runs().get(1));
        assertThat(reopened.spec().followUp()).isEqualTo(second.spec().followUp());
        again.run(() -> again.vm.history().selectedProperty().set(reopened));
        assertThat(again.fx(() -> labels(again.robot.lookup("#conversation").queryAs(VBox.class))))
                .containsExactly("What happens next?", "The ball hits the green box next.", "Why does it hit the box?");
    }

    private static List<String> labels(VBox box) {
        List<String> texts = new ArrayList<>();
        for (Node n : box.getChildren()) texts.add(((Label) n).getText());
        return texts;
    }
}
