package dev.framewise.app.view.lab;

import dev.framewise.app.view.RunChartsView;
import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.RunCharts;
import dev.framewise.app.viewmodel.lab.LabCellViewModel;
import dev.framewise.app.viewmodel.lab.LabViewModel;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabAnswers;
import dev.framewise.sessions.model.LabDimension;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;

/**
 * The prompt lab window: the question and the two axes on top, the grid of answers in the middle (words that
 * differ from the reference answer highlighted, each cell with Open, Re-run and Reference), the answer
 * distribution on the right, the frame-evidence and token-confidence charts of the picked cells underneath.
 */
public final class LabView extends BorderPane {
    private static final double CELL_WIDTH = 250;
    private static final double BAR_WIDTH = 120;

    private final LabViewModel vm;
    private final GridPane grid = new GridPane();
    private final VBox distribution = new VBox();
    private final RunChartsView charts = new RunChartsView();

    public LabView(LabViewModel vm) {
        this.vm = vm;
        setId("lab-view");
        getStyleClass().add("lab");
        setTop(form());
        grid.setId("lab-grid");
        grid.getStyleClass().add("lab-grid");
        distribution.setId("lab-distribution");
        distribution.getStyleClass().add("lab-distribution");
        ScrollPane gridScroll = new ScrollPane(grid);
        gridScroll.setFitToWidth(false);
        ScrollPane distributionScroll = new ScrollPane(distribution);
        distributionScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(gridScroll, distributionScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.76);
        charts.setId("lab-charts");
        // The charts sit under the grid; until a cell is picked they are one line saying how to pick one.
        VBox.setVgrow(split, Priority.ALWAYS);
        setCenter(new VBox(split, charts));
        vm.charts().addListener((javafx.collections.ListChangeListener<RunCharts>) c -> charts.show(vm.charts()));
        vm.selectedCells().addListener((javafx.collections.ListChangeListener<LabCellViewModel>) c -> markSelected());
        vm.cells().addListener((javafx.collections.ListChangeListener<LabCellViewModel>) c -> layoutGrid());
        vm.shownReferenceProperty().addListener((obs, old, ref) -> layoutGrid());
        vm.distributions().addListener((javafx.collections.ListChangeListener<LabViewModel.Distribution>) c -> layoutDistribution());
        layoutGrid();
        layoutDistribution();
    }

    private Node form() {
        TextArea question = new TextArea();
        question.setId("lab-question");
        question.setPromptText("The question every cell asks (a row or column of questions replaces it)");
        question.setPrefRowCount(2);
        question.setWrapText(true);
        question.textProperty().bindBidirectional(vm.questionProperty());
        TextField system = new TextField();
        system.setId("lab-system-prompt");
        system.setPromptText("System prompt (empty: the model's convention)");
        system.textProperty().bindBidirectional(vm.systemPromptProperty());

        ComboBox<LabDimension> rows = dimensions("lab-row-dimension");
        rows.valueProperty().bindBidirectional(vm.rowDimensionProperty());
        TextArea rowValues = values("lab-row-values", vm.rowValuesProperty());
        ComboBox<LabDimension> columns = dimensions("lab-column-dimension");
        columns.valueProperty().bindBidirectional(vm.columnDimensionProperty());
        TextArea columnValues = values("lab-column-values", vm.columnValuesProperty());
        CheckBox allMedia = new CheckBox("Every library item (otherwise the media in the viewer)");
        allMedia.setId("lab-all-media");
        allMedia.selectedProperty().bindBidirectional(vm.allMediaProperty());
        CheckBox evidence = new CheckBox("Frame evidence for every cell (slower)");
        evidence.setId("lab-evidence");
        evidence.setTooltip(new Tooltip("After each answer, measure how much of its attention went to each frame, "
                + "for the cells' evidence charts"));
        evidence.selectedProperty().bindBidirectional(vm.evidenceProperty());

        Button build = new Button("Build grid");
        build.setId("lab-build");
        build.setOnAction(e -> vm.build());
        build.disableProperty().bind(vm.runningProperty());
        Button run = new Button("Run");
        run.setId("lab-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> vm.runAll());
        run.disableProperty().bind(vm.runningProperty().or(Bindings.isEmpty(vm.cells())));
        Button cancel = new Button("Cancel");
        cancel.setId("lab-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("lab-progress");
        progress.setPrefWidth(200);
        progress.progressProperty().bind(vm.progressProperty());
        Label status = new Label();
        status.setId("lab-status");
        status.textProperty().bind(vm.statusProperty());
        HBox actions = new HBox(8, build, run, cancel, progress, status);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane form = new GridPane();
        form.getStyleClass().add("lab-form");
        form.addRow(0, new Label("Lab"), new LabPicker(vm));
        form.addRow(1, new Label("Question"), question);
        form.addRow(2, new Label("System prompt"), system);
        form.addRow(3, new Label("Rows vary"), new VBox(4, rows, rowValues));
        form.addRow(4, new Label("Columns vary"), new VBox(4, columns, columnValues));
        form.add(new HBox(16, allMedia, evidence), 1, 5);
        form.add(actions, 1, 6);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        return form;
    }

    private static ComboBox<LabDimension> dimensions(String id) {
        List<LabDimension> choices = new ArrayList<>();
        choices.add(null);
        choices.addAll(List.of(LabDimension.values()));
        ComboBox<LabDimension> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(choices));
        box.setId(id);
        box.setCellFactory(l -> new DimensionCell());
        box.setButtonCell(new DimensionCell());
        return box;
    }

    private static TextArea values(String id, javafx.beans.property.StringProperty property) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPromptText("One value per line (seeds: 1, 2, 3; clip ranges: 0-2.5; reasoning format, timestamp "
                + "overlay: on, off; templates: a template's title; models: current, a model folder, or a server URL "
                + "and its model name)");
        area.setPrefRowCount(2);
        area.textProperty().bindBidirectional(property);
        return area;
    }

