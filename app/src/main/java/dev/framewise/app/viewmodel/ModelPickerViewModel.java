package dev.framewise.app.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model picker: the models found on this machine and the servers used before, each with its size, family,
 * precision and fit verdict; the one chosen is loaded through {@link EngineViewModel} (as a folder chosen by hand
 * is). Finding and sizing run on {@code worker}; every property changes on {@code fx}.
 */
public final class ModelPickerViewModel {
    public enum State { FINDING, READY, FAILED }

    /** What the picker switches: the engine in the workbench, a recorder in tests. */
    public interface Engine {
        void load(Path folder);

        /**
         * Connects to {@code server} with {@code apiKey} (null for none); {@code outcome} is told on the FX thread:
         * null once connected, else the error ({@link ServerConnector.KeyRefused} for a missing or wrong key).
         */
        void connect(AppSettings.Server server, String apiKey, Consumer<Throwable> outcome);

        /** The API key the server at {@code url} accepted in this session (kept in memory only); null for none. */
        String sessionKey(String url);

        /** The folder loaded now; null for none or a server. */
        Path loadedFolder();

        /** The server connected to now; null for none or a folder. */
        AppSettings.Server connectedServer();
    }

    private final ModelCatalog catalog;
    private final Engine engine;
    private final AppSettings settings;
    private final Executor worker;
    private final Executor fx;
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<AppSettings.Server> keyWanted = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper(false);
    private Runnable onConnected = () -> { };
    private int generation;

    /** The workbench's picker: switches {@code engine} (a folder's load, a server's connection, as chosen by hand). */
    public static ModelPickerViewModel forEngine(ModelCatalog catalog, EngineViewModel engine, AppSettings settings,
                                                 Executor worker, Executor fx) {
        return new ModelPickerViewModel(catalog, new Engine() {
            @Override
            public void load(Path folder) {
                engine.load(folder);
            }

            @Override
            public void connect(AppSettings.Server server, String apiKey, Consumer<Throwable> outcome) {
                engine.connect(server.url(), server.model(), apiKey, outcome);
            }

            @Override
            public String sessionKey(String url) {
                return engine.sessionKey(url);
            }

            @Override
            public Path loadedFolder() {
                return engine.backendProperty().get() == null ? null : engine.modelFolderProperty().get();
            }

            @Override
            public AppSettings.Server connectedServer() {
                if (engine.backendProperty().get() == null || engine.modelFolderProperty().get() != null) return null;
                var info = engine.modelInfo();
                return info.location() == null ? null : new AppSettings.Server(info.location(), info.name());
            }
        }, settings, worker, fx);
    }

    public ModelPickerViewModel(ModelCatalog catalog, Engine engine, AppSettings settings, Executor worker,
                                Executor fx) {
        this.catalog = catalog;
        this.engine = engine;
        this.settings = settings;
        this.worker = worker;
        this.fx = fx;
    }

    /** Looks for models again (the folders may have changed, a download may have finished); keeps the selection. */
    public void refresh() {
        int mine = ++generation;
        state.set(State.FINDING);
        message.set("Looking for models…");
        List<AppSettings.Server> servers = settings.recentServers();
        worker.execute(() -> {
            try {
                List<ModelChoice> found = new ArrayList<>(catalog.findModels());
                servers.forEach(s -> found.add(ModelChoice.ofServer(s)));
                fx.execute(() -> {
                    if (mine == generation) show(found);
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (mine != generation) return;
                    state.set(State.FAILED);
                    message.set("Could not look for models: " + e.getMessage());
                });
            }
        });
    }

    private void show(List<ModelChoice> found) {
        ModelChoice was = selected.get();
        models.setAll(found);
        selected.set(found.stream().filter(m -> was != null && sameModel(m, was)).findFirst()
                .orElse(found.stream().filter(this::inUse).findFirst().orElse(found.isEmpty() ? null : found.get(0))));
        state.set(State.READY);
        message.set(found.isEmpty() ? "No models found yet: download one, or choose a model folder" : found.size()
                + (found.size() == 1 ? " model" : " models"));
    }

