package dev.framewise.app.ui;

import dev.framewise.app.EngineCostEstimates;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.CostPreviewViewModel;
import dev.framewise.app.viewmodel.RunViewModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.input.KeyCode;

/**
 * Refreshes docs/workbench-light.png and -dark.png from the real window with a scripted run, docs/prompt-lab.png
 * from the prompt lab with a scripted 2 × 2 grid (two cells picked for the evidence and confidence charts), docs/workbench-followup.png (a follow-up with a Markdown answer)
 * and docs/system-prompt.png (the Parameters popover), docs/model-picker.png (asking a recent server's API key) and
 * docs/model-download.png; only when asked:
 * {@code ./mvnw -B -o -q -pl app -am test -Dtest=DocScreenshots -Dsurefire.failIfNoSpecifiedTests=false
 * -Dframewise.screenshots=$PWD/docs}.
 */
class DocScreenshots extends WorkbenchUiTest {
    static final String SCRIPT = "<think>\n1. The red ball starts on the left and rolls to the right along the floor.\n"
            + "2. Between 1.0 and 2.0 seconds it crosses the middle of the floor.\n"
            + "3. At 2.5 s it is close to the green box, which stands in its path.\n"
            + "4. Nothing else moves, so the ball keeps its direction.\n</think>\n\n"
            + "<answer>\nThe ball hits the green box next.\n</answer>";

    static final String FOLLOW_UP = "<think>\n1. The box stands at the right of the floor, level with the ball.\n"
            + "2. From 2.0 s the ball rolls straight at the middle of the box.\n</think>\n\n"
            + "<answer>\nBecause the box is **in its path**:\n\n- the ball rolls straight to the right\n"
            + "- at 2.5 s it is just left of the box\n\n"
            + "```json\n[{\"bbox_2d\": [221, 66, 278, 121], \"label\": \"green box\"}]\n```\n</answer>";