    private static final class DimensionCell extends ListCell<LabDimension> {
        @Override
        protected void updateItem(LabDimension item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? "nothing" : item.label());
        }
    }

    private void markSelected() {
        for (Node n : grid.getChildren()) {
            if (n instanceof CellNode c) {
                c.getStyleClass().remove("lab-selected");
                if (vm.selectedCells().contains(c.cell)) c.getStyleClass().add("lab-selected");
            }
        }
    }

    /** Rebuilt when the grid or the reference changes; each cell node follows its cell's state by itself. */
    private void layoutGrid() {
        grid.getChildren().clear();
        Lab lab = vm.lab();
        if (lab == null) {
            Label empty = new Label("Type a question, choose what the rows and columns vary and their values, then Build grid.");
            empty.getStyleClass().add("muted");
            grid.add(empty, 0, 0);
            return;
        }
        int y = 0;
        for (int c = 0; c < lab.columnCount(); c++) {
            grid.add(heading(Lab.heading(lab.columns(), c)), c + 1, y);
        }
        y++;
        for (MediaItem media : vm.media()) {
            if (vm.media().size() > 1 || media != null) {
                Label name = new Label(media == null ? "No media" : media.name());
                name.getStyleClass().add("lab-media-heading");
                grid.add(name, 0, y++, lab.columnCount() + 1, 1);
            }
            for (int r = 0; r < lab.rowCount(); r++) {
                grid.add(heading(Lab.heading(lab.rows(), r)), 0, y);
                for (int c = 0; c < lab.columnCount(); c++) {
                    LabCellViewModel cell = vm.cell(media, r, c);
                    if (cell != null) grid.add(new CellNode(cell), c + 1, y);
                }
                y++;
            }
        }
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("lab-heading");
        label.setMaxWidth(CELL_WIDTH);
        return label;
    }

    private void layoutDistribution() {
        distribution.getChildren().clear();
        Label title = new Label("Answers");
        title.getStyleClass().add("panel-title");
        distribution.getChildren().add(title);
        for (LabViewModel.Distribution d : vm.distributions()) {
            Label group = new Label(d.title());
            group.getStyleClass().addAll("lab-heading", "lab-group");
            group.setWrapText(true);
            distribution.getChildren().add(group);
            if (d.counts().isEmpty()) {
                Label none = new Label("no answers yet");
                none.getStyleClass().add("muted");
                distribution.getChildren().add(none);
                continue;
            }
            for (LabAnswers.Count count : d.counts()) {
                Label answer = new Label(count.answer());
                answer.setMaxWidth(BAR_WIDTH + 60);
                answer.setTooltip(new Tooltip(count.answer()));
                Region bar = new Region();
                bar.getStyleClass().add("lab-bar");
                double width = BAR_WIDTH * count.count() / Math.max(1, d.total());
                bar.setMinWidth(width);
                bar.setPrefWidth(width);
                bar.setMaxWidth(width);
                Label n = new Label(count.count() + "×");
                HBox line = new HBox(6, bar, n);
                line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                VBox entry = new VBox(2, answer, line);
                entry.getStyleClass().add("lab-count");
                distribution.getChildren().add(entry);
            }
            Label majority = new Label(d.majority() == null ? "No majority" : "Majority: " + d.majority());
            majority.getStyleClass().add("lab-majority");
            majority.setWrapText(true);
            distribution.getChildren().add(majority);
        }
    }

    /** One cell: state, answer with its differences marked, facts, and its three actions. */
    private final class CellNode extends VBox {
        private final LabCellViewModel cell;
        private final Label state = new Label();
        private final TextFlow answer = new TextFlow();
        private final Label facts = new Label();

        CellNode(LabCellViewModel cell) {
            this.cell = cell;
            getStyleClass().add("lab-cell");
            if (vm.shownReferenceProperty().get() == cell) getStyleClass().add("lab-reference");
            if (vm.selectedCells().contains(cell)) getStyleClass().add("lab-selected");
            // A click picks the cell for the charts; with Ctrl (Cmd) or Shift it is added to the picked ones.
            setOnMouseClicked(e -> vm.selectCell(cell, e.isShortcutDown() || e.isShiftDown()));
            setId("lab-cell-" + cell.row() + "-" + cell.column());
            setPrefWidth(CELL_WIDTH);
            setMaxWidth(CELL_WIDTH);
            state.getStyleClass().add("lab-cell-state");
            answer.getStyleClass().add("lab-answer");
            answer.setPrefWidth(CELL_WIDTH - 20);
            facts.getStyleClass().add("lab-facts");
            facts.setWrapText(true);
            Button open = new Button("Open");
            open.getStyleClass().add("lab-open");
            open.setTooltip(new Tooltip("Show this run in the workbench, with its frames on the timeline"));
            open.setOnAction(e -> {
                vm.open(cell);
                // The run view is the main window's: bring it up over the lab.
                if (getScene() != null && getScene().getWindow() instanceof javafx.stage.Stage lab && lab.getOwner() instanceof javafx.stage.Stage main) {
                    main.toFront();
                }
            });
            Button rerun = new Button("Re-run");
            rerun.getStyleClass().add("lab-rerun");
            rerun.setOnAction(e -> vm.rerun(cell));
            Button reference = new Button("Reference");
            reference.getStyleClass().add("lab-set-reference");
            reference.setTooltip(new Tooltip("Mark the other answers' differences against this one"));
            reference.setOnAction(e -> vm.referenceProperty().set(cell));
            open.disableProperty().bind(cell.runProperty().isNull());
            getChildren().addAll(state, answer, facts, new HBox(4, open, rerun, reference));
            setPadding(new Insets(8));
            cell.stateProperty().addListener(o -> refresh());
            cell.diffProperty().addListener(o -> refresh());
            cell.factsProperty().addListener(o -> refresh());
            refresh();
        }

        private void refresh() {
            state.setText(switch (cell.state()) {
                case NOT_RUN -> "Not run";
                case QUEUED -> "Queued";
                case RUNNING -> "Running…";
                case DONE -> vm.shownReferenceProperty().get() == cell ? "Done · reference answer" : "Done";
                case STOPPED -> "Stopped";
                case FAILED -> "Failed";
            });
            state.getStyleClass().remove("failed");
            if (cell.state() == LabCellViewModel.State.FAILED) state.getStyleClass().add("failed");
            List<Node> words = new ArrayList<>();
            for (LabAnswers.Segment s : cell.diffProperty().get()) {
                Label part = new Label(s.text());
                part.setWrapText(true);
                part.setMaxWidth(CELL_WIDTH - 24);
                if (s.changed()) part.getStyleClass().add("lab-diff");
                words.add(part);
                words.add(new javafx.scene.text.Text(" "));
            }
            answer.getChildren().setAll(words);
            facts.setText(cell.factsProperty().get());
            String reasoning = cell.reasoning();
            Tooltip.install(this, reasoning.isEmpty() ? null : new Tooltip(reasoning));
        }
    }
}
