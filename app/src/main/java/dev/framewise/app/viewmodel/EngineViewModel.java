package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundTask;
import dev.framewise.app.task.TaskExecutor;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.LoadProgress;
import dev.framewise.engine.store.sizing.FitCheck;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.record.ModelFingerprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The model in use: chosen as a folder, checked, loaded off the FX thread, remembered for the next start. */
public final class EngineViewModel {
    public enum State { NO_MODEL, LOADING, READY, FAILED }

    private static final List<String> REQUIRED_FILES = List.of("config.json", "tokenizer.json");
    private static final String NO_MODEL_TEXT = "No model — choose one (Ctrl+M)";

    private final TaskExecutor work;
    private final BackendFactory factory;
    private final ServerConnector servers;
    private final AppSettings settings;
    private final NotificationsViewModel notifications;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NO_MODEL);
    private final ReadOnlyObjectWrapper<InferenceBackend> backend = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> modelFolder = new ReadOnlyObjectWrapper<>();
    private ModelInfo loadedModel = ModelInfo.UNKNOWN;
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(NO_MODEL_TEXT);
    /** API keys servers accepted in this session, by URL: in memory only, never written anywhere. */
    private final Map<String, String> sessionKeys = new ConcurrentHashMap<>();

    public EngineViewModel(TaskExecutor work, BackendFactory factory, ServerConnector servers, AppSettings settings,
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
    /** The model folder in use; null for none or a server (whose costs the preview cannot know). */
    public ReadOnlyObjectProperty<Path> modelFolderProperty() {
        return modelFolder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /**
     * Uses the model of last time again: the server it was connected to, or the folder if it is still there. A server
     * that wants an API key waits for the model picker to ask for it (keys are not kept from one session to the next).
     */
    public void loadRemembered() {
        var server = settings.server();
        if (server.isPresent() && settings.serverNeedsKey(server.get().url())) {
            description.set(server.get().model() + " at " + server.get().url() + " needs its API key — choose it in "
                    + "the model picker (Ctrl+M)");
        } else if (server.isPresent()) {
            connect(server.get().url(), server.get().model(), null);
        } else {
            settings.modelFolder().filter(Files::isDirectory).ifPresent(this::load);
        }
    }

    /** Connects to an OpenAI-compatible server in the background; the API key is used, never stored. */
    public void connect(String baseUrl, String model, String apiKey) {
        connect(baseUrl, model, apiKey, null);
    }

    /**
     * As {@link #connect(String, String, String)}, telling {@code outcome} (on the FX thread) of the end: null once
     * connected, else the error. A key the server accepts is kept in memory for this session ({@link #sessionKey});
     * a refused one ({@link ServerConnector.KeyRefused}) is forgotten and left to {@code outcome} to ask again, with
     * no error notification.
     */
    public void connect(String baseUrl, String model, String apiKey, Consumer<Throwable> outcome) {
        boolean keyGiven = apiKey != null && !apiKey.isBlank();
        replace("Connecting to " + baseUrl, "Connecting to " + baseUrl + "…",
                "No connection — choose a model (Ctrl+M) or a server (Ctrl+Shift+M)",
                "Could not use the server at " + baseUrl, progress -> servers.connect(baseUrl, model, apiKey), () -> {
                    loadedModel = ModelFingerprint.remote(model, baseUrl);
                    modelFolder.set(null);
                    settings.setServer(new AppSettings.Server(baseUrl, model));
                    if (keyGiven) {
                        sessionKeys.put(baseUrl, apiKey);
                        settings.setServerNeedsKey(baseUrl, true);
                    }
                    if (outcome != null) outcome.accept(null);
                }, error -> {
                    boolean refused = error instanceof ServerConnector.KeyRefused;
                    if (refused) {
                        sessionKeys.remove(baseUrl);
                        settings.setServerNeedsKey(baseUrl, true);
                    }
                    if (outcome != null) outcome.accept(error);
                    return refused && outcome != null;
                });
    }

    /** The API key the server at {@code url} accepted in this session; null when none was given. */
    public String sessionKey(String url) {
        return sessionKeys.get(url);
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
        AtomicReference<ModelInfo> identity = new AtomicReference<>();
        replace("Loading model " + folder.getFileName(), "Loading " + folder.getFileName() + "…",
                "Model failed to load — choose a model (Ctrl+M)", "Could not load the model in " + folder.getFileName(),
                progress -> {
                    InferenceBackend loaded = factory.load(folder, progress);
                    identity.set(identify(folder));
                    return loaded;
                }, () -> {
                    loadedModel = identity.get();
                    modelFolder.set(folder);
                    settings.setModelFolder(folder);
                }, error -> false);
    }

    /** Opens a backend, reporting 0..1 to {@code progress} where it can tell; slow, off the FX thread. */
    @FunctionalInterface
    private interface Opener {
        InferenceBackend open(DoubleConsumer progress) throws Exception;
    }

    /**
     * Opens a backend in the background in place of the one in use, which is closed once the new one is ready and
     * stays in use if opening fails or is cancelled (a model of several GB is not loaded again for nothing).
     * Cancelling stops an embedded load at its next layer, and whatever the cancelled work still opens is closed.
     */
    private void replace(String title, String pendingDescription, String failedDescription, String failure,
                         Opener opener, Runnable adopted, Predicate<Throwable> handled) {
        InferenceBackend previous = backend.get();
        backend.set(null);
        state.set(State.LOADING);
        description.set(pendingDescription);
        BackgroundTask<InferenceBackend> task = BackgroundTask.withProgress(title, progress -> opener.open(
                new LoadProgress.Listener() {
                    @Override
                    public void step(LoadProgress step) {
                        if (progress.isCancelled()) throw new CancellationException(title + " was cancelled");
                        progress.message(step.stage() == LoadProgress.Stage.LOADING ? "" : step.describe());
                    }

                    @Override
                    public void accept(double fraction) {
                        if (progress.isCancelled()) throw new CancellationException(title + " was cancelled");
                        progress.update(fraction);
                    }
                }));
        // int8 / int4 weights quantised at their first load: the status line says so, and how far it is
        task.messageProperty().addListener((o, before, text) -> {
            if (state.get() == State.LOADING) {
                description.set(text.isEmpty() ? pendingDescription : pendingDescription + " " + text);
            }
        });
        work.execute(task.discard(InferenceBackend::close).onCancelled(() -> restore(previous)).onSuccess(opened -> {
            if (previous != null) previous.close();
            InferenceBackend overlapping = backend.get(); // another load begun meanwhile ended first
            if (overlapping != null) overlapping.close();
            backend.set(opened);
            state.set(State.READY);
            description.set(opened.describe());
            adopted.run();
        }).onFailure(error -> {
            restore(previous);
            if (backend.get() == null) {
                state.set(State.FAILED);
                description.set(failedDescription);
            }
            if (!handled.test(error)) notifications.error(failure, error);
        }));
    }

    /** Back to the backend in use before, or to no model; unless another load begun meanwhile has ended. */
    private void restore(InferenceBackend previous) {
        if (backend.get() != null) {
            if (previous != null) previous.close();
            return;
        }
        backend.set(previous);
        state.set(previous == null ? State.NO_MODEL : State.READY);
        description.set(previous == null ? NO_MODEL_TEXT : previous.describe());
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
     * {@code framewise models info}'s verdict when it is that the model does not fit this machine's free memory
     * (the engine's FitCheck, so the two never disagree); null when it fits.
     */
    static String memoryWarning(Path folder) {
        return FitCheck.warningBeforeLoad(folder).orElse(null);
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
