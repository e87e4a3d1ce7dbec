package dev.framewise.app.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
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

        void connect(AppSettings.Server server);

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
            public void connect(AppSettings.Server server) {
                engine.connect(server.url(), server.model(), null);
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
     * Switches to the selected model: loads the folder, or connects to the server (without an API key: a server
     * that needs one is connected to through Model ▸ Connect to a server). Returns false when there is nothing to
     * switch to, or the choice is an unfinished download (the message says so).
     */
    public boolean useSelected() {
        ModelChoice choice = selected.get();
        if (choice == null) return false;
        if (!choice.complete()) {
            message.set(choice.name() + " is incomplete (missing " + String.join(", ", choice.missing())
                    + "): finish its download first");
            return false;
        }
        if (choice.folder() != null) engine.load(choice.folder());
        else engine.connect(choice.server());
        return true;
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
