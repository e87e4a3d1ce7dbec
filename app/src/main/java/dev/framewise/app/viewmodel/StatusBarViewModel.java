package dev.framewise.app.viewmodel;

import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's texts: the engine's state (and while a question is being prepared, its progress: frames
 * encoded, prompt tokens read) on the left, the memory in use on the right. The view polls
 * {@link #refreshMemory()} on a timer; the model lives in native memory (libtorch), so the process's resident size
 * is what counts, and the Java heap in use only where the resident size is unknown.
 */
public final class StatusBarViewModel {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final ReadOnlyStringWrapper engineText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper();
    private final LongSupplier residentBytes;
    private final LongSupplier heapBytes;

    /**
     * @param residentBytes the process's resident memory, or 0 or less where unknown
     * @param heapBytes     the Java heap in use, the fallback
     */
    public StatusBarViewModel(EngineViewModel engine, AskViewModel ask, LongSupplier residentBytes, LongSupplier heapBytes) {
        this.residentBytes = residentBytes;
        this.heapBytes = heapBytes;
        engineText.bind(Bindings.createStringBinding(() -> engineText(engine.stateProperty().get(),
                        ask.stateProperty().get(), engine.descriptionProperty().get(), ask.progressProperty().get()),
                engine.stateProperty(), engine.descriptionProperty(), ask.stateProperty(), ask.progressProperty()));
        refreshMemory();
    }

    public ReadOnlyStringProperty engineTextProperty() {
        return engineText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryTextProperty() {
        return memoryText.getReadOnlyProperty();
    }

    /** Reads the memory in use now. */
    public void refreshMemory() {
        memoryText.set(memoryText(residentBytes.getAsLong(), heapBytes.getAsLong()));
    }

    static String engineText(EngineViewModel.State engine, AskViewModel.State ask, String description) {
        return engineText(engine, ask, description, "");
    }

    /** With the running question's progress ({@link AskViewModel#progressProperty()}) while it is generating. */
    static String engineText(EngineViewModel.State engine, AskViewModel.State ask, String description, String progress) {
        return switch (engine) {
            case NO_MODEL -> "No model loaded";
            case LOADING -> description;
            case FAILED -> "Model failed to load";
            case READY -> (ask == AskViewModel.State.GENERATING ? "Generating · "
                    + (progress == null || progress.isEmpty() ? "" : progress + " · ")
                    : ask == AskViewModel.State.STOPPING ? "Stopping · " : "Ready · ") + description;
        };
    }

    static String memoryText(long resident, long heap) {
        return String.format(Locale.ROOT, "%.2f GiB in use", (resident > 0 ? resident : heap) / GIB);
    }
}
