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

    @Test
    void profileSplitsAStepIntoItsMatrixProductsAndTheRest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path trace = dir.resolve("decode.json");
        AskCommandTest.Run run = AskCommandTest.ask("bench", "decode", "--model", TinyModel.dir().toString(),
                "--tokens", "8", "--prompt-tokens", "5", "--dtype", "bf16", "--device", "cpu", "--profile", trace.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(trace).isNotEmptyFile();
        assertThat(run.out()).containsPattern("profile +16 steps under the profiler");
        double products = number(run.out(), "matrix products ([0-9.]+) ms");
        assertThat(products).isPositive();
        assertThat(number(run.out(), "the other [0-9]+ operators ([0-9.]+) ms")).isPositive();
        // every layer's 4 products and lm_head, per step, in the order a step runs them
        assertThat(run.out()).containsPattern("products +qkv_proj x[0-9]+ [0-9.]+ ms, o_proj x[0-9]+ [0-9.]+ ms, "
                + "gate_up_proj x[0-9]+ [0-9.]+ ms, down_proj x[0-9]+ [0-9.]+ ms, lm_head [0-9.]+ ms per step");
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
