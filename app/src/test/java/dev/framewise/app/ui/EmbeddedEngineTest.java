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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The real embedded engine on the tiny fixture model, driven through the window. */
class EmbeddedEngineTest {
    @TempDir
    Path dir;
    private final Preferences prefs = WorkbenchHarness.freshPrefs();
    private WorkbenchHarness harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
        WorkbenchHarness.removePrefs(prefs);
    }

    @Test
    void tokensStreamIntoThePanelAndTheRunRepeatsWithItsSeed() throws Exception {
        Path model = Path.of(getClass().getResource("/qwen25vl-tiny/config.json").toURI()).getParent();
        WorkbenchHarness h = new WorkbenchHarness(dir, prefs, (folder, progress) -> EmbeddedBackend.open(folder, EmbeddedOptions.defaults(), progress));
        harness = h;
        h.run(() -> h.vm.engine().load(model));
        h.await("the tiny model is loaded", () -> h.vm.engine().stateProperty().get() == EngineViewModel.State.READY);
        assertThat(h.fx(() -> h.vm.engine().descriptionProperty().get())).startsWith("qwen25vl-tiny on ");
        h.run(() -> {
            h.vm.ask().params().maxTokensProperty().set(12);
            h.vm.ask().params().temperatureProperty().set(0.8);
            h.vm.ask().params().seedProperty().set(7L);
        });

        Path video = TestVideos.write(dir.resolve("ball.mp4"), 2, 10);
        h.run(() -> h.vm.library().add(java.util.List.of(video)));
        h.await("the video is shown", () -> h.vm.viewer().frameProperty().get() != null);
        h.robot.clickOn("#include-media");

        h.robot.clickOn("#question").write("Describe the scene.");
        h.robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
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
        assertThat(first.model().location()).isEqualTo(model.toAbsolutePath().normalize().toString());
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
        Path model = Path.of(getClass().getResource("/qwen25vl-tiny/config.json").toURI()).getParent();
        WorkbenchHarness h = new WorkbenchHarness(dir, prefs, (folder, progress) -> EmbeddedBackend.open(folder, EmbeddedOptions.defaults(), progress));
        harness = h;
        h.run(() -> h.vm.engine().load(model));
        h.await("the tiny model is loaded", () -> h.vm.engine().stateProperty().get() == EngineViewModel.State.READY);
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 2, 10);
        h.run(() -> {
            h.vm.library().add(java.util.List.of(video));
            h.vm.ask().params().maxTokensProperty().set(6);
            h.vm.ask().params().temperatureProperty().set(0);
            h.vm.ask().params().evidenceProperty().set(true);
        });
        h.await("the video is shown", () -> h.vm.viewer().frameProperty().get() != null);

        h.robot.clickOn("#question").write("What moves?");
        h.robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
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
    void aServerIsUsedThroughTheOpenAiCompatibleBackend() throws Exception {
        Path model = Path.of(getClass().getResource("/qwen25vl-tiny/config.json").toURI()).getParent();
        try (EmbeddedBackend engine = EmbeddedBackend.open(model, EmbeddedOptions.defaults());
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
            h.robot.clickOn("#question").write("Describe the scene.");
            h.robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
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
