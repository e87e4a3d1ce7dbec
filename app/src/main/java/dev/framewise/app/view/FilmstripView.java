package dev.framewise.app.view;

import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.TimeFormat;
import dev.framewise.app.viewmodel.ViewerViewModel;

import java.util.List;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;

/** Thumbnails across the video under the timeline; a click seeks there. */
public final class FilmstripView extends ScrollPane {
    private static final double THUMB_HEIGHT = 54;
    private final HBox strip = new HBox();

    public FilmstripView(ViewerViewModel vm) {
        strip.getStyleClass().add("filmstrip");
        strip.setId("filmstrip");
        setContent(strip);
        setFitToHeight(true);
        setVbarPolicy(ScrollBarPolicy.NEVER);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setFitToWidth(true);
        getStyleClass().add("filmstrip-scroll");
        setMinHeight(THUMB_HEIGHT + 14);
        setPrefHeight(THUMB_HEIGHT + 14);
        vm.shownMediaProperty().addListener((obs, old, item) -> show(vm, item));
    }

    private void show(ViewerViewModel vm, MediaItem item) {
        strip.getChildren().clear();
        if (item == null || !item.isVideo()) return;
        List<MediaItem.Thumb> thumbs = item.filmstripProperty().get();
        for (MediaItem.Thumb thumb : thumbs) {
            ImageView view = new ImageView(thumb.image());
            // Share the width between the thumbnails (no scrolling), but never taller than the strip.
            view.fitWidthProperty().bind(widthProperty().subtract(24 + 4 * thumbs.size()).divide(thumbs.size()));
            view.setFitHeight(THUMB_HEIGHT);
            view.setPreserveRatio(true);
            view.getStyleClass().add("filmstrip-thumb");
            view.setOnMouseClicked(e -> vm.seek(thumb.seconds()));
            Tooltip.install(view, new Tooltip(TimeFormat.clock(thumb.seconds())));
            strip.getChildren().add(view);
        }
    }
}
