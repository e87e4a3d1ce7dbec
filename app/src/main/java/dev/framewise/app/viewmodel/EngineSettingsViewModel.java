package dev.framewise.app.viewmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The embedded engine's settings as the user last chose them (kept in the settings); applying new ones loads the model
 * folder in use again with them, so that they take effect at once.
 */
public final class EngineSettingsViewModel {
    private final AppSettings settings;
    private final EngineViewModel engine;
    private final ReadOnlyObjectWrapper<EngineSettings> current;

    public EngineSettingsViewModel(AppSettings settings, EngineViewModel engine) {
        this.settings = settings;
        this.engine = engine;
        this.current = new ReadOnlyObjectWrapper<>(settings.engineSettings());
    }

    public ReadOnlyObjectProperty<EngineSettings> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Keeps the settings; returns the model folder loaded again with them, if one was in use. */
    public Optional<Path> apply(EngineSettings chosen) {
        settings.setEngineSettings(chosen);
        boolean changed = !chosen.equals(current.get());
        current.set(chosen);
        if (!changed || settings.server().isPresent() || engine.stateProperty().get() == EngineViewModel.State.LOADING) {
            return Optional.empty();
        }
        Optional<Path> folder = settings.modelFolder().filter(Files::isDirectory)
                .filter(f -> engine.stateProperty().get() == EngineViewModel.State.READY);
        folder.ifPresent(engine::load);
        return folder;
    }
}
