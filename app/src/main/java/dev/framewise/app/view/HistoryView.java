package dev.framewise.app.view;

import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.HistoryViewModel;
import dev.framewise.app.viewmodel.RunViewModel;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The runs of the session: select one to show it again; re-run, edit, or compare two side by side. */
public final class HistoryView extends VBox {
    private final ListView<RunViewModel> list = new ListView<>();

    public HistoryView(HistoryViewModel vm, AskViewModel ask, BiConsumer<RunViewModel, RunViewModel> compare) {
        getStyleClass().addAll("panel", "history");
        Label title = new Label("RUN HISTORY");
        title.getStyleClass().add("panel-title");
        list.setId("history-list");
        list.setItems(vm.runs());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new RunCell());
        Label empty = new Label("Runs appear here after you ask");
        empty.getStyleClass().add("muted");
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        MenuItem removeRun = new MenuItem("Remove from history");
        removeRun.setOnAction(e -> removeSelected(vm));
        list.setContextMenu(new ContextMenu(removeRun));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) removeSelected(vm);
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, run) -> {
            if (run != null) vm.selectedProperty().set(run);
        });
        vm.selectedProperty().addListener((obs, old, run) -> {
            if (run != null && !list.getSelectionModel().getSelectedItems().contains(run)) list.getSelectionModel().clearAndSelect(vm.runs().indexOf(run));
        });
        vm.runs().addListener((ListChangeListener<RunViewModel>) c -> list.scrollTo(vm.runs().size() - 1));

        Button rerun = LibraryView.iconButton("rerun", "Re-run with the same seed (Ctrl+R)", () -> ask.rerun(vm.selected(), true));
        rerun.setId("history-rerun");
        rerun.setText("Re-run");
        rerun.disableProperty().bind(vm.selectedProperty().isNull().or(ask.stateProperty().isNotEqualTo(AskViewModel.State.READY)));
        Button edit = new Button("Edit");
        edit.setId("history-edit");
        edit.setOnAction(e -> ask.edit(vm.selected()));
        edit.disableProperty().bind(vm.selectedProperty().isNull());
        Button compareButton = LibraryView.iconButton("compare", "Compare the two selected runs (Ctrl+Shift+C)", () -> {
            List<RunViewModel> two = list.getSelectionModel().getSelectedItems();
            if (two.size() == 2) compare.accept(two.get(0), two.get(1));
        });
        compareButton.setId("history-compare");
        compareButton.setText("Compare");
        compareButton.disableProperty().bind(Bindings.size(list.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, edit, rerun, compareButton);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, list);
    }

    /** Finished runs only: a run still generating stays until it ends. */
    private void removeSelected(HistoryViewModel vm) {
        for (RunViewModel run : List.copyOf(list.getSelectionModel().getSelectedItems())) {
            if (run.state() != RunViewModel.State.STREAMING) vm.remove(run);
        }
    }

    /** The two runs selected for comparison (Ctrl+click), or fewer. */
    public List<RunViewModel> selectedRuns() {
        return List.copyOf(list.getSelectionModel().getSelectedItems());
    }

    /** "T 0.6 · top-p 0.95 · seed 42 · 4 fps · 1024 max" */
    static String describeParams(RunViewModel run) {
        var p = run.params();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "T %.2g · top-p %.2g", p.temperature(), p.topP()));
        Long seed = run.usedSeed();
        if (seed != null) s.append(" · seed ").append(seed);
        if (run.spec().fps() != null) s.append(String.format(Locale.ROOT, " · %.3g fps", run.spec().fps()));
        s.append(" · ").append(p.maxTokens()).append(" max");
        return s.toString();
    }

    private static final class RunCell extends ListCell<RunViewModel> {
        private final Label prompt = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, prompt, detail);

        RunCell() {
            getStyleClass().add("history-cell");
            prompt.getStyleClass().add("history-prompt");
            detail.getStyleClass().add("history-detail");
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(RunViewModel run, boolean empty) {
            super.updateItem(run, empty);
            detail.textProperty().unbind();
            if (empty || run == null) {
                setGraphic(null);
                return;
            }
            // A follow-up is marked as the next turn of a conversation.
            prompt.setText((run.isFollowUp() ? "\u21b3 " : "") + firstLine(run.spec().question()));
            detail.textProperty().bind(Bindings.createStringBinding(() -> status(run) + " · " + describeParams(run),
                    run.stateProperty(), run.outlineProperty(), run.resultProperty()));
            setGraphic(box);
        }

        private static String status(RunViewModel run) {
            return switch (run.state()) {
                case STREAMING -> "generating…";
                case CANCELLED -> "stopped";
                case FAILED -> "failed";
                case DONE -> {
                    var answer = run.outline().answer();
                    String text = answer == null ? run.text() : run.text().substring(answer.start(), answer.end());
                    yield "→ " + firstLine(text.strip());
                }
            };
        }

        private static String firstLine(String text) {
            String line = text.lines().findFirst().orElse("");
            return line.length() > 80 ? line.substring(0, 79) + "…" : line;
        }
    }
}
