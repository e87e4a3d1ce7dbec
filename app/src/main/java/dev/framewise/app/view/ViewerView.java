package dev.framewise.app.view;

import dev.framewise.app.viewmodel.GroundingBox;
import dev.framewise.app.viewmodel.TimeFormat;
import dev.framewise.app.viewmodel.ViewerViewModel;
import org.controlsfx.control.RangeSlider;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The centre: the current frame (zoom with the wheel, pan by dragging, double-click to fit) with grounding
 * boxes drawn over it, the transport controls, the timeline with its marks, the clip range and the filmstrip.
 */
public final class ViewerView extends BorderPane {
    private final ViewerViewModel vm;
    private final ImageView picture = new ImageView();
    private final Pane overlay = new Pane();
    private final StackPane stage = new StackPane();
    private double zoom = 1;
    private double panX;
    private double panY;
    private double dragX;
    private double dragY;

    public ViewerView(ViewerViewModel vm) {
        this.vm = vm;
        getStyleClass().add("viewer");
        picture.setId("viewer-picture");
        picture.setPreserveRatio(true);
        picture.setSmooth(true);
        picture.imageProperty().bind(vm.frameProperty());
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        Label placeholder = new Label("Add a video or an image to the library, then ask about it");
        placeholder.getStyleClass().add("viewer-placeholder");
        placeholder.visibleProperty().bind(vm.frameProperty().isNull());
        stage.getStyleClass().add("viewer-stage");
        stage.getChildren().addAll(picture, overlay, placeholder);
        stage.setMinSize(200, 150);
        Rectangle clipShape = new Rectangle();
        clipShape.widthProperty().bind(stage.widthProperty());
        clipShape.heightProperty().bind(stage.heightProperty());
        stage.setClip(clipShape);
        for (Observable o : new Observable[]{stage.widthProperty(), stage.heightProperty(), vm.frameProperty(), vm.boxes()}) {
            o.addListener(ignored -> layoutPicture());
        }
        vm.shownMediaProperty().addListener((obs, old, item) -> resetZoom());
        installZoomAndPan();
        setCenter(stage);
        setBottom(new VBox(transport(), new TimelineView(vm), clipRow(), new FilmstripView(vm)));
    }

    private HBox transport() {
        Button back = LibraryView.iconButton("step-back", "Previous frame (←)", () -> vm.step(-1));
        Button play = LibraryView.iconButton("play", "Play / pause (Space)", vm::togglePlay);
        play.setId("viewer-play");
        play.graphicProperty().bind(Bindings.createObjectBinding(
                () -> Icons.icon(vm.playingProperty().get() ? "pause" : "play"), vm.playingProperty()));
        Button forward = LibraryView.iconButton("step-forward", "Next frame (→)", () -> vm.step(1));
        for (Button b : new Button[]{back, play, forward}) {
            b.disableProperty().bind(vm.durationProperty().lessThanOrEqualTo(0));
            b.setFocusTraversable(false);
        }
        Label time = new Label();
        time.setId("viewer-time");
        time.getStyleClass().add("time-label");
        time.textProperty().bind(Bindings.createStringBinding(
                () -> TimeFormat.clock(vm.positionProperty().get()) + " / " + TimeFormat.clock(vm.durationProperty().get()),
                vm.positionProperty(), vm.durationProperty()));
        Label frame = new Label();
        frame.getStyleClass().addAll("time-label", "muted");
        frame.textProperty().bind(Bindings.createStringBinding(
                () -> vm.frameIndexProperty().get() < 0 ? "" : "frame " + vm.frameIndexProperty().get(), vm.frameIndexProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label shown = new Label();
        shown.getStyleClass().add("muted");
        shown.textProperty().bind(Bindings.createStringBinding(
                () -> vm.shownFrames().isEmpty() ? "" : vm.shownFrames().size() + " frames shown to the model", vm.shownFrames()));
        HBox row = new HBox(back, play, forward, time, frame, spacer, shown);
        row.getStyleClass().add("transport");
        return row;
    }

    private HBox clipRow() {
        CheckBox limit = new CheckBox("Ask about a clip only");
        limit.setId("clip-enabled");
        limit.selectedProperty().bindBidirectional(vm.clipEnabledProperty());
        RangeSlider range = new RangeSlider(0, 1, 0, 1);
        range.setId("clip-range");
        range.maxProperty().bind(vm.durationProperty());
        range.lowValueProperty().bindBidirectional(vm.clipStartProperty());
        range.highValueProperty().bindBidirectional(vm.clipEndProperty());
        range.disableProperty().bind(limit.selectedProperty().not());
        HBox.setHgrow(range, Priority.ALWAYS);
        Label span = new Label();
        span.getStyleClass().addAll("time-label", "muted");
        span.textProperty().bind(Bindings.createStringBinding(
                () -> TimeFormat.clock(vm.clipStartProperty().get()) + " – " + TimeFormat.clock(vm.clipEndProperty().get()),
                vm.clipStartProperty(), vm.clipEndProperty()));
        HBox row = new HBox(limit, range, span);
        row.getStyleClass().add("clip-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(vm.durationProperty().greaterThan(0));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private void installZoomAndPan() {
        stage.setOnScroll(e -> {
            if (picture.getImage() == null || e.getDeltaY() == 0) return;
            zoom = Math.max(1, Math.min(8, zoom * (e.getDeltaY() > 0 ? 1.15 : 1 / 1.15)));
            if (zoom == 1) {
                panX = 0;
                panY = 0;
            }
            layoutPicture();
        });
        stage.setOnMousePressed(e -> {
            dragX = e.getX() - panX;
            dragY = e.getY() - panY;
        });
        stage.setOnMouseDragged(e -> {
            if (zoom <= 1) return;
            panX = e.getX() - dragX;
            panY = e.getY() - dragY;
            layoutPicture();
        });
        stage.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) resetZoom();
        });
    }

