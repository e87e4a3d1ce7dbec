package dev.framewise.app.view;

import dev.framewise.app.viewmodel.GpuSetupViewModel;
import dev.framewise.app.viewmodel.GpuSetupViewModel.State;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/** "Use the GPU…": a message, a progress bar, "Download and switch on", and Cancel (which stops the download). */
final class GpuSetupDialog extends Dialog<Void> {
    GpuSetupDialog(GpuSetupViewModel vm) {
        setTitle("Use the GPU");
        setHeaderText("Run the model on this machine's NVIDIA GPU");
        Label message = new Label();
        message.setId("gpu-setup-message");
        message.setWrapText(true);
        message.setPrefWidth(460);
        message.textProperty().bind(vm.messageProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("gpu-setup-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.stateProperty().isNotEqualTo(State.READY));
        getDialogPane().setContent(new VBox(12, message, bar));
        ButtonType start = new ButtonType("Download and switch on", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        Node startButton = getDialogPane().lookupButton(start);
        startButton.disableProperty().bind(vm.stateProperty().isEqualTo(State.WORKING)
                .or(vm.stateProperty().isEqualTo(State.DONE)));
        startButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open to show the progress
            vm.start();
        });
        javafx.scene.control.Button cancel = (javafx.scene.control.Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.textProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(State.WORKING)).then("Cancel").otherwise("Close"));
        setOnHidden(e -> vm.cancel());
        setResultConverter(button -> null);
    }
}
