package dev.framewise.app.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every run of the session, newest last; the selected one is what the reasoning panel and the timeline show. */
public final class HistoryViewModel {
    private final ObservableList<RunViewModel> runs = FXCollections.observableArrayList();
    private final ObservableList<RunViewModel> readOnlyRuns = FXCollections.unmodifiableObservableList(runs);
    private final ObjectProperty<RunViewModel> selected = new SimpleObjectProperty<>();
    private final List<Consumer<RunViewModel>> finishedListeners = new ArrayList<>();

    public ObservableList<RunViewModel> runs() {
        return readOnlyRuns;
    }

    public ObjectProperty<RunViewModel> selectedProperty() {
        return selected;
    }

    public RunViewModel selected() {
        return selected.get();
    }

    void started(RunViewModel run) {
        runs.add(run);
        selected.set(run);
    }

    /** A run started elsewhere than the Ask box (the prompt lab): listed, the selection left alone. */
    public void add(RunViewModel run) {
        runs.add(run);
    }

    /** Tells the listeners a run ended (the session saves it). */
    public void finished(RunViewModel run) {
        finishedListeners.forEach(l -> l.accept(run));
    }

    /** Called when a run ends (done, cancelled or failed): the moment to save. */
    public void onFinished(Consumer<RunViewModel> listener) {
        finishedListeners.add(listener);
    }

    public void remove(RunViewModel run) {
        runs.remove(run);
        if (selected.get() == run) selected.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        finishedListeners.forEach(l -> l.accept(run));
    }

    /**
     * The first question of a run's conversation, as far as the history still holds the runs it follows (the run
     * itself for a first question).
     */
    public RunViewModel conversationStart(RunViewModel run) {
        RunViewModel at = run;
        for (int guard = 0; at != null && at.isFollowUp() && guard < runs.size(); guard++) {
            String follows = at.spec().followUp().follows();
            RunViewModel previous = runs.stream().filter(r -> r.id().equals(follows)).findFirst().orElse(null);
            if (previous == null) return at;
            at = previous;
        }
        return at;
    }

    public void restore(List<RunViewModel> saved, RunViewModel select) {
        runs.setAll(saved);
        selected.set(select);
    }
}