    private void resetZoom() {
        zoom = 1;
        panX = 0;
        panY = 0;
        layoutPicture();
    }

    /** Fits the picture into the stage (times the zoom), then draws the boxes at the same scale and offset. */
    private void layoutPicture() {
        Image image = picture.getImage();
        overlay.getChildren().clear();
        if (image == null) return;
        double fit = Math.min(stage.getWidth() / image.getWidth(), stage.getHeight() / image.getHeight());
        double scale = fit * zoom;
        picture.setFitWidth(image.getWidth() * scale);
        picture.setFitHeight(image.getHeight() * scale);
        picture.setTranslateX(panX);
        picture.setTranslateY(panY);
        double left = (stage.getWidth() - image.getWidth() * scale) / 2 + panX;
        double top = (stage.getHeight() - image.getHeight() * scale) / 2 + panY;
        overlay.resizeRelocate(0, 0, stage.getWidth(), stage.getHeight());
        for (GroundingBox box : vm.boxes()) {
            double x1 = left + box.x1() * scale;
            double y1 = top + box.y1() * scale;
            if (box.isTrajectory()) {
                // the path the answer gives (a gripper's, a vehicle's), from its first point to its last
                Polyline path = new Polyline();
                for (int i = 0; i < box.path().size(); i += 2) {
                    path.getPoints().addAll(left + box.path().get(i) * scale, top + box.path().get(i + 1) * scale);
                }
                path.getStyleClass().addAll("grounding-box", "grounding-trajectory");
                Circle end = new Circle(left + box.x2() * scale, top + box.y2() * scale, 4);
                end.getStyleClass().add("grounding-box");
                overlay.getChildren().addAll(path, end);
            } else if (box.isPoint()) {
                Circle dot = new Circle(x1, y1, 6);
                dot.getStyleClass().add("grounding-box");
                overlay.getChildren().add(dot);
            } else {
                Rectangle rect = new Rectangle(x1, y1, (box.x2() - box.x1()) * scale, (box.y2() - box.y1()) * scale);
                rect.getStyleClass().add("grounding-box");
                overlay.getChildren().add(rect);
            }
            if (box.label() != null && !box.label().isBlank()) {
                Text label = new Text(x1 + 4, y1 - 4, box.label());
                label.getStyleClass().add("grounding-label");
                overlay.getChildren().add(label);
            }
        }
    }
}
