package dev.framewise.engine.generate;

import dev.framewise.engine.api.PromptTooLongException;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The context and memory check made before any prefill, on Qwen2.5-VL-7B's language model dimensions. */
class ContextBudgetTest {
    /** Qwen2.5-VL-7B / Cosmos-Reason1-7B: 28 layers, 28 heads, 4 KV heads of 128, MLP 18944, context 128000. */
    private static final TextConfig SEVEN_B = new TextConfig(3584, 28, 28, 4, 128, 18944, 152064, 1e-6, 1e6,
            List.of(16, 24, 24), false, 128000);

    @Test
    void promptPlusMaxTokensOverTheContextIsRefusedWithTheCountsAndWhatToLower() {
        ContextBudget budget = ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, 32768, 0);
        assertThat(budget.contextLength()).isEqualTo(32768);
        assertThatThrownBy(() -> budget.check(30000, 4096, false))
                .isInstanceOfSatisfying(PromptTooLongException.class, e -> {
                    assertThat(e.promptTokens()).isEqualTo(30000);
                    assertThat(e.maxTokens()).isEqualTo(4096);
                })
                .hasMessageContaining("the prompt is 30,000 tokens")
                .hasMessageContaining("34,096 in all, over this model's context length of 32,768 tokens")
                .hasMessageContaining("lower max tokens (--max-tokens / max_tokens)")
                .hasMessageNotContaining("\n");
        assertThatCode(() -> budget.check(28672, 4096, false)).doesNotThrowAnyException();
    }

    @Test
    void aUserLimitLowersTheModelsContextButNeverRaisesIt() {
        assertThat(ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, 0, 0).contextLength()).isEqualTo(128000);
        assertThat(ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, 1 << 20, 0).contextLength()).isEqualTo(128000);
        assertThat(ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, 2048, 0).contextLength()).isEqualTo(2048);
    }

    @Test
    void memoryIsKvCachePlusThePrefillWorkingSetPlusTheMask() {
        ContextBudget cpu = ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, 0, 0);
        // float32 KV cache on the CPU: 2 · 28 layers · 512 · 4 bytes per position
        assertThat(cpu.kvBytesPerToken()).isEqualTo(2L * 28 * 512 * 4);
        // float32 rows: residual, norm, attention output, hidden copy (4·3584), q/k/v (36·128), keys and values (2·512), MLP (3·18944)
        assertThat(cpu.prefillBytesPerToken()).isEqualTo(4L * (4 * 3584 + 36 * 128 + 2 * 512 + 3 * 18944));
        assertThat(cpu.neededBytes(1000, 24)).isEqualTo(cpu.kvBytesPerToken() * 1024 + cpu.prefillBytesPerToken() * 1000
                + 1000L * 1000);
        ContextBudget gpu = ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CUDA, 0, 0);
        assertThat(gpu.kvBytesPerToken()).isEqualTo(2L * 28 * 512 * 2);
    }

    /** The case: about 115k tokens of a one-hour video fit 128k positions but not 24 GB. */
    @Test
    void aPromptThatFitsTheContextButNotTheFreeMemoryIsRefusedWithTheFigures() {
        ContextBudget budget = ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, 0, 8L << 30);
        assertThatThrownBy(() -> budget.check(115_200, 4096, true))
                .isInstanceOf(PromptTooLongException.class)
                .hasMessageStartingWith("the prompt is about 115,200 tokens and max tokens asks for 4,096 more: that needs about ")
                .hasMessageContaining("but only 8.0 GiB are free on cpu")
                .hasMessageContaining("--fps, --nframes, --max-pixels");
        assertThatCode(() -> budget.check(2000, 4096, false)).doesNotThrowAnyException();
    }

    @Test
    void unknownFreeMemoryChecksOnlyTheContext() {
        ContextBudget budget = ContextBudget.of(SEVEN_B, Precision.BF16, ComputeDevice.CPU, 0, 0);
        assertThatCode(() -> budget.check(120_000, 4096, false)).doesNotThrowAnyException();
    }
}
