package dev.framewise.app.view;

import dev.framewise.app.viewmodel.EngineSettings;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;

/** Device, precision and context length of the embedded engine; applied by loading the model again. */
final class EngineSettingsDialog extends Dialog<EngineSettings> {

    EngineSettingsDialog(EngineSettings current) {
        setTitle("Engine settings");
        setHeaderText("How a model folder runs in Framewise (a server keeps its own settings)");
        ChoiceBox<String> device = new ChoiceBox<>();
        device.setId("settings-device");
        device.getItems().setAll(EngineSettings.DEVICES);
        device.setValue(current.device());
        ChoiceBox<String> precision = new ChoiceBox<>();
        precision.setId("settings-precision");
        precision.getItems().setAll(EngineSettings.PRECISIONS);
        precision.setValue(current.precision());
        Spinner<Integer> context = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 262_144,
                current.contextLength(), 1024));
        context.setId("settings-context");
        context.setEditable(true);
        Label problem = new Label();
        problem.setId("settings-problem");
        problem.getStyleClass().add("muted");
        problem.setWrapText(true);
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Device"), device, muted("auto: CUDA when present, else the CPU"));
        form.addRow(1, new Label("Precision"), precision, muted("bf16 halves fp32's memory; int8 and int4 quantise at load (CPU only)"));
        form.addRow(2, new Label("Context length"), context, muted("0: the model's own; lower it to save memory"));
        form.add(problem, 0, 3, 3, 1);
        getDialogPane().setContent(form);
        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        Runnable check = () -> problem.setText(problem(device.getValue(), precision.getValue(), context.getValue()));
        device.valueProperty().addListener((o, a, b) -> check.run());
        precision.valueProperty().addListener((o, a, b) -> check.run());
        context.valueProperty().addListener((o, a, b) -> check.run());
        check.run();
        getDialogPane().lookupButton(apply).disableProperty().bind(problem.textProperty().isNotEmpty());
        setResultConverter(button -> button == apply
                ? new EngineSettings(device.getValue(), precision.getValue(), context.getValue()) : null);
    }

    private static String problem(String device, String precision, Integer context) {
        try {
            new EngineSettings(device, precision, context == null ? 0 : context);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        return label;
    }
}
