package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.HistoryViewModel;
import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.NotificationsViewModel;
import dev.framewise.app.viewmodel.ParamsViewModel;
import dev.framewise.app.viewmodel.ReasoningOutliner;
import dev.framewise.app.viewmodel.RunCharts;
import dev.framewise.app.viewmodel.RunSpec;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.app.viewmodel.SessionLabs;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabAnswers;
import dev.framewise.sessions.model.LabAxis;
import dev.framewise.sessions.model.LabCell;
import dev.framewise.sessions.model.LabDimension;
import dev.framewise.sessions.model.LabVariant;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The prompt lab: one question about the current media (or every library item) asked as a grid of variants
 * that vary one or two dimensions ({@link LabDimension}: question text or template, system prompt, reasoning format,
 * sampling, seed, fps, pixels, clip range, timestamp overlay, model), run one cell at a time as a queue with
 * progress and cancel. Every cell's run is a normal run of the history (so it opens in the run view with its frame
 * links and is saved with the session); the lab itself is saved in the session too ({@link SessionLabs}). The grid
 * is compared against a reference answer (the first one, or the one the user picks) and its answers counted, per
 * row or column where the other axis is the seed; the picked cells' frame evidence and token confidence are charted.
 */
public final class LabViewModel implements SessionLabs {

    /** How often each answer came back in a group of cells, and the majority (null when tied or empty). */
    public record Distribution(String title, List<LabAnswers.Count> counts, String majority) {
        public int total() {
            return counts.stream().mapToInt(LabAnswers.Count::count).sum();
        }
    }

    private final LabSources sources;
    private final HistoryViewModel history;
    private final NotificationsViewModel notifications;
    private final ReasoningOutliner outliner;
    private final ParamsViewModel params;
    private final Runnable changed;

    private final StringProperty question = new SimpleStringProperty("");
    private final StringProperty systemPrompt = new SimpleStringProperty("");
    private final ObjectProperty<LabDimension> rowDimension = new SimpleObjectProperty<>(LabDimension.QUESTION);
    private final StringProperty rowValues = new SimpleStringProperty("");
    private final ObjectProperty<LabDimension> columnDimension = new SimpleObjectProperty<>(LabDimension.SEED);
    private final StringProperty columnValues = new SimpleStringProperty("");
    private final BooleanProperty allMedia = new SimpleBooleanProperty(false);
    private final BooleanProperty evidence = new SimpleBooleanProperty(false);
    private final ObservableList<LabCellViewModel> selected = FXCollections.observableArrayList();
    // One wrapper for all: it hears the list through a weak listener, so a wrapper per call would lose its listeners.
    private final ObservableList<LabCellViewModel> selectedView = FXCollections.unmodifiableObservableList(selected);
    private final ObservableList<RunCharts> charts = FXCollections.observableArrayList();

    private final ObservableList<LabCellViewModel> cells = FXCollections.observableArrayList();
    private final ObservableList<Distribution> distributions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Lab> lab = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<LabCellViewModel> reference = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<LabCellViewModel> shownReference = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Build a grid, then run it.");
    private final Deque<LabCellViewModel> queue = new ArrayDeque<>();
    private final List<Kept> kept = new ArrayList<>();
    private final ObservableList<Lab> sessionLabs = FXCollections.observableArrayList();
    private Kept shown;
    private LabCellViewModel current;
    private CancellationToken cancel;
    private int batchSize;
    private int batchDone;

    /**
     * @param params  the Ask box's parameters, which a new grid starts from
     * @param changed called when the lab changed in a way the session saves
     */
    public LabViewModel(LabSources sources, HistoryViewModel history, NotificationsViewModel notifications,
                        ReasoningOutliner outliner, ParamsViewModel params, Runnable changed) {
        this.sources = sources;
        this.history = history;
        this.notifications = notifications;
        this.outliner = outliner;
        this.params = params;
        this.changed = changed;
        reference.addListener((obs, old, cell) -> compare());
    }

    public StringProperty questionProperty() {
        return question;
    }

    /** The user's system prompt for every cell (empty: the convention's). */
    public StringProperty systemPromptProperty() {
        return systemPrompt;
    }

    public ObjectProperty<LabDimension> rowDimensionProperty() {
        return rowDimension;
    }

    /** The rows' values, one per line (blank lines ignored); none: a single row. */
    public StringProperty rowValuesProperty() {
        return rowValues;
    }

    /** Null for a grid of one column. */
    public ObjectProperty<LabDimension> columnDimensionProperty() {
        return columnDimension;
    }

    public StringProperty columnValuesProperty() {
        return columnValues;
    }

