package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.record.ModelFingerprint;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The model in use: chosen as a folder, checked, loaded off the FX thread, remembered for the next start. */
public final class EngineViewModel {
    public enum State { NO_MODEL, LOADING, READY, FAILED }

    private static final List<String> REQUIRED_FILES = List.of("config.json", "tokenizer.json");

    private final BackgroundWork work;
    private final BackendFactory factory;
    private final ServerConnector servers;
    private final AppSettings settings;
    private final NotificationsViewModel notifications;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NO_MODEL);
    private final ReadOnlyObjectWrapper<InferenceBackend> backend = new ReadOnlyObjectWrapper<>();
    private ModelInfo loadedModel = ModelInfo.UNKNOWN;
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("No model — choose a model folder (Ctrl+M)");

    public EngineViewModel(BackgroundWork work, BackendFactory factory, ServerConnector servers, AppSettings settings,
                           NotificationsViewModel notifications) {
        this.work = work;
        this.factory = factory;
        this.servers = servers;
        this.settings = settings;
        this.notifications = notifications;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<InferenceBackend> backendProperty() {
        return backend.getReadOnlyProperty();
    }

    /** "Cosmos-Reason1-7B on CUDA (bf16)", or what to do when there is no model. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Uses the model of last time again: the server it was connected to, or the folder if it is still there. */
    public void loadRemembered() {
        var server = settings.server();
        if (server.isPresent()) connect(server.get().url(), server.get().model(), null);
        else settings.modelFolder().filter(Files::isDirectory).ifPresent(this::load);
    }

    /** Connects to an OpenAI-compatible server in the background; the API key is used, never stored. */
    public void connect(String baseUrl, String model, String apiKey) {
        InferenceBackend previous = backend.get();
        backend.set(null);
        state.set(State.LOADING);
        description.set("Connecting to " + baseUrl + "…");
        work.submit("Connecting to " + baseUrl, () -> servers.connect(baseUrl, model, apiKey), connected -> {
            if (previous != null) previous.close();
            loadedModel = ModelFingerprint.remote(model, baseUrl);
            backend.set(connected);
            state.set(State.READY);
            description.set(connected.describe());
            settings.setServer(new AppSettings.Server(baseUrl, model));
        }, error -> {
            state.set(State.FAILED);
            description.set("No connection — choose a model folder (Ctrl+M) or a server (Ctrl+Shift+M)");
            notifications.error("Could not use the server at " + baseUrl, error);
        });
    }

    /** Checks the folder at once (the user hears about a wrong folder immediately), then loads it in the background. */
    public void load(Path folder) {
        String problem = problemWith(folder);
        if (problem != null) {
            notifications.error("Cannot use " + folder, new EngineException(problem));
            return;
        }
        String memoryWarning = memoryWarning(folder);
        if (memoryWarning != null) notifications.info(memoryWarning);
        InferenceBackend previous = backend.get();
        backend.set(null);
        state.set(State.LOADING);
        description.set("Loading " + folder.getFileName() + "…");
        AtomicReference<ModelInfo> identity = new AtomicReference<>();
        Task<InferenceBackend> loading = new Task<>() {
            @Override
            protected InferenceBackend call() {
                String title = "Loading model " + folder.getFileName();
                updateTitle(title);
                updateMessage(title);
                InferenceBackend loaded = factory.load(folder, fraction -> updateProgress(fraction, 1));
                identity.set(identify(folder));
                return loaded;
            }
        };
        work.submit(loading, loaded -> {
            if (previous != null) previous.close();
            loadedModel = identity.get();
            backend.set(loaded);
            state.set(State.READY);
            description.set(loaded.describe());
            settings.setModelFolder(folder);
        }, error -> {
            state.set(State.FAILED);
            description.set("Model failed to load — choose a model folder (Ctrl+M)");
            notifications.error("Could not load the model in " + folder.getFileName(), error);
        });
    }

    /**
     * The loaded model as a session records it, as {@code framewise ask} records it: a folder's name, path and
     * fingerprint, or a server's model name and URL; unknown when none is loaded.
     */
    public ModelInfo modelInfo() {
        return loadedModel;
    }

    /** A folder's identity; one whose files cannot be fingerprinted (it loaded, so rarely) is recorded without. */
    private static ModelInfo identify(Path folder) {
        try {
            return ModelFingerprint.local(null, folder);
        } catch (EngineException e) {
            Path dir = folder.toAbsolutePath().normalize();
            return new ModelInfo(dir.getFileName().toString(), dir.toString(), null);
        }
    }

    public void close() {
        if (backend.get() != null) backend.get().close();
    }

    /**
     * A warning when the weights are larger than the memory the system has free (Linux /proc/meminfo): on the CPU
     * the engine holds them in memory (packed for its matrix kernels), so loading may fail or the system swap.
     */
    static String memoryWarning(Path folder) {
        long weights;
        try (var files = Files.list(folder)) {
            weights = files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return null;
        }
        long available = availableMemoryBytes();
        if (available <= 0 || weights <= available) return null;
        return String.format(java.util.Locale.ROOT, "%s needs about %.1f GiB for its weights but only %.1f GiB of memory is free; "
                + "it may fail to load or be very slow. Close other programs or choose a smaller model.", folder.getFileName(), weights / GIB, available / GIB);
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    /** MemAvailable from /proc/meminfo, or -1 where there is no such file. */
    private static long availableMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** A plain description of what is wrong with a model folder, or null when it looks usable. */
    static String problemWith(Path folder) {
        if (!Files.isDirectory(folder)) return "this is not a folder; choose the folder that holds config.json and the .safetensors files";
        for (String name : REQUIRED_FILES) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                return "the folder has no " + name + "; choose a Hugging Face Qwen2.5-VL model folder";
            }
        }
        try (var files = Files.list(folder)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".safetensors"))) {
                return "the folder has no .safetensors weights; download the model's weights into it";
            }
        } catch (java.io.IOException e) {
            return "the folder cannot be read (" + e.getMessage() + ")";
        }
        return null;
    }
}
