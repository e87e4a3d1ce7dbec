package dev.framewise.app.view;

import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.WorkbenchViewModel;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.util.Duration;
import dev.framewise.engine.torch.NativeMemory;
import java.util.Locale;
import org.controlsfx.control.StatusBar;

/** Engine state on the left; the background task in progress, with Cancel, on the right. */
final class StatusBarView {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private StatusBarView() {
    }

    private static String memoryText() {
        long resident = NativeMemory.residentBytes();
        long used = resident > 0 ? resident : Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        return String.format(Locale.ROOT, "%.2f GiB in use", used / GIB);
    }

    static StatusBar create(WorkbenchViewModel vm) {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        var engine = vm.engine();
        var ask = vm.ask();
        bar.textProperty().bind(Bindings.createStringBinding(() -> switch (engine.stateProperty().get()) {
            case NO_MODEL -> "No model loaded";
            case LOADING -> engine.descriptionProperty().get();
            case FAILED -> "Model failed to load";
            case READY -> (ask.stateProperty().get() == AskViewModel.State.GENERATING ? "Generating · "
                    : ask.stateProperty().get() == AskViewModel.State.STOPPING ? "Stopping · " : "Ready · ")
                    + engine.descriptionProperty().get();
        }, engine.stateProperty(), engine.descriptionProperty(), ask.stateProperty()));
        var current = vm.work().currentProperty();
        Label task = new Label();
        task.setId("status-task");
        Button cancel = new Button("Cancel");
        cancel.setId("status-cancel");
        cancel.visibleProperty().bind(current.isNotNull());
        cancel.setOnAction(e -> {
            Task<?> running = current.get();
            if (running != null) vm.work().cancel(running);
        });
        // Bound to the task's own properties: a task sets its title once it runs, and reports progress as it goes.
        current.addListener((obs, old, now) -> {
            bar.progressProperty().unbind();
            task.textProperty().unbind();
            if (now == null) {
                bar.setProgress(0);
                task.setText("");
            } else {
                bar.progressProperty().bind(now.progressProperty());
                task.textProperty().bind(now.titleProperty());
            }
        });
        Label memory = new Label();
        memory.setId("status-memory");
        memory.getStyleClass().add("muted");
        // The model lives in native memory (libtorch), so the process's resident size is what matters.
        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(2), e -> memory.setText(memoryText())));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
        memory.setText(memoryText());
        bar.getRightItems().addAll(task, cancel, new Separator(Orientation.VERTICAL), memory);
        return bar;
    }
}
