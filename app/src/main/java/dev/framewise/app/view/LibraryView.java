package dev.framewise.app.view;

import dev.framewise.app.viewmodel.LibraryViewModel;
import dev.framewise.app.viewmodel.MediaItem;

import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The library column: media with thumbnails and durations; add by drag and drop or the + button. */
public final class LibraryView extends VBox {
    private final ListView<MediaItem> list = new ListView<>();

    /** {@code addDialog} opens the file chooser; {@code relinkDialog} asks where a missing file went. */
    public LibraryView(LibraryViewModel vm, Runnable addDialog, Consumer<MediaItem> relinkDialog) {
        getStyleClass().addAll("panel", "library");
        Label title = new Label("LIBRARY");
        title.getStyleClass().add("panel-title");
        Button add = iconButton("add", "Add images or videos (Ctrl+O)", addDialog);
        add.setId("library-add");
        Button remove = iconButton("remove", "Remove the selected media from the session", () -> {
            MediaItem item = list.getSelectionModel().getSelectedItem();
            if (item != null) vm.remove(item);
        });
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, add, remove);
        header.setAlignment(Pos.CENTER_LEFT);

        list.setId("library-list");
        list.setItems(vm.items());
        list.setCellFactory(l -> new MediaCell(vm, relinkDialog));
        Label placeholder = new Label("Drop videos or images here\nor press Ctrl+O");
        placeholder.getStyleClass().add("muted");
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        vm.selectedProperty().addListener((obs, old, item) -> list.getSelectionModel().select(item));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.statusProperty().get() == MediaItem.Status.READY) vm.selectedProperty().set(item);
        });

        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) vm.add(files.stream().map(File::toPath).toList());
            e.setDropCompleted(ok);
            e.consume();
        });
        getChildren().addAll(header, list);
    }

    static Button iconButton(String icon, String tooltip, Runnable action) {
        Button button = new Button();
        button.setGraphic(Icons.icon(icon));
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> action.run());
        return button;
    }

    private static final class MediaCell extends ListCell<MediaItem> {
        private final ImageView thumb = new ImageView();
        private final StackPane frame = new StackPane(thumb);
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box;
        private final ContextMenu menu = new ContextMenu();
        private final javafx.beans.value.ChangeListener<MediaItem.Status> statusListener = (obs, old, status) -> showStatus(status);
        private MediaItem watched;

        MediaCell(LibraryViewModel vm, Consumer<MediaItem> relinkDialog) {
            getStyleClass().add("library-cell");
            thumb.setFitWidth(96);
            thumb.setFitHeight(54);
            thumb.setPreserveRatio(true);
            frame.getStyleClass().add("thumb-frame");
            frame.setMinSize(96, 54);
            frame.setPrefSize(96, 54);
            frame.setMaxSize(96, 54);
            name.getStyleClass().add("media-name");
            detail.getStyleClass().add("media-detail");
            detail.setWrapText(true);
            VBox text = new VBox(2, name, detail);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            box = new HBox(8, frame, text);
            box.setAlignment(Pos.CENTER_LEFT);
            MenuItem relink = new MenuItem("Relink…");
            relink.setOnAction(e -> relinkDialog.accept(getItem()));
            MenuItem remove = new MenuItem("Remove from session");
            remove.setOnAction(e -> vm.remove(getItem()));
            menu.getItems().addAll(relink, remove);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(MediaItem item, boolean empty) {
            super.updateItem(item, empty);
            name.textProperty().unbind();
            detail.textProperty().unbind();
            thumb.imageProperty().unbind();
            if (watched != null) watched.statusProperty().removeListener(statusListener);
            watched = item;
            getStyleClass().remove("missing");
            if (empty || item == null) {
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            name.setText(item.name());
            name.setTooltip(new Tooltip(item.path().toString()));
            detail.textProperty().bind(item.detailProperty());
            thumb.imageProperty().bind(Bindings.createObjectBinding(
                    () -> item.filmstripProperty().get().isEmpty() ? null : item.filmstripProperty().get().get(0).image(),
                    item.filmstripProperty()));
            item.statusProperty().addListener(statusListener);
            showStatus(item.statusProperty().get());
            setGraphic(box);
            setContextMenu(menu);
        }

        private void showStatus(MediaItem.Status status) {
            getStyleClass().remove("missing");
            if (status == MediaItem.Status.MISSING) getStyleClass().add("missing");
        }
    }
}