    /** Every library item instead of the media in the viewer. */
    public BooleanProperty allMediaProperty() {
        return allMedia;
    }

    /** Frame evidence for every cell of the next grid: an extra pass after each answer (slower). */
    public BooleanProperty evidenceProperty() {
        return evidence;
    }

    public ObservableList<LabCellViewModel> cells() {
        return cells;
    }

    /** The cells whose runs are charted, in the order they were picked. */
    public ObservableList<LabCellViewModel> selectedCells() {
        return selectedView;
    }

    /**
     * Picks a cell to chart: alone, or ({@code add}) added to the picked ones, or taken out again if it was among
     * them.
     */
    public void selectCell(LabCellViewModel cell, boolean add) {
        if (cell == null || !cells.contains(cell)) return;
        if (!add) {
            selected.setAll(List.of(cell));
        } else if (selected.contains(cell)) {
            selected.remove(cell);
        } else {
            selected.add(cell);
        }
        chart();
    }

    /** The frame-evidence and token-confidence data of the picked cells that have a run, a series each. */
    public ObservableList<RunCharts> charts() {
        return charts;
    }

    public ObservableList<Distribution> distributions() {
        return distributions;
    }

    /** The grid as the session records it (null before the first build). */
    public ReadOnlyObjectProperty<Lab> labProperty() {
        return lab.getReadOnlyProperty();
    }

    public Lab lab() {
        return lab.get();
    }

    /** Every lab of the session in the order they were built, the shown one among them (for the lab picker). */
    public ObservableList<Lab> sessionLabs() {
        return sessionLabs;
    }

    /**
     * Shows another lab of the session (by id) with its answers; the shown one stays in the session where it was.
     * Refused while the queue runs.
     */
    public boolean select(Lab other) {
        if (other == null || running.get() || shown == null || shown.lab.id().equals(other.id())) return false;
        Kept chosen = kept.stream().filter(k -> k.lab.id().equals(other.id())).findFirst().orElse(null);
        if (chosen == null) return false;
        fill(chosen.lab);
        show(chosen);
        answeredStatus();
        return true;
    }

    /** The cell the others' answers are compared with (null: the first answered cell). */
    public ObjectProperty<LabCellViewModel> referenceProperty() {
        return reference;
    }

