package dev.framewise.cli;

import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ask} refuses a prompt over the context with one line: the token counts and what to lower. */
class AskContextLimitTest {
    @Test
    void aPromptOverMaxModelLenIsOneLineAndExitCode1() {
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", TinyModel.dir().toString(), "--prompt",
                "word ".repeat(40), "--max-tokens", "16", "--max-model-len", "24", "--dtype", "fp32", "--device", "cpu");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("framewise: the prompt is ").contains("over this model's context length of 24 tokens")
                .contains("--max-tokens").doesNotContain("\tat ", "Exception");
        assertThat(run.err().strip().lines().filter(l -> l.startsWith("framewise:")).count()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }
}
