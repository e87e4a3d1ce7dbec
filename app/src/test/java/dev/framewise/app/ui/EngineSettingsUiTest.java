package dev.framewise.app.ui;

import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.EngineSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;

import static org.assertj.core.api.Assertions.assertThat;

/** Model > Engine settings: chosen in the dialog, shown in the status bar, kept, and applied by loading the model again. */
class EngineSettingsUiTest extends WorkbenchUiTest {
    @SuppressWarnings("unchecked")
    private static ChoiceBox<String> choice(WorkbenchHarness h, String id) {
        return (ChoiceBox<String>) h.robot.lookup(id).query();
    }

    @Test
    @SuppressWarnings("unchecked")
    void newSettingsAreKeptShownAndLoadTheModelAgain() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
            loads.incrementAndGet();
            return new ScriptedBackend(List.of(), List.of(), 0);
        });
        assertThat(h.fx(() -> h.robot.lookup("#status-engine-settings").queryAs(Label.class).getText()))
                .isEqualTo("bf16 \u00b7 auto \u00b7 the model's context");
        h.loadModel();
        assertThat(loads.get()).isEqualTo(1);

        h.robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        h.await("the dialog is open", () -> h.robot.lookup("#settings-precision").tryQuery().isPresent());
        h.run(() -> {
            choice(h, "#settings-device").setValue("cuda");
            choice(h, "#settings-precision").setValue("int8");
        });
        assertThat(h.fx(() -> h.robot.lookup("#settings-problem").queryAs(Label.class).getText()))
                .isEqualTo("int8 runs on the CPU only: choose cpu or auto, or bf16 for CUDA");
        h.run(() -> {
            choice(h, "#settings-device").setValue("cpu");
            ((Spinner<Integer>) h.robot.lookup("#settings-context").query()).getValueFactory().setValue(8192);
        });
        assertThat(h.fx(() -> h.robot.lookup("#settings-problem").queryAs(Label.class).getText())).isEmpty();
        h.robot.clickOn("Apply");

        h.await("the model is loaded again", () -> loads.get() == 2 && h.vm.ask().state() == AskViewModel.State.READY);
        assertThat(h.vm.settings().engineSettings()).isEqualTo(new EngineSettings("cpu", "int8", 8192));
        assertThat(h.fx(() -> h.robot.lookup("#status-engine-settings").queryAs(Label.class).getText()))
                .isEqualTo("int8 \u00b7 cpu \u00b7 8,192 tokens of context");
    }
}
