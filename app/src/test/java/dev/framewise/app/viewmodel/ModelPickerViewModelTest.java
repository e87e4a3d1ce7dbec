package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.store.hub.DownloadProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** The picker's list, selection and switching, on the same thread, with a scripted catalog and engine. */
class ModelPickerViewModelTest {
    private final Preferences prefs = Preferences.userRoot().node("dev/framewise/test/picker" + System.nanoTime());
    private final AppSettings settings = new AppSettings(prefs);
    private final List<String> switched = new ArrayList<>();
    private Path loaded;
    private AppSettings.Server connected;
    private final Map<String, String> sessionKeys = new HashMap<>();
    /** A server that answers 401 unless given the key "sk-right". */
    private static final String KEYED = "http://gpu-box:8000/v1";

    private static final ModelChoice COSMOS = new ModelChoice("nvidia/Cosmos-Reason1-7B", ModelChoice.Source.HUB_CACHE,
            Path.of("/hub/cosmos"), null, 16_600_000_000L, "Qwen2.5-VL", "bf16", "fits in RAM · ~3.1 tokens/s",
            "fits in RAM: needs about 18.0 GiB of 60.0 GiB available, expect about 3.1 tokens/s", List.of());
    private static final ModelChoice TINY = new ModelChoice("tiny", ModelChoice.Source.FRAMEWISE, Path.of("/models/tiny"),
            null, 2_000_000L, "Qwen3-VL", "bf16", "fits in RAM · ~900 tokens/s", "fits in RAM: …", List.of());
    private static final ModelChoice HALF = new ModelChoice("acme/half", ModelChoice.Source.HUB_CACHE,
            Path.of("/hub/half"), null, 1_000L, "Qwen2.5-VL", "bf16", "fits in RAM", "fits in RAM: …",
            List.of("model-00002-of-00002.safetensors"));

    private final ModelPickerViewModel.Engine engine = new ModelPickerViewModel.Engine() {
        @Override
        public void load(Path folder) {
            switched.add("load " + folder);
        }

        @Override
        public void connect(AppSettings.Server server, String apiKey, Consumer<Throwable> outcome) {
            switched.add("connect " + server.url() + " " + server.model() + (apiKey == null ? "" : " key " + apiKey));
            if (server.url().equals(KEYED) && !"sk-right".equals(apiKey)) {
                outcome.accept(new ServerConnector.KeyRefused(KEYED, apiKey != null, 401));
                return;
            }
            if (apiKey != null) sessionKeys.put(server.url(), apiKey);
            outcome.accept(null);
        }

        @Override
        public String sessionKey(String url) {
            return sessionKeys.get(url);
        }

        @Override
        public Path loadedFolder() {
            return loaded;
        }

        @Override
        public AppSettings.Server connectedServer() {
            return connected;
        }
    };

    @AfterEach
    void dropPrefs() throws BackingStoreException {
        prefs.removeNode();
    }

    private ModelPickerViewModel picker(List<ModelChoice> found) {
        return new ModelPickerViewModel(new Listing(found), engine, settings, Runnable::run, Runnable::run);
    }

    @Test
    void listsTheModelsFoundThenTheRecentServersAndSelectsTheOneInUse() {
        settings.setServer(new AppSettings.Server("http://gpu-box:8000/v1", "nvidia/Cosmos-Reason2-8B"));
        settings.setServer(new AppSettings.Server("http://localhost:8000/v1", "qwen"));
        loaded = Path.of("/models/tiny");
        ModelPickerViewModel vm = picker(List.of(COSMOS, TINY));
        vm.refresh();

        assertThat(vm.stateProperty().get()).isEqualTo(ModelPickerViewModel.State.READY);
        assertThat(vm.models()).extracting(ModelChoice::name).containsExactly("nvidia/Cosmos-Reason1-7B", "tiny",
                "qwen", "nvidia/Cosmos-Reason2-8B");
        assertThat(vm.models().get(2).source()).isEqualTo(ModelChoice.Source.SERVER);
        assertThat(vm.models().get(2).location()).isEqualTo("http://localhost:8000/v1");
        assertThat(vm.selectedProperty().get()).isEqualTo(TINY);
        assertThat(vm.inUse(TINY)).isTrue();
        assertThat(vm.inUse(COSMOS)).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("4 models");
    }

    @Test
    void switchingLoadsAFolderOrConnectsToAServer() {
        settings.setServer(new AppSettings.Server("http://localhost:8000/v1", "qwen"));
        ModelPickerViewModel vm = picker(List.of(COSMOS));
        vm.refresh();
        assertThat(vm.selectedProperty().get()).isEqualTo(COSMOS); // none in use: the first

        List<String> connectedRuns = new ArrayList<>();
        vm.setOnConnected(() -> connectedRuns.add("closed"));
        assertThat(vm.useSelected()).isTrue();
        vm.selectedProperty().set(vm.models().get(1));
        assertThat(vm.useSelected()).as("a server is connected to before the picker closes").isFalse();
        assertThat(connectedRuns).containsExactly("closed");
        assertThat(switched).containsExactly("load " + Path.of("/hub/cosmos"), "connect http://localhost:8000/v1 qwen");
        connected = new AppSettings.Server("http://localhost:8000/v1", "qwen");
        assertThat(vm.inUse(vm.models().get(1))).isTrue();
    }

    @Test
    void anUnfinishedDownloadIsNotLoaded() {
        ModelPickerViewModel vm = picker(List.of(HALF));
        vm.refresh();
        assertThat(vm.useSelected()).isFalse();
        assertThat(switched).isEmpty();
        assertThat(vm.messageProperty().get())
                .isEqualTo("acme/half is incomplete (missing model-00002-of-00002.safetensors): finish its download first");
    }

