package dev.framewise.app.view;

import dev.framewise.app.viewmodel.StatusBarViewModel;
import dev.framewise.app.viewmodel.WorkbenchViewModel;
import dev.framewise.engine.torch.NativeMemory;
import org.controlsfx.control.StatusBar;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.util.Duration;

/** Engine state on the left; the background task in progress, with Cancel, on the right. */
final class StatusBarView {
    private StatusBarView() {
    }

    static StatusBar create(WorkbenchViewModel vm) {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        StatusBarViewModel status = new StatusBarViewModel(vm.engine(), vm.ask(), NativeMemory::residentBytes,
                () -> Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        bar.textProperty().bind(status.engineTextProperty());
        var current = vm.work().currentProperty();
        Label task = new Label();
        task.setId("status-task");
        Button cancel = new Button("Cancel");
        cancel.setId("status-cancel");
        cancel.visibleProperty().bind(current.isNotNull());
        cancel.setOnAction(e -> {
            var running = current.get();
            if (running != null) vm.work().cancel(running);
        });
        // Bound to the task's progress, which it reports as it goes.
        current.addListener((obs, old, now) -> {
            bar.progressProperty().unbind();
            if (now == null) {
                bar.setProgress(0);
                task.setText("");
            } else {
                bar.progressProperty().bind(now.progressProperty());
                task.setText(now.title());
            }
        });
        Label memory = new Label();
        memory.setId("status-memory");
        memory.getStyleClass().add("muted");
        memory.textProperty().bind(status.memoryTextProperty());
        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(2), e -> status.refreshMemory()));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
        Label engineSettings = new Label();
        engineSettings.setId("status-engine-settings");
        engineSettings.getStyleClass().add("muted");
        engineSettings.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.engineSettings().currentProperty().get().summary(), vm.engineSettings().currentProperty()));
        engineSettings.setTooltip(new javafx.scene.control.Tooltip("The embedded engine's settings: Model \u25b8 Engine settings…"));
        bar.getRightItems().addAll(task, cancel, new Separator(Orientation.VERTICAL), engineSettings,
                new Separator(Orientation.VERTICAL), memory);
        return bar;
    }
}
