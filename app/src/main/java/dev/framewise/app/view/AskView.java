package dev.framewise.app.view;

import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.EngineViewModel;
import dev.framewise.app.viewmodel.PromptPreset;
import org.controlsfx.control.PopOver;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The question box with its preset menu, the parameters popover, Ask and Stop, and the model in use. */
public final class AskView extends VBox {
    private final TextArea question = new TextArea();
    private Runnable showPrompt = () -> { };

    public AskView(AskViewModel vm, EngineViewModel engine, Runnable chooseModel) {
        getStyleClass().addAll("panel", "ask");
        Label title = new Label("ASK");
        title.getStyleClass().add("panel-title");
        Label model = new Label();
        model.setId("model-label");
        model.getStyleClass().add("model-label");
        model.setGraphic(Icons.icon("model"));
        model.textProperty().bind(engine.descriptionProperty());
        model.setOnMouseClicked(e -> chooseModel.run());
        model.setTooltip(new Tooltip("Click to choose a model (Ctrl+M)"));
        model.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(model, Priority.ALWAYS);
        HBox header = new HBox(8, title, model);
        header.setAlignment(Pos.CENTER_LEFT);

        question.setId("question");
        question.getStyleClass().add("question-box");
        question.setWrapText(true);
        question.setPrefRowCount(4);
        question.textProperty().bindBidirectional(vm.questionProperty());

        MenuButton presets = new MenuButton("Templates");
        presets.setId("presets");
        Runnable fillPresets = () -> {
            presets.getItems().clear();
            for (PromptPreset preset : vm.presets()) {
                MenuItem item = new MenuItem(preset.title());
                item.setOnAction(e -> {
                    vm.usePreset(preset);
                    question.requestFocus();
                    question.end();
                });
                presets.getItems().add(item);
            }
        };
        fillPresets.run();
        vm.presets().addListener((ListChangeListener<PromptPreset>) change -> fillPresets.run());
        Button params = new Button("Parameters");
        params.setId("params");
        params.setGraphic(Icons.icon("tune"));
        PopOver popover = new PopOver();
        popover.setContentNode(new ParamsForm(vm.params(), popover::hide, () -> {
            popover.hide();
            showPrompt.run();
        }));
        popover.setTitle("Parameters");
        popover.setHeaderAlwaysVisible(true);
        popover.setArrowLocation(PopOver.ArrowLocation.TOP_CENTER);
        popover.setDetachable(false);
        popover.setAnimated(false);
        params.setOnAction(e -> {
            if (popover.isShowing()) popover.hide();
            else popover.show(params);
        });
        Button stop = LibraryView.iconButton("stop", "Stop generating (Esc)", vm::stop);
        stop.setId("stop");
        stop.setText("Stop");
        stop.disableProperty().bind(vm.stateProperty().isNotEqualTo(AskViewModel.State.GENERATING));
        Button ask = LibraryView.iconButton("send", "Ask (Ctrl+Enter)", vm::ask);
        ask.setId("ask");
        ask.setText("Ask");
        ask.getStyleClass().add("accent-button");
        ask.disableProperty().bind(vm.canAskBinding().not());
        CheckBox withMedia = new CheckBox("Media");
        withMedia.setId("include-media");
        withMedia.setTooltip(new Tooltip("Show the model the picture or video in the viewer (off: a text-only question)"));
        withMedia.selectedProperty().bindBidirectional(vm.includeMediaProperty());
        CheckBox followUp = followUpToggle(vm);
        withMedia.disableProperty().bind(followUp.selectedProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(6, presets, params, withMedia, followUp, spacer, stop, ask);
        // A narrow panel squeezes the spacer, never the controls' labels into ellipses.
        for (Region control : List.of(presets, params, withMedia, followUp, stop, ask)) control.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, question, new CostPreviewView(vm.preview()), buttons);
    }

    /** On: Ask continues the selected run's conversation; only offered while that run can be followed up. */
    private CheckBox followUpToggle(AskViewModel vm) {
        CheckBox followUp = new CheckBox("Follow-up");
        followUp.setId("follow-up");
        followUp.setTooltip(new Tooltip("Continue the selected run's conversation: same media, the model sees the "
                + "earlier questions and answers (Ctrl+Shift+F)"));
        followUp.selectedProperty().bindBidirectional(vm.followUpProperty());
        followUp.disableProperty().bind(vm.canFollowUpBinding().not());
        question.promptTextProperty().bind(javafx.beans.binding.Bindings.when(vm.followUpProperty())
                .then("Ask a follow-up about the same media… (Ctrl+Enter to ask, Esc to stop)")
                .otherwise("Ask about the frames… (Ctrl+Enter to ask, Esc to stop)"));
        return followUp;
    }

    /** What the parameters' Show prompt… does (the window that shows it belongs to the main window). */
    public void onShowPrompt(Runnable action) {
        showPrompt = action;
    }

    public void focusQuestion() {
        question.requestFocus();
    }
}
