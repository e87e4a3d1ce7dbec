package dev.framewise.app;

import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.EngineSettings;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.model.Precision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine settings: kept between starts, checked with a message, and what the embedded engine is opened with. */
class EngineSettingsTest {
    private final Preferences prefs = Preferences.userRoot().node("dev/framewise/test/engine-" + System.nanoTime());

    @AfterEach
    void removePrefs() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void keptBetweenStartsWithDefaultsFirst() {
        assertThat(new AppSettings(prefs).engineSettings()).isEqualTo(EngineSettings.DEFAULTS);
        new AppSettings(prefs).setEngineSettings(new EngineSettings("cpu", "int8", 8192));
        assertThat(new AppSettings(prefs).engineSettings()).isEqualTo(new EngineSettings("cpu", "int8", 8192));
        prefs.put("engine.precision", "fp8");
        assertThat(new AppSettings(prefs).engineSettings()).as("an unreadable value").isEqualTo(EngineSettings.DEFAULTS);
    }

    @Test
    void badChoicesAreRefusedWithAMessage() {
        assertThatThrownBy(() -> new EngineSettings("cuda", "int4", 0)).hasMessage(
                "int4 runs on the CPU only: choose cpu or auto, or bf16 for CUDA");
        assertThatThrownBy(() -> new EngineSettings("auto", "fp16", 0)).hasMessageContaining("bf16, fp32, int8 or int4");
        assertThatThrownBy(() -> new EngineSettings("auto", "bf16", -1)).hasMessageContaining("0 (the model's) or more");
    }

    @Test
    void theStatusBarSummary() {
        assertThat(EngineSettings.DEFAULTS.summary()).isEqualTo("bf16 \u00b7 auto \u00b7 the model's context");
        assertThat(new EngineSettings("cpu", "int4", 8192).summary()).isEqualTo("int4 \u00b7 cpu \u00b7 8,192 tokens of context");
    }

    @Test
    void theEngineIsOpenedWithTheSettings() {
        EmbeddedOptions options = Workbench.embeddedOptions(new EngineSettings("cpu", "int8", 4096));
        assertThat(options.precision()).isEqualTo(Precision.INT8);
        assertThat(options.device()).isEqualTo("cpu");
        assertThat(options.contextLimit()).isEqualTo(4096);
        assertThat(Workbench.embeddedOptions(EngineSettings.DEFAULTS))
                .isEqualTo(EmbeddedOptions.defaults().withContextLimit(0));
    }
}
