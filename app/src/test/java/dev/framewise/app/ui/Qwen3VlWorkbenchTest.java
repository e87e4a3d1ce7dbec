package dev.framewise.app.ui;

import dev.framewise.app.view.ReasoningView;
import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.EngineViewModel;
import dev.framewise.app.viewmodel.PromptPreset;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiny Qwen3-VL model loaded in the workbench with the real embedded engine: the parameters, templates and
 * reasoning switch follow Cosmos-Reason2's convention, the prompt shows each temporal patch's {@code <t seconds>},
 * and a question about a generated video is answered into the history and the answer pane.
 */
class Qwen3VlWorkbenchTest extends WorkbenchUiTest {

    @Test
    void aQwen3VlModelAnswersAboutAVideoWithItsFrameTimesInThePrompt() throws Exception {
        Path model = Path.of(getClass().getResource("/qwen3vl-tiny/config.json").toURI()).getParent();
        WorkbenchHarness h = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> EmbeddedBackend.open(folder, EmbeddedOptions.defaults(), progress));
        harness = h;
        h.run(() -> h.vm.engine().load(model));
        h.await("the tiny Qwen3-VL model is loaded", () -> h.vm.engine().stateProperty().get() == EngineViewModel.State.READY);
        assertThat(h.fx(() -> h.vm.engine().descriptionProperty().get())).startsWith("qwen3vl-tiny (Qwen3-VL) on ");

        // The family's defaults: Cosmos-Reason2's sampling with reasoning, 2 fps, its own templates.
        assertThat(h.fx(() -> h.vm.ask().params().toGenerationParams()))
                .isEqualTo(PromptConvention.COSMOS_REASON2.sampling(true));
        assertThat(h.fx(() -> h.vm.ask().params().fpsProperty().get())).isEqualTo(2.0);
        assertThat(h.fx(() -> h.vm.ask().presets().stream().map(PromptPreset::title).toList()))
                .contains("Caption in detail", "Events with start and end times (JSON)", "Which object moved first?");
        h.robot.clickOn("#params");
        assertThat(h.fx(() -> h.robot.lookup("#param-reasoning").queryAs(CheckBox.class).getText()))
                .isEqualTo("Ask for <think> reasoning (the answer follows </think>)");
        h.robot.clickOn("#param-reasoning");
        // without the reasoning format: the plain sampling, presence penalty included
        GenerationParams plain = h.fx(() -> h.vm.ask().params().toGenerationParams());
        assertThat(plain).isEqualTo(PromptConvention.COSMOS_REASON2.sampling(false));
        h.robot.clickOn("#param-reasoning");
        h.robot.clickOn("#params-done");

        // 2 s at 10 fps, sampled at 2 fps: frames 0, 6, 13, 19, two temporal patches at 0.3 s and 1.6 s
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 2, 10);
        h.run(() -> {
            h.vm.library().add(List.of(video));
            h.vm.ask().params().maxTokensProperty().set(8);
            h.vm.ask().params().temperatureProperty().set(0);
        });
        h.await("the video is shown", () -> h.vm.viewer().frameProperty().get() != null);
        h.robot.clickOn("#question").write("What moves?");

        h.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        h.await("the prompt window is open", () -> h.robot.lookup("#prompt-text").tryQuery().isPresent());
        String shown = h.fx(() -> h.robot.lookup("#prompt-text").queryAs(TextArea.class).getText());
        String count = h.fx(() -> h.robot.lookup("#prompt-tokens").queryAs(Label.class).getText());
        assertThat(shown).startsWith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n")
                .contains("<0.3 seconds><|vision_start|><|video_pad|><|vision_end|>"
                        + "<1.6 seconds><|vision_start|><|video_pad|><|vision_end|>What moves?\n\n"
                        + "Answer the question using the following format:")
                .endsWith("<|im_end|>\n<|im_start|>assistant\n");
        h.run(() -> h.stage.requestFocus());

        h.run(() -> h.vm.ask().ask());
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() != RunViewModel.State.STREAMING
                && h.vm.ask().state() == AskViewModel.State.READY);
        RunViewModel run = h.fx(() -> h.vm.history().selected());
        assertThat(run.state()).as(run.errorProperty().get()).isEqualTo(RunViewModel.State.DONE);
        assertThat(run.request().params().topK()).isEqualTo(20);
        assertThat(run.tokens()).isNotEmpty().hasSizeLessThanOrEqualTo(8);
        assertThat(count).startsWith(String.format(Locale.ROOT, "%,d tokens: ",
                run.resultProperty().get().promptTokenIds().length));
        assertThat(h.fx(() -> List.copyOf(h.vm.viewer().shownFrames()))).hasSize(4);
        assertThat(h.fx(() -> h.robot.lookup("#history-list").queryAs(ListView.class).getItems().size())).isEqualTo(1);
        String onScreen = h.fx(() -> ReasoningView.textOf(h.robot.lookup("#answer-text").queryAs(TextFlow.class))
                + h.robot.lookup("#reasoning-text").queryAs(org.fxmisc.richtext.StyleClassedTextArea.class).getText());
        assertThat(onScreen.strip()).isNotEmpty();
    }
}