    /** The cell the differences are marked against now: the chosen reference, or the first answered cell. */
    public ReadOnlyObjectProperty<LabCellViewModel> shownReferenceProperty() {
        return shownReference.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The media of the grid's rows, in order (one null entry for a lab without media). */
    public List<MediaItem> media() {
        List<MediaItem> out = new ArrayList<>();
        for (LabCellViewModel c : cells) if (!out.contains(c.media())) out.add(c.media());
        return out;
    }

    /** The cell at a place of the grid, or null. */
    public LabCellViewModel cell(MediaItem media, int row, int column) {
        return cells.stream().filter(c -> c.media() == media && c.row() == row && c.column() == column).findFirst().orElse(null);
    }

    /**
     * Lays out a new grid from the fields (the previous one stays in the session); a bad value or a missing
     * question or media becomes one notification and no grid.
     */
    public boolean build() {
        if (running.get()) return false;
        try {
            MediaItem shown = sources.shownMedia().get();
            List<MediaItem> media = allMedia.get() ? List.copyOf(sources.libraryItems().get()) : shown == null ? List.of() : List.of(shown);
            Lab built = new Lab(UUID.randomUUID().toString(), "", sources.clock().instant(), List.of(), baseVariant(),
                    axis(rowDimension.get(), rowValues.get()), axis(columnDimension.get(), columnValues.get()), List.of());
            if (built.rows() != null && built.columns() != null && built.rows().dimension() == built.columns().dimension()) {
                throw new IllegalArgumentException("rows and columns both vary the " + built.rows().dimension().label()
                        + "; pick another dimension for one of them");
            }
            List<LabCellViewModel> grid = new ArrayList<>();
            for (MediaItem m : media.isEmpty() ? Collections.<MediaItem>singletonList(null) : media) {
                for (int r = 0; r < built.rowCount(); r++) {
                    for (int c = 0; c < built.columnCount(); c++) {
                        LabVariant v = built.variant(r, c);
                        LabRequests.params(v, LabRequests.convention(sources.backend().get(), v.model()));
                        if (v.template() != null) sources.templates().find(v.template());
                        grid.add(new LabCellViewModel(m, r, c, v));
                    }
                }
            }
            Kept made = new Kept(built, grid);
            kept.add(made);
            show(made);
            status.set(grid.size() + (grid.size() == 1 ? " cell" : " cells") + " ready to run.");
            changed.run();
            return true;
        } catch (IllegalArgumentException | EngineException e) {
            notifications.error("Check the prompt lab", e);
            return false;
        }
    }

    /** Queues every cell that has no answer yet (or stopped or failed) and starts the queue. */
    public void runAll() {
        for (LabCellViewModel c : cells) {
            if (c.state() == LabCellViewModel.State.NOT_RUN || c.state() == LabCellViewModel.State.STOPPED
                    || c.state() == LabCellViewModel.State.FAILED) {
                enqueue(c);
            }
        }
        next();
    }

    /** Runs one cell again (a new run; the old one stays in the history). */
    public void rerun(LabCellViewModel cell) {
        if (cell == null || queue.contains(cell) || cell == current) return;
        enqueue(cell);
        next();
    }

    /** Empties the queue and stops the cell that is generating at its next token. */
    public void cancel() {
        for (LabCellViewModel c : queue) c.setQueued(false);
        queue.clear();
        if (cancel != null) cancel.cancel();
        if (current == null) finishBatch("Cancelled");
    }

    /** Shows a cell's run in the main window's run view (its reasoning, answer and frame links). */
    public void open(LabCellViewModel cell) {
        if (cell != null && cell.run() != null) history.selectedProperty().set(cell.run());
    }

    private void enqueue(LabCellViewModel c) {
        if (!running.get() && queue.isEmpty()) {
            batchSize = 0;
            batchDone = 0;
        }
        queue.add(c);
        c.setQueued(true);
        batchSize++;
        updateProgress();
    }

    private void next() {
        if (current != null) return;
        LabCellViewModel cell = queue.poll();
        if (cell == null) {
            if (running.get()) finishBatch("Done");
            return;
        }
        String location = cell.variant().model();
        InferenceBackend loaded = sources.backend().get();
        if (location == null && loaded == null) {
            for (LabCellViewModel c : queue) c.setQueued(false);
            queue.clear();
            cell.setQueued(false);
            notifications.error("The prompt lab cannot run", new EngineException("no model is loaded; choose a model folder or connect to a server first"));
            finishBatch("No model");
            return;
        }
        running.set(true);
        current = cell;
        Path path = cell.media() == null ? null : cell.media().path();
        PromptConvention convention = LabRequests.convention(loaded, location);
        RunSpec spec;
        GenerationRequest request;
        try {
            spec = LabRequests.spec(cell.variant(), path, cell.media() != null && cell.media().isVideo(), convention,
                    sources.templates());
            request = LabRequests.request(spec, convention, cell.variant());
        } catch (RuntimeException e) {
            current = null;
            cell.setQueued(false);
            notifications.error("A prompt-lab cell could not start", e);
            batchDone++;
            next();
            return;
        }
        RunViewModel run = new RunViewModel(UUID.randomUUID().toString(), sources.clock().instant(), spec, request,
                location == null ? sources.model().get() : LabModels.identify(location), outliner, System::nanoTime);
        run.setBackend(location == null ? loaded.describe() : location.strip());
        history.add(run);
        cell.attach(run);
        CancellationToken token = new CancellationToken();
        cancel = token;
        updateProgress();
        LabRunner.Backend backend = location == null ? () -> loaded : () -> sources.otherModels().apply(location);
        sources.runner().run(backend, request, run, token, result -> {
            run.finished(result);
            ended(cell, run);
        }, error -> {
            run.failed(NotificationsViewModel.plainMessage("The model could not answer", error));
            ended(cell, run);
        });
    }

    private void ended(LabCellViewModel cell, RunViewModel run) {
        current = null;
        cancel = null;
        batchDone++;
        compare();
        history.finished(run);
        if (run.state() == RunViewModel.State.CANCELLED && queue.isEmpty()) {
            finishBatch("Cancelled");
        } else {
            next();
        }
    }

    private void finishBatch(String how) {
        running.set(false);
        long answered = cells.stream().filter(c -> c.state() == LabCellViewModel.State.DONE).count();
        status.set(how + ": " + answered + " of " + cells.size() + " cells answered.");
        progress.set(batchSize == 0 ? 0 : batchDone / (double) batchSize);
        changed.run();
    }

    private void updateProgress() {
        progress.set(batchSize == 0 ? 0 : batchDone / (double) batchSize);
        if (current != null) status.set("Running " + (batchDone + 1) + " of " + batchSize + "…");
    }

    /** Recomputes the differences against the reference and the answer distributions. */
    private void compare() {
        LabCellViewModel ref = reference.get();
        if (ref == null || ref.answer().isBlank()) {
            ref = cells.stream().filter(c -> c.state() == LabCellViewModel.State.DONE && !c.answer().isBlank()).findFirst().orElse(null);
        }
        String text = ref == null ? null : ref.answer();
        for (LabCellViewModel c : cells) c.compareWith(text);
        shownReference.set(ref);
        distributions.setAll(distributionsOf());
        chart();
    }

    private void chart() {
        charts.setAll(selected.stream().filter(c -> c.run() != null).map(c -> RunCharts.of(chartName(c), c.run())).toList());
    }

    /** "question = What will… · seed = 2": the cell's place in the grid, shortened for a chart's legend. */
    private String chartName(LabCellViewModel c) {
        Lab l = lab.get();
        String name = java.util.stream.Stream.of(c.media() != null && media().size() > 1 ? c.media().name() : "",
                        Lab.heading(l.rows(), c.row()), Lab.heading(l.columns(), c.column()))
                .filter(s -> !s.isEmpty()).map(s -> s.length() > 32 ? s.substring(0, 31) + "…" : s)
                .collect(java.util.stream.Collectors.joining(" · "));
        return name.isEmpty() ? "the cell" : name;
    }

    private List<Distribution> distributionsOf() {
        Lab l = lab.get();
        if (l == null) return List.of();
        boolean seedColumns = l.columns() != null && l.columns().dimension() == LabDimension.SEED;
        boolean seedRows = !seedColumns && l.rows() != null && l.rows().dimension() == LabDimension.SEED;
        List<Distribution> out = new ArrayList<>();
        List<MediaItem> media = media();
        for (MediaItem m : media) {
            String prefix = media.size() > 1 && m != null ? m.name() + " · " : "";
            if (seedColumns || seedRows) {
                int groups = seedColumns ? l.rowCount() : l.columnCount();
                for (int g = 0; g < groups; g++) {
                    int group = g;
                    List<String> answers = cells.stream().filter(c -> c.media() == m && (seedColumns ? c.row() : c.column()) == group)
                            .filter(c -> c.state() == LabCellViewModel.State.DONE).map(LabCellViewModel::answer).toList();
                    String heading = Lab.heading(seedColumns ? l.rows() : l.columns(), group);
                    out.add(distribution(prefix + (heading.isEmpty() ? "All seeds" : heading), answers));
                }
            } else {
                List<String> answers = cells.stream().filter(c -> c.media() == m && c.state() == LabCellViewModel.State.DONE)
                        .map(LabCellViewModel::answer).toList();
                out.add(distribution(prefix + "All cells", answers));
            }
        }
        return out;
    }

    private static Distribution distribution(String title, List<String> answers) {
        return new Distribution(title, LabAnswers.distribution(answers), LabAnswers.majority(answers));
    }

    /** The Ask box's parameters with this lab's question and system prompt. */
    private LabVariant baseVariant() {
        if (question.get().isBlank()) throw new IllegalArgumentException("the lab has no question; type the question to ask");
        return new LabVariant(question.get().strip(), systemPrompt.get().isBlank() ? null : systemPrompt.get().strip(),
                params.reasoningFormatProperty().get(), params.temperatureProperty().get(), params.topPProperty().get(),
                params.maxTokensProperty().get(), params.seedProperty().get(), params.fpsProperty().get(),
                params.maxPixelsOverride(), null, null, null).withEvidence(evidence.get() ? Boolean.TRUE : null);
    }

    private static LabAxis axis(LabDimension dimension, String text) {
        if (dimension == null) return null;
        List<String> values = Arrays.stream(text == null ? new String[0] : text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        return values.isEmpty() ? null : new LabAxis(dimension, values);
    }

    private void show(Kept k) {
        shown = k;
        List<LabCellViewModel> grid = k.grid;
        // The picker's list first, so the shown lab is among its items when it is selected; left alone when only
        // the shown lab changes, so a pick does not rebuild the list it was picked from.
        List<Lab> all = kept.stream().map(x -> x.lab).toList();
        if (!sessionLabs.equals(all)) sessionLabs.setAll(all);
        lab.set(k.lab);
        reference.set(null);
        selected.clear();
        queue.clear();
        batchSize = 0;
        batchDone = 0;
        progress.set(0);
        cells.setAll(grid);
        compare();
    }

    // ---- the session (SessionLabs) ----

    @Override
    public List<Lab> labs(Map<Path, String> mediaIds) {
        mediaIds.forEach((path, id) -> savedMedia.put(id, path));
        List<Lab> out = new ArrayList<>();
        for (Kept k : kept) {
            k.save(mediaIds);
            if (k.saved != null) out.add(k.saved);
        }
        return out;
    }

    // Media by session id, for labs picked later: as the opened session named them, and as saving named them since.
    private Function<String, Path> mediaPath = id -> null;
    private final Map<String, Path> savedMedia = new HashMap<>();

    @Override
    public void restore(List<Lab> labs, Function<String, Path> mediaPath) {
        // Quietly: a notice to the session here would save the old grid into the file being opened.
        for (LabCellViewModel c : queue) c.setQueued(false);
        queue.clear();
        if (cancel != null) cancel.cancel();
        running.set(false);
        kept.clear();
        shown = null;
        savedMedia.clear();
        this.mediaPath = mediaPath;
        if (labs.isEmpty()) {
            lab.set(null);
            cells.clear();
            distributions.clear();
            sessionLabs.clear();
            status.set("Build a grid, then run it.");
            return;
        }
        for (Lab l : labs) {
            List<LabCellViewModel> grid = gridOf(l);
            Kept k = new Kept(l, grid);
            // A lab whose media left the library keeps its saved cells instead of losing them.
            k.whole = grid.size() == Math.max(1, l.mediaIds().size()) * l.rowCount() * l.columnCount();
            k.saved = l;
            kept.add(k);
        }
        Lab last = labs.get(labs.size() - 1);
        fill(last);
        show(kept.get(kept.size() - 1));
        answeredStatus();
    }

    /** The fields a lab was built from, shown again. */
    private void fill(Lab last) {
        question.set(last.base().question());
        systemPrompt.set(Objects.requireNonNullElse(last.base().systemPrompt(), ""));
        rowDimension.set(last.rows() == null ? null : last.rows().dimension());
        rowValues.set(last.rows() == null ? "" : String.join("\n", last.rows().values()));
        columnDimension.set(last.columns() == null ? null : last.columns().dimension());
        columnValues.set(last.columns() == null ? "" : String.join("\n", last.columns().values()));
        allMedia.set(last.mediaIds().size() > 1);
        evidence.set(Boolean.TRUE.equals(last.base().evidence()));
    }

    private void answeredStatus() {
        long answered = cells.stream().filter(c -> c.state() == LabCellViewModel.State.DONE).count();
        status.set(answered + " of " + cells.size() + " cells answered.");
    }

    /** A saved lab's cells on the history's runs (a cell of media no longer in the library is left out). */
    private List<LabCellViewModel> gridOf(Lab last) {
        List<String> mediaIds = last.mediaIds().isEmpty() ? Collections.<String>singletonList(null) : last.mediaIds();
        List<LabCellViewModel> grid = new ArrayList<>();
        for (String mediaId : mediaIds) {
            Path path = mediaId == null ? null : savedMedia.containsKey(mediaId) ? savedMedia.get(mediaId) : mediaPath.apply(mediaId);
            MediaItem m = path == null ? null : sources.findMedia().apply(path);
            if (mediaId != null && m == null) continue;
            for (int r = 0; r < last.rowCount(); r++) {
                for (int c = 0; c < last.columnCount(); c++) {
                    LabCellViewModel cell = new LabCellViewModel(m, r, c, last.variant(r, c));
                    String runId = last.cell(mediaId, r, c).map(LabCell::runId).orElse(null);
                    history.runs().stream().filter(run -> run.id().equals(runId)).findFirst().ifPresent(cell::attach);
                    grid.add(cell);
                }
            }
        }
        return grid;
    }

    /**
     * A lab of the session with its cells: the one shown, or one the picker can show again. It is saved as its
     * cells' runs once its media are hashed (until then as it was last saved, as the runs wait for the same hashes).
     */
    private static final class Kept {
        final Lab lab;
        final List<LabCellViewModel> grid;
        Lab saved;
        boolean whole = true;

        Kept(Lab lab, List<LabCellViewModel> grid) {
            this.lab = lab;
            this.grid = List.copyOf(grid);
        }

        void save(Map<Path, String> mediaIds) {
            if (!whole) return;
            List<String> ids = new ArrayList<>();
            List<LabCell> cellsSaved = new ArrayList<>();
            boolean complete = true;
            for (LabCellViewModel c : grid) {
                String id = c.media() == null ? null : mediaIds.get(c.media().path());
                if (c.media() != null && id == null) complete = false;
                if (id != null && !ids.contains(id)) ids.add(id);
                RunViewModel run = c.run();
                if (run == null || run.state() == RunViewModel.State.STREAMING) continue;
                cellsSaved.add(new LabCell(id, c.row(), c.column(), run.id()));
            }
            if (complete) saved = new Lab(lab.id(), lab.title(), lab.created(), ids, lab.base(), lab.rows(), lab.columns(), cellsSaved);
        }
    }
}
