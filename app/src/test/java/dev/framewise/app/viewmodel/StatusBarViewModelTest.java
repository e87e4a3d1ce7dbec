package dev.framewise.app.viewmodel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar's texts, without the FX toolkit. */
class StatusBarViewModelTest {

    @Test
    void theEngineTextFollowsTheEngineAndTheRun() {
        String model = "qwen25vl-tiny on cpu (fp32)";
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.NO_MODEL, AskViewModel.State.NO_MODEL, ""))
                .isEqualTo("No model loaded");
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.LOADING, AskViewModel.State.NO_MODEL,
                "Loading qwen25vl-tiny…")).isEqualTo("Loading qwen25vl-tiny…");
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.FAILED, AskViewModel.State.NO_MODEL, model))
                .isEqualTo("Model failed to load");
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.READY, AskViewModel.State.READY, model))
                .isEqualTo("Ready · " + model);
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.READY, AskViewModel.State.GENERATING, model))
                .isEqualTo("Generating · " + model);
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.READY, AskViewModel.State.STOPPING, model))
                .isEqualTo("Stopping · " + model);
    }

    @Test
    void memoryIsTheResidentSizeElseTheHeap() {
        assertThat(StatusBarViewModel.memoryText(3L << 30, 1L << 20)).isEqualTo("3.00 GiB in use");
        assertThat(StatusBarViewModel.memoryText(0, 512L << 20)).isEqualTo("0.50 GiB in use");
        assertThat(StatusBarViewModel.memoryText(-1, 256L << 20)).isEqualTo("0.25 GiB in use");
    }
}
