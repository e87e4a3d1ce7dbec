package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.WorkProgress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

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
    void aQuestionBeingPreparedShowsItsCountsUntilTokensFlow() {
        String model = "qwen25vl-tiny on cpu (fp32)";
        RunSpec spec = new RunSpec("q", null, null, null, GenerationParams.greedy(4), null, null, true, "t");
        RunViewModel run = new RunViewModel("id", Instant.EPOCH, spec, null, null,
                (text, frames) -> ReasoningOutline.EMPTY, () -> 0L);
        run.onProgress(new WorkProgress(WorkProgress.Stage.PREFILL, 1024, 2048));
        String progress = run.stageProperty().get();
        assertThat(progress).isEqualTo("reading the prompt: 1,024 of 2,048 prompt tokens 50%");
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.READY, AskViewModel.State.GENERATING, model,
                progress)).isEqualTo("Generating · reading the prompt: 1,024 of 2,048 prompt tokens 50% · " + model);
        run.onTokens(List.of(new TokenEvent(0, 7, "Yes", -0.1, List.of())));
        assertThat(StatusBarViewModel.engineText(EngineViewModel.State.READY, AskViewModel.State.GENERATING, model,
                run.stageProperty().get())).isEqualTo("Generating · " + model);
    }

    @Test
    void memoryIsTheResidentSizeElseTheHeap() {
        assertThat(StatusBarViewModel.memoryText(3L << 30, 1L << 20)).isEqualTo("3.00 GiB in use");
        assertThat(StatusBarViewModel.memoryText(0, 512L << 20)).isEqualTo("0.50 GiB in use");
        assertThat(StatusBarViewModel.memoryText(-1, 256L << 20)).isEqualTo("0.25 GiB in use");
    }
}
