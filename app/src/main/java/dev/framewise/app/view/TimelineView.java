package dev.framewise.app.view;

import dev.framewise.app.viewmodel.TimeFormat;
import dev.framewise.app.viewmodel.ViewerViewModel;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The timeline: a slider over the video's duration with, above it, ticks for the frames the model was shown,
 * marks for the moments the reasoning refers to (the hovered one stands out), and the frame-evidence strip.
 */
public final class TimelineView extends VBox {
    /** Half the slider thumb: where the track starts and ends inside the slider. */
    private static final double TRACK_INSET = 8;
    private static final double STRIP_HEIGHT = 14;

    private final ViewerViewModel vm;
    private final Slider slider = new Slider(0, 1, 0);
    private final Pane marks = new Pane();

    public TimelineView(ViewerViewModel vm) {
        this.vm = vm;
        getStyleClass().add("timeline");
        setSpacing(0);
        slider.setId("timeline-slider");
        slider.setFocusTraversable(false);
        slider.maxProperty().bind(vm.durationProperty());
        slider.valueProperty().bindBidirectional(vm.positionProperty());
        slider.disableProperty().bind(vm.durationProperty().lessThanOrEqualTo(0));
        marks.setId("timeline-marks");
        marks.getStyleClass().add("timeline-track");
        marks.setMinHeight(STRIP_HEIGHT);
        marks.setPrefHeight(STRIP_HEIGHT);
        marks.setMouseTransparent(true);
        InvalidationListener redraw = this::redraw;
        for (Observable o : new Observable[]{vm.shownFrames(), vm.references(), vm.referenceRanges(), vm.evidence(), vm.hoveredReferenceProperty(),
                vm.durationProperty(), marks.widthProperty()}) {
            o.addListener(redraw);
        }
        Tooltip.install(slider, new Tooltip("Drag to scrub; ←/→ step one frame; Space plays"));
        getChildren().addAll(marks, slider);
    }

    public Slider slider() {
        return slider;
    }

    private double x(double seconds) {
        double width = marks.getWidth() - 2 * TRACK_INSET;
        double duration = vm.durationProperty().get();
        return TRACK_INSET + (duration > 0 ? Math.max(0, Math.min(1, seconds / duration)) * width : 0);
    }

    private void redraw(Observable ignored) {
        marks.getChildren().clear();
        if (vm.durationProperty().get() <= 0) return;
        var frames = vm.shownFrames();
        for (int i = 0; i < vm.evidence().size() && i < frames.size(); i++) {
            double from = i == 0 ? 0 : (frames.get(i - 1).timestampSeconds() + frames.get(i).timestampSeconds()) / 2;
            double to = i == frames.size() - 1 ? vm.durationProperty().get()
                    : (frames.get(i).timestampSeconds() + frames.get(i + 1).timestampSeconds()) / 2;
            Rectangle cell = new Rectangle(x(from), 0, Math.max(1, x(to) - x(from)), STRIP_HEIGHT);
            cell.getStyleClass().add("evidence-cell");
            cell.setOpacity(Math.max(0, Math.min(1, vm.evidence().get(i))) * 0.8);
            marks.getChildren().add(cell);
        }
        for (var frame : frames) {
            Rectangle tick = new Rectangle(x(frame.timestampSeconds()) - 1, STRIP_HEIGHT / 2, 2, STRIP_HEIGHT / 2);
            tick.getStyleClass().add("marker-shown");
            marks.getChildren().add(tick);
        }
        double hovered = vm.hoveredReferenceProperty().get();
        for (double[] range : vm.referenceRanges()) {
            boolean hot = Math.abs(range[0] - hovered) < 1e-6;
            Rectangle span = new Rectangle(x(range[0]), 0, Math.max(6, x(range[1]) - x(range[0])), STRIP_HEIGHT / 2 + 1);
            span.getStyleClass().addAll("marker-reference", "marker-range");
            if (hot) span.getStyleClass().add("hovered");
            span.setArcWidth(3);
            span.setArcHeight(3);
            Tooltip.install(span, new Tooltip("Referenced: " + TimeFormat.clock(range[0]) + " to " + TimeFormat.clock(range[1])));
            marks.getChildren().add(span);
        }
        for (double seconds : vm.references()) {
            boolean hot = Math.abs(seconds - hovered) < 1e-6;
            Rectangle mark = new Rectangle(x(seconds) - (hot ? 4 : 3), 0, hot ? 8 : 6, STRIP_HEIGHT / 2 + 1);
            mark.getStyleClass().add("marker-reference");
            if (hot) mark.getStyleClass().add("hovered");
            mark.setArcWidth(3);
            mark.setArcHeight(3);
            Tooltip.install(mark, new Tooltip("Referenced at " + TimeFormat.clock(seconds)));
            marks.getChildren().add(mark);
        }
    }
}
