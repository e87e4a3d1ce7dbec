package dev.framewise.app.view;

import dev.framewise.app.viewmodel.CostPreviewViewModel;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The cost preview under the question: one line of what asking will cost (frames, vision tokens, prompt tokens,
 * memory, time to the first token; the stages in its tooltip) and, for a long one, a button per cheaper setting
 * with its own estimate.
 */
final class CostPreviewView extends VBox {

    CostPreviewView(CostPreviewViewModel vm) {
        getStyleClass().add("cost-preview");
        setSpacing(4);
        Label line = new Label();
        line.setId("cost-preview");
        line.getStyleClass().add("cost-preview-line");
        line.setWrapText(true);
        line.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.stateProperty().get()) {
            case ESTIMATING -> vm.textProperty().get().isEmpty() ? "Estimating the cost…" : vm.textProperty().get();
            default -> vm.textProperty().get();
        }, vm.stateProperty(), vm.textProperty()));
        Tooltip detail = new Tooltip();
        detail.textProperty().bind(vm.detailProperty());
        line.setTooltip(detail);
        line.managedProperty().bind(line.visibleProperty());
        line.visibleProperty().bind(line.textProperty().isNotEmpty());

        Label offer = new Label("Long before the first token; cheaper:");
        offer.getStyleClass().add("cost-preview-offer");
        FlowPane cheaper = new FlowPane(6, 4);
        cheaper.setId("cost-suggestions");
        cheaper.setAlignment(Pos.CENTER_LEFT);
        Runnable fill = () -> {
            cheaper.getChildren().setAll(offer);
            for (CostPreviewViewModel.Suggestion s : vm.suggestions()) {
                Button apply = new Button(s.text());
                apply.getStyleClass().add("cost-suggestion");
                apply.setTooltip(new Tooltip("Use this setting (the estimate is updated)"));
                apply.setOnAction(e -> vm.apply(s));
                cheaper.getChildren().add(apply);
            }
        };
        vm.suggestions().addListener((javafx.collections.ListChangeListener<CostPreviewViewModel.Suggestion>) c -> fill.run());
        fill.run();
        cheaper.managedProperty().bind(cheaper.visibleProperty());
        cheaper.visibleProperty().bind(Bindings.isNotEmpty(vm.suggestions()));
        getChildren().addAll(line, cheaper);
    }
}