    @Test
    void aSelectionSurvivesLookingAgain() {
        ModelPickerViewModel vm = picker(List.of(COSMOS, TINY));
        vm.refresh();
        vm.selectedProperty().set(TINY);
        vm.refresh();
        assertThat(vm.selectedProperty().get()).isEqualTo(TINY);
    }

    @Test
    void nothingFoundSaysWhatToDo() {
        ModelPickerViewModel vm = picker(List.of());
        vm.refresh();
        assertThat(vm.models()).isEmpty();
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.useSelected()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("No models found yet: download one, or choose a model folder");
    }

    @Test
    void aStoreThatCannotBeReadSaysSo() {
        ModelPickerViewModel vm = new ModelPickerViewModel(new Listing(List.of()) {
            @Override
            public List<ModelChoice> findModels() {
                throw new IllegalStateException("cannot read the model settings /x/settings.json: fix or delete the file");
            }
        }, engine, settings, Runnable::run, Runnable::run);
        vm.refresh();
        assertThat(vm.stateProperty().get()).isEqualTo(ModelPickerViewModel.State.FAILED);
        assertThat(vm.messageProperty().get()).isEqualTo("Could not look for models: cannot read the model settings "
                + "/x/settings.json: fix or delete the file");
    }

    @Test
    void recentServersAreKeptNewestFirstWithoutRepeats() {
        settings.setServer(new AppSettings.Server("http://a:1/v1", "m a"));
        settings.setServer(new AppSettings.Server("http://b:1/v1", "m-b"));
        settings.setServer(new AppSettings.Server("http://a:1/v1", "m a"));
        assertThat(settings.recentServers()).containsExactly(new AppSettings.Server("http://a:1/v1", "m a"),
                new AppSettings.Server("http://b:1/v1", "m-b"));
    }

    @Test
    void aServerThatWantsAKeyIsAskedForItAndTheKeyIsUsedForTheSessionOnly() throws Exception {
        settings.setServer(new AppSettings.Server(KEYED, "nvidia/Cosmos-Reason2-8B"));
        ModelPickerViewModel vm = picker(List.of());
        List<String> closed = new ArrayList<>();
        vm.setOnConnected(() -> closed.add("closed"));
        vm.refresh();
        assertThat(vm.useSelected()).isFalse();
        // the server answered 401 to no key: the picker asks for one
        assertThat(vm.keyWantedProperty().get()).isEqualTo(new AppSettings.Server(KEYED, "nvidia/Cosmos-Reason2-8B"));
        assertThat(vm.messageProperty().get()).isEqualTo("The server at http://gpu-box:8000/v1 needs an API key "
                + "(HTTP 401): enter the key it expects (used for this session, never saved)");
        vm.useKey("sk-wrong");
        assertThat(vm.messageProperty().get()).startsWith("The server at http://gpu-box:8000/v1 refused the API key (HTTP 401)");
        assertThat(vm.keyWantedProperty().get()).isNotNull();
        assertThat(closed).isEmpty();
        vm.useKey(" sk-right ");
        assertThat(closed).containsExactly("closed");
        assertThat(vm.keyWantedProperty().get()).isNull();
        assertThat(switched).containsExactly("connect " + KEYED + " nvidia/Cosmos-Reason2-8B",
                "connect " + KEYED + " nvidia/Cosmos-Reason2-8B key sk-wrong",
                "connect " + KEYED + " nvidia/Cosmos-Reason2-8B key sk-right");
        // switching back later in the session uses the key it accepted, without asking
        vm.useSelected();
        assertThat(switched).last().isEqualTo("connect " + KEYED + " nvidia/Cosmos-Reason2-8B key sk-right");
        assertThat(closed).hasSize(2);
        // nothing of the key is in the settings
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        prefs.exportSubtree(stored);
        assertThat(stored.toString(StandardCharsets.UTF_8)).doesNotContain("sk-right").doesNotContain("sk-wrong");
    }

    @Test
    void aServerKnownToWantAKeyIsAskedForItBeforeAnyConnection() {
        settings.setServer(new AppSettings.Server(KEYED, "m"));
        settings.setServerNeedsKey(KEYED, true);
        ModelPickerViewModel vm = picker(List.of());
        vm.refresh();
        assertThat(vm.useSelected()).isFalse();
        assertThat(switched).isEmpty();
        assertThat(vm.keyWantedProperty().get()).isEqualTo(new AppSettings.Server(KEYED, "m"));
        assertThat(vm.messageProperty().get()).isEqualTo("m at http://gpu-box:8000/v1 needs an API key: enter it "
                + "(used for this session, never saved)");
        vm.useKey("sk-right");
        assertThat(switched).containsExactly("connect " + KEYED + " m key sk-right");
        assertThat(vm.keyWantedProperty().get()).isNull();
    }

    /** A catalog that lists what it is given and downloads nothing. */
    private static class Listing implements ModelCatalog {
        private final List<ModelChoice> found;

        Listing(List<ModelChoice> found) {
            this.found = found;
        }

        @Override
        public List<ModelChoice> findModels() {
            return found;
        }

        @Override
        public void addFolder(Path folder) {
        }

        @Override
        public RepoCheck check(String repo, String token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path download(String repo, String token, Consumer<DownloadProgress> progress, CancellationToken cancel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Verification verify(Path folder) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discardPartial(String repo) {
        }

        @Override
        public String modelPage(String repo) {
            return "";
        }
    }
}
