package dev.framewise.app.view;

import dev.framewise.app.viewmodel.ModelChoice;
import dev.framewise.app.viewmodel.ModelPickerViewModel;
import dev.framewise.engine.store.Bytes;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The models found and the servers used before, one row each with its family, precision, size and fit; a row's
 * Use button, a double click or Enter switches to it. Below: the selected model's whole verdict and where it is.
 */
final class ModelPickerView extends BorderPane {
    private final ModelPickerViewModel vm;
    private final Runnable switched;
    private final TableView<ModelChoice> table = new TableView<>();

    /**
     * @param chooseFolder opens a folder chooser and loads the folder chosen
     * @param addFolder    opens a folder chooser and searches the folder chosen from now on
     * @param connect      opens the server dialog
     * @param switched     called after a model is chosen (the window closes)
     */
    ModelPickerView(ModelPickerViewModel vm, Runnable chooseFolder, Runnable addFolder, Runnable connect,
                    Runnable switched) {
        this.vm = vm;
        this.switched = switched;
        vm.setOnConnected(switched);
        getStyleClass().add("model-picker");
        table.setId("model-table");
        table.setItems(vm.models());
        table.setPlaceholder(new Label("No models found yet: download one, or choose a model folder"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(useColumn());
        table.getColumns().add(column("Model", 240, m -> (vm.inUse(m) ? "\u25cf " : "") + m.name()
                + (m.complete() ? "" : " (incomplete)")));
        table.getColumns().add(column("Family", 100, ModelChoice::family));
        table.getColumns().add(column("Precision", 80, ModelChoice::precision));
        table.getColumns().add(column("Size", 80, m -> m.bytes() < 0 ? "" : Bytes.human(m.bytes())));
        table.getColumns().add(column("Fit on this machine", 230, ModelChoice::fit));
        table.getColumns().add(column("Found in", 140, m -> m.source().label()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, m) -> vm.selectedProperty().set(m));
        vm.selectedProperty().addListener((obs, old, m) -> {
            if (table.getSelectionModel().getSelectedItem() != m) table.getSelectionModel().select(m);
        });
        table.setRowFactory(t -> {
            TableRow<ModelChoice> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) use();
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                use();
            }
        });
        setCenter(table);

        Label verdict = new Label();
        verdict.setId("model-verdict");
        verdict.setWrapText(true);
        Label location = new Label();
        location.setId("model-location");
        location.getStyleClass().add("muted");
        vm.selectedProperty().addListener((obs, old, m) -> {
            verdict.setText(m == null ? "" : m.name() + ": " + m.verdict());
            location.setText(m == null ? "" : m.location());
        });
        Label message = new Label();
        message.setId("model-picker-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(vm.messageProperty());
        Button useButton = new Button("Use this model");
        useButton.setId("model-use");
        useButton.setDefaultButton(true);
        useButton.disableProperty().bind(vm.selectedProperty().isNull());
        useButton.setOnAction(e -> use());
        Button refresh = new Button("Look again");
        refresh.setOnAction(e -> vm.refresh());
        Button folder = new Button("Choose a folder…");
        folder.setTooltip(new Tooltip("Load a model folder that is not in the list"));
        folder.setOnAction(e -> chooseFolder.run());
        Button search = new Button("Search a folder…");
        search.setTooltip(new Tooltip("List the models in a folder of yours from now on"));
        search.setOnAction(e -> addFolder.run());
        Button server = new Button("Connect to a server…");
        server.setOnAction(e -> connect.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // the message has a line of its own: a long one (a server asking for its key) must not squeeze the buttons
        message.setWrapText(true);
        HBox buttons = new HBox(8, gap, folder, search, server, refresh, useButton);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(6, verdict, location, keyRow(), message, buttons);
        bottom.setPadding(new Insets(8, 0, 0, 0));
        setBottom(bottom);
        setPadding(new Insets(10));
    }

    /**
     * "API key for http://gpu-box:8000/v1 [••••••] Connect", shown while the picker asks for a server's key: masked,
     * used for this session and never saved; Enter connects.
     */
    private HBox keyRow() {
        Label label = new Label();
        label.textProperty().bind(Bindings.createStringBinding(() -> vm.keyWantedProperty().get() == null ? ""
                : "API key for " + vm.keyWantedProperty().get().url(), vm.keyWantedProperty()));
        PasswordField key = new PasswordField();
        key.setId("server-key");
        key.setPromptText("not saved: asked once per session");
        key.setPrefColumnCount(28);
        Button connect = new Button("Connect");
        connect.setId("server-key-connect");
        connect.disableProperty().bind(vm.connectingProperty());
        connect.setOnAction(e -> vm.useKey(key.getText()));
        key.setOnAction(e -> vm.useKey(key.getText()));
        HBox row = new HBox(8, label, key, connect);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(vm.keyWantedProperty().isNotNull());
        row.managedProperty().bind(row.visibleProperty());
        vm.keyWantedProperty().addListener((obs, old, server) -> {
            key.clear();
            if (server != null) key.requestFocus();
        });
        return row;
    }

    void focusTable() {
        table.requestFocus();
    }

    private void use() {
        if (vm.useSelected()) switched.run();
    }

    private TableColumn<ModelChoice, String> useColumn() {
        TableColumn<ModelChoice, String> column = new TableColumn<>("");
        column.setPrefWidth(64);
        column.setMaxWidth(64);
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button("Use");

            {
                button.getStyleClass().add("model-row-use");
                button.setOnAction(e -> {
                    vm.selectedProperty().set(getTableRow().getItem());
                    use();
                });
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty || getTableRow() == null || getTableRow().getItem() == null ? null : button);
            }
        });
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        return column;
    }

    private static TableColumn<ModelChoice, String> column(String title, double width,
                                                           Function<ModelChoice, String> text) {
        TableColumn<ModelChoice, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
        return column;
    }
}
