package dev.framewise.app.ui;

import dev.framewise.app.RemoteServers;
import dev.framewise.app.view.ReasoningView;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.EngineViewModel;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.serve.OpenAiServer;
import dev.framewise.engine.serve.ServeOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The real embedded engine on the tiny fixture model, driven through the window. */
class EmbeddedEngineTest extends WorkbenchUiTest {
    private static final Path TINY = tinyModel();
    private static Path tinyModel() {
        try {
            return Path.of(EmbeddedEngineTest.class.getResource("/qwen25vl-tiny/config.json").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The window with the qwen25vl-tiny fixture loaded in this process. */
    private WorkbenchHarness withTinyModel() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> EmbeddedBackend.open(folder, EmbeddedOptions.defaults(), progress));
        h.run(() -> h.vm.engine().load(TINY));
        h.await("the tiny model is loaded", () -> h.vm.engine().stateProperty().get() == EngineViewModel.State.READY);
        return h;
    }

    @Test
    void tokensStreamIntoThePanelAndTheRunRepeatsWithItsSeed() throws Exception {
        WorkbenchHarness h = withTinyModel();
        // the header names the family
        assertThat(h.fx(() -> h.vm.engine().descriptionProperty().get())).startsWith("qwen25vl-tiny (Qwen2.5-VL) on ");
        h.run(() -> {
            h.vm.ask().params().maxTokensProperty().set(12);
            h.vm.ask().params().temperatureProperty().set(0.8);
            h.vm.ask().params().seedProperty().set(7L);
        });

        Path video = TestVideos.write(dir.resolve("ball.mp4"), 2, 10);
        h.run(() -> h.vm.library().add(java.util.List.of(video)));
        h.await("the video is shown", () -> h.vm.viewer().frameProperty().get() != null);
        h.robot.clickOn("#include-media");

        h.ask("Describe the scene.");
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() != RunViewModel.State.STREAMING);
        assertThat(h.fx(() -> h.vm.history().selected().spec().media())).isNull();

        RunViewModel first = h.fx(() -> h.vm.history().selected());
        assertThat(first.state()).isEqualTo(RunViewModel.State.DONE);
        assertThat(first.tokens()).isNotEmpty().hasSizeLessThanOrEqualTo(12);
        assertThat(first.resultProperty().get().tokens()).hasSize(first.tokens().size());
        assertThat(first.text()).isEqualTo(first.resultProperty().get().text());
        assertThat(first.usedSeed()).isEqualTo(7L);
        // recorded as `framewise ask` records a folder: its name, path and fingerprint
        assertThat(first.model().name()).isEqualTo("qwen25vl-tiny");
        assertThat(first.model().location()).isEqualTo(TINY.toAbsolutePath().normalize().toString());
        assertThat(first.model().fingerprint()).matches("sha256:[0-9a-f]{64}");
        assertThat(h.fx(() -> h.robot.lookup("#history-list").queryAs(ListView.class).getItems().size())).isEqualTo(1);
        String shown = h.fx(() -> ReasoningView.textOf(h.robot.lookup("#answer-text").queryAs(TextFlow.class))
                + h.robot.lookup("#reasoning-text").queryAs(org.fxmisc.richtext.StyleClassedTextArea.class).getText());
        assertThat(shown).isNotBlank();

        h.robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        h.await("the re-run is done", () -> h.vm.history().runs().size() == 2
                && h.vm.history().selected().state() == RunViewModel.State.DONE);
        RunViewModel second = h.fx(() -> h.vm.history().selected());
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.tokens().stream().map(t -> t.id()).toList()).isEqualTo(first.tokens().stream().map(t -> t.id()).toList());
        assertThat(h.fx(() -> h.vm.ask().state())).isEqualTo(AskViewModel.State.READY);
    }

    @Test
    void aVideoQuestionMarksTheFramesShownAndTheirEvidence() throws Exception {
        WorkbenchHarness h = withTinyModel();
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 2, 10);
        h.run(() -> {
            h.vm.library().add(java.util.List.of(video));
            h.vm.ask().params().maxTokensProperty().set(6);
            h.vm.ask().params().temperatureProperty().set(0);
            h.vm.ask().params().evidenceProperty().set(true);
        });
        h.await("the video is shown", () -> h.vm.viewer().frameProperty().get() != null);

        h.ask("What moves?");
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() != RunViewModel.State.STREAMING);

        RunViewModel run = h.fx(() -> h.vm.history().selected());
        assertThat(run.state()).as(run.errorProperty().get()).isEqualTo(RunViewModel.State.DONE);
        assertThat(run.spec().media()).isEqualTo(video.toAbsolutePath().normalize());
        // 2 s at the default 4 fps: 8 frames, shown to the model in 4 temporal groups of 2.
        assertThat(h.fx(() -> List.copyOf(h.vm.viewer().shownFrames()))).hasSize(8);
        List<Double> evidence = h.fx(() -> List.copyOf(h.vm.viewer().evidence()));
        assertThat(evidence).hasSize(4);
        assertThat(evidence.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aFollowUpReusesTheVisionAndThePromptPrefixSoItsFirstTokenComesSooner() throws Exception {
        WorkbenchHarness h = withTinyModel();
        // A first question on another clip warms the engine up (TorchScript's first calls), so that the figures
        // below compare a first question and a follow-up on a warm engine.
        Path warmUp = TestVideos.write(dir.resolve("warm.mp4"), 1, 10);
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 2, 10);
        h.run(() -> {
            h.vm.library().add(java.util.List.of(warmUp));
            h.vm.ask().params().maxTokensProperty().set(8);
            h.vm.ask().params().temperatureProperty().set(0);
        });
        h.await("the warm-up clip is shown", () -> h.vm.viewer().frameProperty().get() != null);
        h.ask("Warm up.");
        h.await("the warm-up run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() != RunViewModel.State.STREAMING && h.vm.ask().state() == AskViewModel.State.READY);
        h.run(() -> h.vm.library().add(java.util.List.of(video)));
        h.await("the video is shown", () -> h.vm.viewer().mediaProperty().get() != null
                && h.vm.viewer().mediaProperty().get().path().getFileName().toString().equals("ball.mp4")
                && h.vm.viewer().frameProperty().get() != null);

        h.ask("What moves?");
        h.await("the first run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() != RunViewModel.State.STREAMING && h.vm.ask().state() == AskViewModel.State.READY);
        RunViewModel first = h.fx(() -> h.vm.history().selected());
        assertThat(first.state()).as(first.errorProperty().get()).isEqualTo(RunViewModel.State.DONE);

        h.robot.clickOn("#follow-up-button");
        h.robot.write("Where does it go?");
        h.send();
        h.await("the follow-up is done", () -> h.vm.history().runs().size() == 3
                && h.vm.history().selected().state() != RunViewModel.State.STREAMING && h.vm.ask().state() == AskViewModel.State.READY);
        RunViewModel second = h.fx(() -> h.vm.history().selected());
        assertThat(second.state()).as(second.errorProperty().get()).isEqualTo(RunViewModel.State.DONE);
        assertThat(second.isFollowUp()).isTrue();

        var t1 = first.resultProperty().get().timings();
        var t2 = second.resultProperty().get().timings();
        System.out.printf(java.util.Locale.ROOT, "follow-up timing (qwen25vl-tiny, 2 s video): first question TTFT %.1f ms "
                        + "(preparing %.1f, vision %.1f, prefill %.1f, %d prompt tokens); follow-up TTFT %.1f ms (preparing %.1f, "
                        + "vision %.1f, prefill %.1f, %d of %d prompt tokens reused)%n",
                first.firstTokenMsProperty().get(), t1.preprocessMs(), t1.visionMs(), t1.prefillMs(), t1.promptTokens(),
                second.firstTokenMsProperty().get(), t2.preprocessMs(), t2.visionMs(), t2.prefillMs(), t2.cachedPromptTokens(),
                t2.promptTokens());
        // The first turn's prompt (system, video, question and the assistant header) is prefilled once.
        assertThat(t2.cachedPromptTokens()).isGreaterThanOrEqualTo(t1.promptTokens() - 1);
        assertThat(t2.promptTokens()).isGreaterThan(t1.promptTokens());
        assertThat(second.promptReuseProperty().get()).endsWith("prompt tokens reused");
        assertThat(second.firstTokenMsProperty().get()).isLessThan(first.firstTokenMsProperty().get());
    }

    @Test
    void theShownPromptIsTheOneAskedWithItsExactTokenCountAndTheEditedSystemPrompt() throws Exception {
        WorkbenchHarness h = withTinyModel();
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 2, 10);
        h.run(() -> {
            h.vm.library().add(java.util.List.of(video));
            h.vm.ask().params().maxTokensProperty().set(2);
        });
        h.await("the video is shown", () -> h.vm.viewer().frameProperty().get() != null);
        h.robot.clickOn("#params");
        h.robot.clickOn("#param-system-prompt").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("You are a terse robot.");
        h.robot.clickOn("#params-done");
        h.robot.clickOn("#question").write("What moves?");

        h.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        h.await("the prompt window is open", () -> h.robot.lookup("#prompt-text").tryQuery().isPresent());
        String shown = h.fx(() -> h.robot.lookup("#prompt-text").queryAs(javafx.scene.control.TextArea.class).getText());
        String count = h.fx(() -> h.robot.lookup("#prompt-tokens").queryAs(javafx.scene.control.Label.class).getText());
        assertThat(shown).startsWith("<|im_start|>system\nYou are a terse robot.\n\nAnswer the question in the following format")
                .contains("<|vision_start|><|video_pad|><|vision_end|>What moves?<|im_end|>\n<|im_start|>assistant\n");
        h.run(() -> h.stage.requestFocus());

        h.run(() -> h.vm.ask().ask());
        h.await("the run is done", () -> h.vm.history().selected() != null
                && h.vm.history().selected().state() != RunViewModel.State.STREAMING && h.vm.ask().state() == AskViewModel.State.READY);
        RunViewModel run = h.fx(() -> h.vm.history().selected());
        int asked = run.resultProperty().get().promptTokenIds().length;
        // The count is the prefill's exactly: 2 s at 4 fps = 8 frames, 4 temporal groups of the video's vision tokens.
        assertThat(count).startsWith(String.format(java.util.Locale.ROOT, "%,d tokens: ", asked));
        assertThat(run.spec().systemPrompt()).isEqualTo("You are a terse robot.");
    }

    @Test
    void aServerIsUsedThroughTheOpenAiCompatibleBackend() throws Exception {
        try (EmbeddedBackend engine = EmbeddedBackend.open(TINY, EmbeddedOptions.defaults());
             OpenAiServer server = OpenAiServer.start(engine, new ServeOptions("tiny", "127.0.0.1", 0, null, 1, 4, null,
                     ServeOptions.DEFAULT_MAX_BODY_BYTES, ServeOptions.DEFAULT_MAX_FETCH_BYTES, ServeOptions.DEFAULT_FETCH_TIMEOUT, 64))) {
            WorkbenchHarness h = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
                throw new AssertionError("this test loads no model folder");
            }, RemoteServers::connect);
            harness = h;
            String url = server.baseUri().toString();

            h.run(() -> h.vm.engine().connect(url, "not-there", null));
            h.await("the wrong model is reported", () -> !h.vm.notifications().notifications().isEmpty());
            assertThat(h.fx(() -> h.vm.notifications().notifications().get(0).message())).contains("has no model 'not-there'", "tiny");

            h.run(() -> h.vm.engine().connect(url, "tiny", null));
            h.await("connected", () -> h.vm.engine().stateProperty().get() == EngineViewModel.State.READY);
            assertThat(h.fx(() -> h.vm.engine().descriptionProperty().get())).startsWith("tiny at http://127.0.0.1:");
            h.run(() -> h.vm.ask().params().maxTokensProperty().set(8));
            h.ask("Describe the scene.");
            h.await("the run is done", () -> h.vm.history().selected() != null
                    && h.vm.history().selected().state() != RunViewModel.State.STREAMING);
            RunViewModel run = h.fx(() -> h.vm.history().selected());
            assertThat(run.state()).isEqualTo(RunViewModel.State.DONE);
            assertThat(run.tokens()).isNotEmpty().hasSizeLessThanOrEqualTo(8);
            assertThat(run.text()).isNotEmpty();
            assertThat(h.vm.settings().server()).contains(new AppSettings.Server(url, "tiny"));
            h.close();
            harness = null;
        }
    }
}
