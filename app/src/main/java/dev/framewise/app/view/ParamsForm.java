package dev.framewise.app.view;

import dev.framewise.app.viewmodel.ParamsViewModel;

import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** The fields of the parameters popover, each bound to the view-model. */
final class ParamsForm extends GridPane {

    ParamsForm(ParamsViewModel vm, Runnable done, Runnable showPrompt) {
        getStyleClass().add("params-popover");
        int row = 0;
        Spinner<Double> temperature = doubleSpinner(0, 2, 0.05, vm.temperatureProperty().get());
        temperature.getValueFactory().valueProperty().addListener((o, a, v) -> vm.temperatureProperty().set(v));
        vm.temperatureProperty().addListener((o, a, v) -> temperature.getValueFactory().setValue(v.doubleValue()));
        addRow(row++, new Label("Temperature (0 = greedy)"), temperature);

        Spinner<Double> topP = doubleSpinner(0.05, 1, 0.05, vm.topPProperty().get());
        topP.getValueFactory().valueProperty().addListener((o, a, v) -> vm.topPProperty().set(v));
        vm.topPProperty().addListener((o, a, v) -> topP.getValueFactory().setValue(v.doubleValue()));
        addRow(row++, new Label("Top-p"), topP);

        Spinner<Integer> maxTokens = intSpinner(1, 32768, 64, vm.maxTokensProperty().get());
        maxTokens.getValueFactory().valueProperty().addListener((o, a, v) -> vm.maxTokensProperty().set(v));
        vm.maxTokensProperty().addListener((o, a, v) -> maxTokens.getValueFactory().setValue(v.intValue()));
        addRow(row++, new Label("Max tokens"), maxTokens);

        TextField seed = new TextField();
        seed.setId("param-seed");
        seed.setPromptText("random");
        seed.setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("-?\\d{0,18}") ? c : null));
        seed.setText(vm.seedProperty().get() == null ? "" : vm.seedProperty().get().toString());
        seed.textProperty().addListener((o, a, v) -> vm.seedProperty().set(v.isBlank() || v.equals("-") ? null : Long.valueOf(v)));
        vm.seedProperty().addListener((o, a, v) -> {
            String text = v == null ? "" : v.toString();
            if (!seed.getText().equals(text)) seed.setText(text);
        });
        addRow(row++, new Label("Seed"), seed);

        Spinner<Double> fps = doubleSpinner(0.25, 30, 0.25, vm.fpsProperty().get());
        fps.getValueFactory().valueProperty().addListener((o, a, v) -> vm.fpsProperty().set(v));
        vm.fpsProperty().addListener((o, a, v) -> fps.getValueFactory().setValue(v.doubleValue()));
        addRow(row++, new Label("Video frames per second"), fps);

        Spinner<Integer> maxPixels = intSpinner(4 * 28 * 28, 16384 * 28 * 28, 32 * 28 * 28, vm.maxPixelsProperty().get());
        maxPixels.getValueFactory().valueProperty().addListener((o, a, v) -> vm.maxPixelsProperty().set(v));
        vm.maxPixelsProperty().addListener((o, a, v) -> maxPixels.getValueFactory().setValue(v.intValue()));
        addRow(row++, new Label("Max pixels per frame"), maxPixels);

        CheckBox reasoning = new CheckBox();
        reasoning.setId("param-reasoning");
        reasoning.textProperty().bind(vm.reasoningLabelProperty());
        reasoning.selectedProperty().bindBidirectional(vm.reasoningFormatProperty());
        add(reasoning, 0, row++, 2, 1);

        CheckBox evidence = new CheckBox("Frame evidence (attention per frame, slower)");
        evidence.setTooltip(new Tooltip("After answering, measure how much of the answer's attention went to each "
                + "frame group; shown as the heat strip on the timeline. Attention is not proof of cause."));
        evidence.selectedProperty().bindBidirectional(vm.evidenceProperty());
        add(evidence, 0, row++, 2, 1);

        add(new Label("System prompt"), 0, row++, 2, 1);
        TextArea system = new TextArea();
        system.setId("param-system-prompt");
        system.setWrapText(true);
        system.setPrefRowCount(4);
        system.setPrefColumnCount(34);
        system.setPromptText("none: the chat template's default");
        system.textProperty().bindBidirectional(vm.systemPromptProperty());
        add(system, 0, row++, 2, 1);
        Button family = new Button("Family default");
        family.setId("param-system-family");
        family.setTooltip(new Tooltip("The model family's system prompt (the one framewise ask uses)"));
        family.setOnAction(e -> vm.useFamilySystemPrompt());
        Button keep = new Button("Keep as my default");
        keep.setId("param-system-keep");
        keep.setTooltip(new Tooltip("Start later questions with this system prompt, also after a restart"));
        keep.setOnAction(e -> vm.keepSystemPromptAsDefault());
        Button prompt = new Button("Show prompt…");
        prompt.setId("param-show-prompt");
        prompt.setTooltip(new Tooltip("The whole prompt as the model reads it, with its token count (Ctrl+Shift+P)"));
        prompt.setOnAction(e -> showPrompt.run());
        add(new HBox(6, family, keep, prompt), 0, row++, 2, 1);

        Button close = new Button("Done");
        close.setId("params-done");
        close.setDefaultButton(true);
        close.setOnAction(e -> done.run());
        GridPane.setHalignment(close, HPos.RIGHT);
        add(close, 1, row);
    }

    private static Spinner<Double> doubleSpinner(double min, double max, double step, double value) {
        Spinner<Double> spinner = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, value, step));
        spinner.setEditable(true);
        spinner.setPrefWidth(120);
        return spinner;
    }

    private static Spinner<Integer> intSpinner(int min, int max, int step, int value) {
        Spinner<Integer> spinner = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value, step));
        spinner.setEditable(true);
        spinner.setPrefWidth(120);
        return spinner;
    }
}
