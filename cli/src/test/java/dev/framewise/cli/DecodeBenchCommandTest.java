package dev.framewise.cli;

import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code framewise bench decode} on the tiny fixture: every figure is reported and plausible. */
class DecodeBenchCommandTest {

    @Test
    void reportsDecodeBandwidthBoundAndKernelCeiling() {
        AskCommandTest.Run run = AskCommandTest.ask("bench", "decode", "--model", TinyModel.dir().toString(),
                "--tokens", "17", "--prompt-tokens", "5", "--dtype", "bf16", "--device", "cpu");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 17 tokens are rounded down to whole rounds of 8, each followed by one bandwidth read.
        assertThat(run.out()).contains("prefill      5 tokens in ").contains("decode       16 tokens in ")
                .contains("median of 2 torch.sum reads");
        assertThat(number(run.out(), "bound +([0-9.]+) tok/s")).isPositive();
        assertThat(number(run.out(), "decode reaches ([0-9]+) %")).isPositive();
        assertThat(number(run.out(), "product alone reads at ([0-9]+) %")).isPositive();
        assertThat(number(run.out(), "peak memory +([0-9]+) MiB")).isGreaterThan(number(run.out(), "current ([0-9]+) MiB") - 1);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
