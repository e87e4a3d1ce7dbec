package dev.framewise.app.view;

import dev.framewise.app.viewmodel.RunCharts;

import java.util.List;
import java.util.Locale;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The frame-evidence chart (a bar per frame shown: the share of the answer's attention it got) and the
 * token-confidence chart (each generated token's probability) of one or more runs, a series per run, so runs can be
 * compared side by side. What the run view shows of one run as the timeline's strip and the answer's shading.
 */
public final class RunChartsView extends VBox {
    private final CategoryAxis frameAxis = new CategoryAxis();
    private final BarChart<String, Number> evidence = new BarChart<>(frameAxis, share());
    private final LineChart<Number, Number> confidence = new LineChart<>(tokenAxis(), probability());
    private final Label hint = new Label();
    private final HBox plots = new HBox(8, evidence, confidence);

    public RunChartsView() {
        getStyleClass().add("run-charts");
        evidence.setId("evidence-chart");
        evidence.setTitle("Frame evidence");
        evidence.setAnimated(false);
        evidence.setCategoryGap(4);
        evidence.setBarGap(1);
        frameAxis.setLabel("frame (time)");
        confidence.setId("confidence-chart");
        confidence.setTitle("Token confidence");
        confidence.setAnimated(false);
        confidence.setCreateSymbols(false);
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        for (var chart : List.of(evidence, confidence)) {
            chart.setPrefHeight(260);
            chart.setMinHeight(200);
            HBox.setHgrow(chart, Priority.ALWAYS);
        }
        getChildren().addAll(hint, plots);
        show(List.of());
    }

    /** Plots these runs (none: the charts empty and a hint to select some). */
    public void show(List<RunCharts> runs) {
        evidence.getData().clear();
        confidence.getData().clear();
        boolean anyEvidence = false;
        for (RunCharts run : runs) {
            XYChart.Series<String, Number> frames = new XYChart.Series<>();
            frames.setName(run.name());
            for (RunCharts.FrameShare f : run.evidence()) {
                frames.getData().add(new XYChart.Data<>(String.format(Locale.ROOT, "%.2f s", f.seconds()), f.share()));
            }
            anyEvidence |= !run.evidence().isEmpty();
            evidence.getData().add(frames);
            XYChart.Series<Number, Number> tokens = new XYChart.Series<>();
            tokens.setName(run.name());
            for (int i = 0; i < run.tokenProbabilities().size(); i++) {
                double p = run.tokenProbabilities().get(i);
                if (!Double.isNaN(p)) tokens.getData().add(new XYChart.Data<>(i + 1, p));
            }
            confidence.getData().add(tokens);
        }
        hint.setText(runs.isEmpty() ? "Select a cell (Ctrl+click for more) to chart its frame evidence and token confidence."
                : anyEvidence ? "" : "No frame evidence: tick Frame evidence before running to measure it.");
        hint.setManaged(!hint.getText().isEmpty());
        hint.setVisible(!hint.getText().isEmpty());
        // Without runs the charts are left out, so they take no room under whatever shows this view.
        plots.setManaged(!runs.isEmpty());
        plots.setVisible(!runs.isEmpty());
    }

    /** Auto-ranged: the shares sum to 1 over a run's frames, so with many frames each is small. */
    private static NumberAxis share() {
        NumberAxis axis = new NumberAxis();
        axis.setLabel("attention share");
        return axis;
    }

    private static NumberAxis tokenAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setLabel("token");
        axis.setForceZeroInRange(false);
        return axis;
    }

    private static NumberAxis probability() {
        NumberAxis axis = new NumberAxis("probability", 0, 1, 0.25);
        axis.setAutoRanging(false);
        return axis;
    }
}