    /**
     * The first request gets {@link #SCRIPT}, the later ones {@link #FOLLOW_UP}, at about the pace of a small model
     * on a CPU; both report the 320 × 180 clip resized to 308 × 168 (Qwen2.5-VL's smart_resize), which the box in
     * {@link #FOLLOW_UP} is given in.
     */
    private static dev.framewise.engine.api.InferenceBackend twoAnswers() {
        List<dev.framewise.engine.api.VisionGrid> resized = List.of(new dev.framewise.engine.api.VisionGrid(
                dev.framewise.engine.api.VisionGrid.Kind.VIDEO, 3, 12, 22, 198, 168, 308));
        ScriptedBackend first = new ScriptedBackend(WorkbenchTest.pieces(SCRIPT), WorkbenchTest.SHOWN, 25, resized);
        ScriptedBackend later = new ScriptedBackend(WorkbenchTest.pieces(FOLLOW_UP), WorkbenchTest.SHOWN, 25, resized);
        return new dev.framewise.engine.api.InferenceBackend() {
            @Override
            public String describe() {
                return "Scripted test model";
            }

            @Override
            public dev.framewise.engine.api.GenerationResult generate(dev.framewise.engine.api.GenerationRequest request,
                    dev.framewise.engine.api.GenerationListener listener, dev.framewise.engine.api.CancellationToken cancel) {
                return (first.requests.isEmpty() ? first : later).generate(request, listener, cancel);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aFollowUpAndTheSystemPrompt() throws Exception {
        String target = System.getProperty("framewise.screenshots");
        Assumptions.assumeTrue(target != null, "screenshots only when -Dframewise.screenshots=FOLDER");
        dev.framewise.engine.api.InferenceBackend backend = twoAnswers();
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> backend);
        h.run(() -> {
            h.stage.setMaximized(false);
            h.stage.setWidth(1500);
            h.stage.setHeight(920);
            h.window.applyTheme(AppSettings.Theme.LIGHT);
        });
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();
        h.ask("What will the ball hit next?");
        h.await("the run is done", () -> h.vm.history().selected() != null && h.vm.history().selected().state() == RunViewModel.State.DONE
                && h.vm.ask().state() == AskViewModel.State.READY);
        h.robot.clickOn("#follow-up-button");
        h.robot.write("Why that one?");
        h.send();
        h.await("the follow-up is done", () -> h.vm.history().runs().size() == 2
                && h.vm.history().selected().state() == RunViewModel.State.DONE && h.vm.ask().state() == AskViewModel.State.READY);
        h.run(() -> h.vm.viewer().seek(2.5));
        Thread.sleep(500);
        Path folder = Files.createDirectories(Path.of(target));
        ImageIO.write(SwingFXUtils.fromFXImage(h.fx(() -> h.window.scene().snapshot(null)), null), "png",
                folder.resolve("workbench-followup.png").toFile());

        h.robot.clickOn("#params");
        h.await("the parameters are open", () -> h.robot.lookup("#param-system-prompt").tryQuery().isPresent());
        Thread.sleep(500);
        var popover = h.fx(() -> h.robot.lookup("#param-system-prompt").query().getScene().getRoot().snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(popover, null), "png", folder.resolve("system-prompt.png").toFile());
    }

    @Test
    void workbenchInBothThemes() throws Exception {
        String target = System.getProperty("framewise.screenshots");
        Assumptions.assumeTrue(target != null, "screenshots only when -Dframewise.screenshots=FOLDER");
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(SCRIPT), WorkbenchTest.SHOWN, 25));
        h.run(() -> {
            h.stage.setMaximized(false);
            h.stage.setWidth(1500);
            h.stage.setHeight(920);
        });
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();
        h.ask("What will the ball hit next?");
        h.await("the run is done", () -> h.vm.history().selected() != null && h.vm.history().selected().state() == RunViewModel.State.DONE);
        h.run(() -> h.vm.viewer().seek(1.5));
        for (AppSettings.Theme theme : List.of(AppSettings.Theme.LIGHT, AppSettings.Theme.DARK)) {
            h.run(() -> h.window.applyTheme(theme));
            Thread.sleep(500);
            var image = h.fx(() -> h.window.scene().snapshot(null));
            Path file = Files.createDirectories(Path.of(target)).resolve("workbench-" + theme.name().toLowerCase() + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        }
    }

    @Test
    void promptLab() throws Exception {
        String target = System.getProperty("framewise.screenshots");
        Assumptions.assumeTrue(target != null, "screenshots only when -Dframewise.screenshots=FOLDER");
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> new LabScript());
        h.run(() -> {
            h.stage.setMaximized(false);
            h.stage.setWidth(1500);
            h.stage.setHeight(920);
        });
        h.run(() -> h.vm.lab().evidenceProperty().set(true));
        LabWorkbenchTest.buildGrid(h, dir);
        LabWorkbenchTest.runGrid(h);
        javafx.scene.Scene lab = h.fx(() -> h.robot.lookup("#lab-view").query().getScene());
        h.run(() -> {
            javafx.stage.Window window = lab.getWindow();
            window.setWidth(1280);
            window.setHeight(1000);
        });
        // Two cells picked for the charts: the first phrasing's seed 1 and the cell that answered differently.
        h.run(() -> {
            var clip = h.vm.library().items().get(0);
            h.vm.lab().selectCell(h.vm.lab().cell(clip, 0, 0), false);
            h.vm.lab().selectCell(h.vm.lab().cell(clip, 1, 1), true);
        });
        Thread.sleep(800);
        var image = h.fx(() -> lab.snapshot(null));
        Path file = Files.createDirectories(Path.of(target)).resolve("prompt-lab.png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    /**
     * docs/cost-preview.png: the Ask panel's cost preview for the Cosmos-Reason1-7B shape (its config and index, the
     * test tokenizer) on this machine's calibration (the micro-benchmark, measured when the shot is taken), with the
     * cheaper settings it offers for a 12 s clip at Cosmos-Reason1's 4 fps. The answers are scripted, so no weights
     * are read: the folder gets one empty shard only to pass the workbench's "has .safetensors weights" check, and
     * the estimate sizes the weights from the index's {@code total_size} (the other shards are absent).
     */
    @Test
    void costPreview() throws Exception {
        String target = System.getProperty("framewise.screenshots");
        Assumptions.assumeTrue(target != null, "screenshots only when -Dframewise.screenshots=FOLDER");
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                // the backend is scripted (a 7B model is not run for a screenshot); it bears the name of the shape
                // whose cost the engine estimates, so the header matches the preview
                (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(SCRIPT), WorkbenchTest.SHOWN, 0)
                        .describedAs("Cosmos-Reason1-7B (shape)"),
                (url, model, key) -> {
                    throw new AssertionError("no server");
                }, new EngineCostEstimates());
        h.run(() -> {
            h.stage.setMaximized(false);
            h.stage.setWidth(1500);
            h.stage.setHeight(920);
        });
        h.showVideo("ball.mp4", 12, 10);
        Path model = ModelPickerUiTest.copyModel("qwen25vl-7b-shape", dir.resolve("Cosmos-Reason1-7B"));
        Files.createFile(model.resolve("model-00001-of-00005.safetensors"));
        h.run(() -> h.vm.engine().load(model));
        h.await("the model is ready", () -> h.vm.ask().state() == AskViewModel.State.READY);
        h.robot.clickOn("#question").write("What will the ball hit next?");
        h.await("the estimate is shown", () -> h.vm.ask().preview().estimateProperty().get() != null
                && h.vm.ask().preview().stateProperty().get() == CostPreviewViewModel.State.READY);
        h.await("cheaper settings are offered", () -> !h.vm.ask().preview().suggestions().isEmpty());
        Thread.sleep(500);
        // the load's memory-fit notice would cover the preview: closed, as a user would
        h.run(() -> List.copyOf(h.vm.notifications().notifications()).forEach(n -> h.vm.notifications().dismiss(n)));
        Thread.sleep(300);
        var image = h.fx(() -> h.window.scene().snapshot(null));
        Path file = Files.createDirectories(Path.of(target)).resolve("cost-preview.png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    /**
     * docs/model-picker.png and docs/model-download.png: the Models window over a store holding the tiny model (in
     * use) and the Cosmos-Reason1-7B shape (config and index, no weights: incomplete), a recent server, on a machine
     * with 16 GiB free and no GPU; then a download of the tiny model from a local Hub, slowed down to be seen.
     */
    @Test
    void modelPickerAndDownload() throws Exception {
        String target = System.getProperty("framewise.screenshots");
        Assumptions.assumeTrue(target != null, "screenshots only when -Dframewise.screenshots=FOLDER");
        Path store = dir.resolve("store");
        ModelPickerUiTest.copyModel("qwen25vl-tiny", store.resolve("models").resolve("qwen25vl-tiny"));
        ModelPickerUiTest.copyModel("qwen25vl-7b-shape", store.resolve("models").resolve("nvidia").resolve("Cosmos-Reason1-7B"));
        try (dev.framewise.app.LocalHub hub = new dev.framewise.app.LocalHub(
                Path.of(DocScreenshots.class.getResource("/qwen25vl-tiny/config.json").toURI()).getParent())) {
            WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                    (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(SCRIPT), WorkbenchTest.SHOWN, 0),
                    (url, model, key) -> {
                        throw new dev.framewise.app.viewmodel.ServerConnector.KeyRefused(url, false, 401);
                    }, dev.framewise.app.viewmodel.CostEstimates.NONE, ModelPickerUiTest.catalog(store, hub.endpoint()));
            h.run(() -> {
                h.stage.setMaximized(false);
                h.stage.setWidth(1500);
                h.stage.setHeight(920);
                h.window.applyTheme(AppSettings.Theme.LIGHT);
                h.vm.settings().setServer(new AppSettings.Server("http://gpu-box:8000/v1", "nvidia/Cosmos-Reason2-8B"));
                h.vm.engine().load(store.resolve("models").resolve("qwen25vl-tiny"));
            });
            h.await("the model is ready", () -> h.vm.ask().state() == AskViewModel.State.READY);
            h.robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
            h.await("the picker lists the models", () -> h.robot.lookup("#model-table").tryQuery().isPresent()
                    && h.robot.lookup("#model-table").queryAs(javafx.scene.control.TableView.class).getItems().size() == 3);
            javafx.scene.Scene models = h.fx(() -> h.robot.lookup("#models-view").query().getScene());
            h.run(() -> {
                models.getWindow().setWidth(1180);
                models.getWindow().setHeight(480);
            });
            // the recent server wants an API key: the picker asks for it under the list
            h.run(() -> {
                var table = h.robot.lookup("#model-table").queryAs(javafx.scene.control.TableView.class);
                table.getSelectionModel().select(table.getItems().size() - 1);
                h.robot.lookup("#model-use").queryAs(javafx.scene.control.Button.class).fire();
            });
            h.await("the picker asks for the key", () -> h.robot.lookup("#server-key").query().isVisible());
            h.robot.clickOn("#server-key").write("sk-example");
            Thread.sleep(800);
            Path folder = Files.createDirectories(Path.of(target));
            ImageIO.write(SwingFXUtils.fromFXImage(h.fx(() -> models.snapshot(null)), null), "png",
                    folder.resolve("model-picker.png").toFile());

            h.run(() -> {
                h.robot.lookup("#models-view").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1);
                h.robot.lookup("#download-repo").queryAs(javafx.scene.control.ComboBox.class).getEditor()
                        .setText(dev.framewise.app.LocalHub.REPO);
                h.robot.lookup("#download-check").queryAs(javafx.scene.control.Button.class).fire();
            });
            h.await("the repository is checked", () -> !h.robot.lookup("#download-start").query().isDisabled());
            hub.chunkDelayMillis = 150;
            h.run(() -> h.robot.lookup("#download-start").queryAs(javafx.scene.control.Button.class).fire());
            h.await("a third has arrived", () -> h.robot.lookup("#download-progress")
                    .queryAs(javafx.scene.control.ProgressBar.class).getProgress() > 0.3);
            Thread.sleep(400);
            ImageIO.write(SwingFXUtils.fromFXImage(h.fx(() -> models.snapshot(null)), null), "png",
                    folder.resolve("model-download.png").toFile());
            h.run(() -> h.robot.lookup("#download-cancel").queryAs(javafx.scene.control.Button.class).fire());
        }
    }
}
