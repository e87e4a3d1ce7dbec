package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.ReasoningOutline;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.sessions.model.LabAnswers;
import dev.framewise.sessions.model.LabVariant;

import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One cell of the lab grid: its media and variant, the run that answers it (a normal run of the history), and
 * what the grid shows of it: state, answer, the words that differ from the reference answer, and a facts line.
 */
public final class LabCellViewModel {
    public enum State { NOT_RUN, QUEUED, RUNNING, DONE, STOPPED, FAILED }

    private final MediaItem media;
    private final int row;
    private final int column;
    private final LabVariant variant;
    private final ReadOnlyObjectWrapper<RunViewModel> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NOT_RUN);
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<LabAnswers.Segment>> diff = new ReadOnlyObjectWrapper<>(List.of());
    private final InvalidationListener runChanged = o -> refresh();
    private boolean queued;

    LabCellViewModel(MediaItem media, int row, int column, LabVariant variant) {
        this.media = media;
        this.row = row;
        this.column = column;
        this.variant = variant;
    }

    /** The media asked about (null in a lab without media). */
    public MediaItem media() {
        return media;
    }

    public int row() {
        return row;
    }

    public int column() {
        return column;
    }

    public LabVariant variant() {
        return variant;
    }

    public ReadOnlyObjectProperty<RunViewModel> runProperty() {
        return run.getReadOnlyProperty();
    }

    public RunViewModel run() {
        return run.get();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** The answer: the text after the reasoning (the whole text of a run without the reasoning format). */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public String answer() {
        return answer.get();
    }

    /** "3 steps · 8 frames · 41 tokens · 1.2 s", or the error of a failed run. */
    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public String facts() {
        return facts.get();
    }

    /** The answer cut where it differs from the reference answer (all unchanged for the reference itself). */
    public ReadOnlyObjectProperty<List<LabAnswers.Segment>> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** The reasoning steps, one per line, numbered ("1. …") unless the model numbered them itself. */
    public String reasoning() {
        RunViewModel r = run.get();
        if (r == null) return "";
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (ReasoningOutline.Span step : r.outline().steps()) {
            String text = r.text().substring(step.start(), step.end()).strip();
            out.append(text.matches("(?s)\\d+[.)]\\s.*") ? "" : n + ". ").append(text).append('\n');
            n++;
        }
        return out.toString().strip();
    }

    void attach(RunViewModel newRun) {
        RunViewModel old = run.get();
        if (old != null) {
            old.stateProperty().removeListener(runChanged);
            old.outlineProperty().removeListener(runChanged);
        }
        queued = false;
        run.set(newRun);
        if (newRun != null) {
            newRun.stateProperty().addListener(runChanged);
            newRun.outlineProperty().addListener(runChanged);
        }
        refresh();
    }

    void setQueued(boolean value) {
        queued = value;
        refresh();
    }

    void compareWith(String reference) {
        diff.set(reference == null || answer.get().isBlank() ? LabAnswers.diff(answer.get(), answer.get())
                : LabAnswers.diff(reference, answer.get()));
    }

    private void refresh() {
        RunViewModel r = run.get();
        if (queued) {
            state.set(State.QUEUED);
        } else if (r == null) {
            state.set(State.NOT_RUN);
        } else {
            state.set(switch (r.state()) {
                case STREAMING -> State.RUNNING;
                case DONE -> State.DONE;
                case CANCELLED -> State.STOPPED;
                case FAILED -> State.FAILED;
            });
        }
        answer.set(r == null ? "" : answerOf(r));
        facts.set(r == null ? "" : factsOf(r));
    }

    static String answerOf(RunViewModel r) {
        ReasoningOutline outline = r.outline();
        if (outline.answer() != null) return r.text().substring(outline.answer().start(), outline.answer().end()).strip();
        return outline.steps().isEmpty() ? r.text().strip() : "";
    }

    private static String factsOf(RunViewModel r) {
        if (r.state() == RunViewModel.State.FAILED) return r.errorProperty().get();
        int steps = r.outline().steps().size();
        String s = steps + (steps == 1 ? " step" : " steps") + " · " + r.frames().size()
                + (r.frames().size() == 1 ? " frame" : " frames") + " · " + r.tokens().size() + " tokens";
        double ms = r.totalMsProperty().get();
        if (r.state() != RunViewModel.State.STREAMING && !Double.isNaN(ms) && ms > 0) {
            s += String.format(Locale.ROOT, " · %.1f s", ms / 1000);
        }
        return s;
    }
}
