package dev.framewise.app.ui;

import dev.framewise.app.EngineModelCatalog;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.CostEstimates;
import dev.framewise.app.viewmodel.ServerConnector;
import dev.framewise.engine.store.device.MemoryStatus;
import dev.framewise.engine.store.discovery.ModelStore;
import dev.framewise.engine.store.discovery.StoreLocations;
import dev.framewise.engine.store.hub.DownloadOptions;
import dev.framewise.engine.store.hub.HubClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model ▸ Models…: the picker lists a tiny model folder found in Framewise's models folder with its family,
 * precision and fit verdict (the engine's store and FitCheck), and Enter switches to it through the engine view
 * model's load.
 */
class ModelPickerUiTest extends WorkbenchUiTest {

    /** The engine's store under {@code root}, its Hub at {@code hub}, on a machine with 16 GiB free and no GPU. */
    static EngineModelCatalog catalog(Path root, URI hub) {
        return new EngineModelCatalog(new ModelStore(new StoreLocations(root.resolve("models"), root.resolve("hub"))),
                new HubClient(hub, null), DownloadOptions.defaults(),
                () -> new MemoryStatus(32L << 30, 16L << 30, List.of()), () -> 20e9);
    }

    /** Copies a test resource folder ({@code qwen25vl-tiny}, {@code qwen25vl-7b-shape}) into {@code folder}. */
    static Path copyModel(String resource, Path folder) throws Exception {
        Path tiny = Path.of(ModelPickerUiTest.class.getResource("/" + resource + "/config.json").toURI()).getParent();
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(tiny)) {
            for (Path f : files.toList()) Files.copy(f, folder.resolve(f.getFileName()));
        }
        return folder;
    }

    private List<String> cellTexts(WorkbenchHarness h) throws Exception {
        return h.fx(() -> h.robot.lookup("#model-table").query().lookupAll(".table-cell").stream()
                .map(n -> ((TableCell<?, ?>) n).getText()).filter(t -> t != null && !t.isEmpty()).toList());
    }

    @Test
    void picksTheTinyModelWithItsFamilyAndVerdictAndSwitchesToItWithEnter() throws Exception {
        Path tiny = copyModel("qwen25vl-tiny", dir.resolve("store").resolve("models").resolve("qwen25vl-tiny"));
        List<Path> loads = new CopyOnWriteArrayList<>();
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
            loads.add(folder);
            return new ScriptedBackend(List.of(), List.of(), 0);
        }, WorkbenchHarness.NO_SERVER, CostEstimates.NONE, catalog(dir.resolve("store"), URI.create("http://127.0.0.1:9")));

        h.robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        h.await("the picker lists the model", () -> h.robot.lookup("#model-table").tryQuery().isPresent()
                && h.robot.lookup("#model-table").queryAs(TableView.class).getItems().size() == 1);
        h.await("the rows are drawn", () -> h.robot.lookup("#model-table").query().lookupAll(".table-cell").stream()
                .anyMatch(n -> "qwen25vl-tiny".equals(((TableCell<?, ?>) n).getText())));
        List<String> cells = cellTexts(h);
        assertThat(cells).contains("qwen25vl-tiny", "Qwen2.5-VL", "bf16", "2.11 MiB", "Framewise folder");
        assertThat(cells).anySatisfy(c -> assertThat(c).matches("fits in RAM · ~[0-9.]+ tokens/s"));
        assertThat(h.fx(() -> h.robot.lookup("#model-verdict").queryAs(Label.class).getText()))
                .startsWith("qwen25vl-tiny: fits in RAM: needs about").contains("of 16.0 GiB available");
        assertThat(h.fx(() -> h.robot.lookup("#model-location").queryAs(Label.class).getText())).isEqualTo(tiny.toString());

        h.run(() -> h.robot.lookup("#model-table").query().requestFocus());
        h.robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        h.await("the model is ready", () -> h.vm.ask().state() == AskViewModel.State.READY);
        assertThat(loads).containsExactly(tiny);
        assertThat(h.vm.engine().modelFolderProperty().get()).isEqualTo(tiny);
        h.await("the picker is closed", () -> h.robot.lookup("#model-table").tryQuery().isEmpty());

        // Opened again, it marks the model in use.
        h.robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        h.await("the picker marks the model in use", () -> h.robot.lookup("#model-table").tryQuery().isPresent()
                && h.robot.lookup("#model-table").query().lookupAll(".table-cell").stream()
                .anyMatch(n -> "\u25cf qwen25vl-tiny".equals(((TableCell<?, ?>) n).getText())));
    }

    @Test
    void aRecentServerThatWantsAKeyIsAskedForItInAMaskedFieldAndConnects() throws Exception {
        String url = "http://gpu-box:8000/v1";
        AppSettings before = new AppSettings(prefs);
        before.setServer(new AppSettings.Server(url, "nvidia/Cosmos-Reason2-8B"));
        before.setModelFolder(dir.resolve("gone")); // the last model was a folder: nothing connects at start
        List<String> keys = new CopyOnWriteArrayList<>();
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
            throw new AssertionError("this test loads no folder");
        }, (server, model, key) -> {
            keys.add(String.valueOf(key));
            if (!"sk-right".equals(key)) throw new ServerConnector.KeyRefused(server, key != null && !key.isBlank(), 401);
            return new ScriptedBackend(List.of(), List.of(), 0);
        }, CostEstimates.NONE, catalog(dir.resolve("store"), URI.create("http://127.0.0.1:9")));

        h.robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        h.await("the picker lists the server", () -> h.robot.lookup("#model-table").tryQuery().isPresent()
                && h.robot.lookup("#model-table").queryAs(TableView.class).getItems().size() == 1);
        h.run(() -> h.robot.lookup("#model-table").query().requestFocus());
        h.robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        h.await("the picker asks for the key", () -> h.robot.lookup("#server-key").tryQuery().map(n -> n.isVisible())
                .orElse(false));
        assertThat(h.fx(() -> h.robot.lookup("#model-picker-message").queryAs(Label.class).getText()))
                .isEqualTo("The server at " + url + " needs an API key (HTTP 401): enter the key it expects (used for "
                        + "this session, never saved)");
        assertThat((Object) h.robot.lookup("#server-key").query()).isInstanceOf(PasswordField.class);
        assertThat(h.vm.notifications().notifications()).as("asked in the picker, not as an error").isEmpty();

        h.robot.clickOn("#server-key").write("sk-wrong").press(KeyCode.ENTER).release(KeyCode.ENTER);
        h.await("the wrong key is refused", () -> h.robot.lookup("#model-picker-message").queryAs(Label.class).getText()
                .startsWith("The server at " + url + " refused the API key (HTTP 401)"));
        h.run(() -> h.robot.lookup("#server-key").queryAs(PasswordField.class).setText("sk-right"));
        h.robot.clickOn("#server-key-connect");
        h.await("the server is in use", () -> h.vm.ask().state() == AskViewModel.State.READY);
        h.await("the picker is closed", () -> h.robot.lookup("#model-table").tryQuery().isEmpty());
        assertThat(keys).containsExactly("null", "sk-wrong", "sk-right");
        assertThat(h.vm.engine().sessionKey(url)).isEqualTo("sk-right");
        AppSettings after = new AppSettings(prefs);
        assertThat(after.serverNeedsKey(url)).isTrue();
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        prefs.exportSubtree(stored);
        assertThat(stored.toString(StandardCharsets.UTF_8)).as("the key is never written").doesNotContain("sk-right");
    }
}