    private static boolean sameModel(ModelChoice a, ModelChoice b) {
        return a.location().equals(b.location()) && a.name().equals(b.name());
    }

    /** Searches a folder of the user's for models from now on, then looks again. */
    public void addFolder(Path folder) {
        state.set(State.FINDING);
        worker.execute(() -> {
            try {
                catalog.addFolder(folder);
                fx.execute(this::refresh);
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    state.set(State.FAILED);
                    message.set("Could not add " + folder + ": " + e.getMessage());
                });
            }
        });
    }

    /** Loads a model folder (a download just finished) as if it had been picked from the list. */
    public void use(Path folder) {
        engine.load(folder);
    }

    /** Whether this is the model in use now (the folder loaded, or the server connected to). */
    public boolean inUse(ModelChoice choice) {
        if (choice.folder() != null) {
            Path loaded = engine.loadedFolder();
            return loaded != null && loaded.toAbsolutePath().normalize().equals(choice.folder().toAbsolutePath().normalize());
        }
        return choice.server().equals(engine.connectedServer());
    }

    /**
     * Switches to the selected model. A folder is loaded (in the background, as one chosen by hand): returns true,
     * the picker may close. A server is connected to here, with the API key it accepted earlier in this session; one
     * that wants a key it has not had yet, or refuses the key, makes the picker ask for it ({@link #keyWantedProperty},
     * then {@link #useKey}); once connected, the runnable of {@link #setOnConnected} runs. Returns false for a server,
     * when there is nothing to switch to, or the choice is an unfinished download (the message says so).
     */
    public boolean useSelected() {
        ModelChoice choice = selected.get();
        if (choice == null) return false;
        if (!choice.complete()) {
            message.set(choice.name() + " is incomplete (missing " + String.join(", ", choice.missing())
                    + "): finish its download first");
            return false;
        }
        if (choice.folder() != null) {
            keyWanted.set(null);
            engine.load(choice.folder());
            return true;
        }
        AppSettings.Server server = choice.server();
        String key = engine.sessionKey(server.url());
        if (key == null && settings.serverNeedsKey(server.url())) {
            askForKey(server, server.model() + " at " + server.url() + " needs an API key: enter it (used for this "
                    + "session, never saved)");
        } else {
            connect(server, key);
        }
        return false;
    }

    /** Connects to the server that asked for a key, with {@code apiKey}. */
    public void useKey(String apiKey) {
        AppSettings.Server server = keyWanted.get();
        if (server == null || connecting.get()) return;
        connect(server, apiKey == null || apiKey.isBlank() ? null : apiKey.strip());
    }

    private void connect(AppSettings.Server server, String apiKey) {
        connecting.set(true);
        message.set("Connecting to " + server.url() + "…");
        engine.connect(server, apiKey, error -> {
            connecting.set(false);
            if (error == null) {
                keyWanted.set(null);
                message.set("Connected to " + server.model() + " at " + server.url());
                onConnected.run();
            } else if (error instanceof ServerConnector.KeyRefused) {
                askForKey(server, capitalised(error.getMessage()) + " (used for this session, never saved)");
            } else {
                message.set("Could not use the server at " + server.url() + ": " + error.getMessage());
            }
        });
    }

    private void askForKey(AppSettings.Server server, String why) {
        keyWanted.set(server);
        message.set(why);
    }

    private static String capitalised(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Runs once a server chosen here is connected to (the picker closes). */
    public void setOnConnected(Runnable onConnected) {
        this.onConnected = onConnected;
    }

    /** The server the picker asks an API key for; null while it asks none. */
    public ReadOnlyObjectProperty<AppSettings.Server> keyWantedProperty() {
        return keyWanted.getReadOnlyProperty();
    }

    /** Whether a connection to a server chosen here is under way. */
    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    public ObservableList<ModelChoice> models() {
        return models;
    }

    public ObjectProperty<ModelChoice> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the picker is doing, how many models it found, or what went wrong. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
