package dev.framewise.cli;

import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.WorkProgress;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code framewise bench prefill} on the tiny fixture: the prompt in chunks, the rate against a matrix product and
 * the peak memory are reported and plausible; and the terminal's progress line for {@code ask}.
 */
class PrefillBenchCommandTest {

    @Test
    void reportsChunksRateAgainstGemmAndPeakMemory(@TempDir Path dir) {
        Path trace = dir.resolve("prefill-trace.json");
        AskCommandTest.Run run = AskCommandTest.ask("bench", "prefill", "--model", TinyModel.dir().toString(),
                "--prompt-tokens", "40", "--chunk", "16", "--dtype", "bf16", "--device", "cpu", "--profile",
                trace.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("prefill      40 tokens in chunks of 16: ");
        Matcher chunks = Pattern.compile("chunks +([0-9]+), ([0-9]+), ([0-9]+) ms").matcher(run.out());
        assertThat(chunks.find()).as(run.out()).isTrue();
        // the yardstick is the prefill's own kernel (bf16 weights on the CPU: fbgemm fp16), a plain mm beside it
        assertThat(run.out()).containsPattern("gemm +GEMM \\[16x[0-9]+\\]x\\[[0-9]+x[0-9]+\\] fbgemm fp16 kernel, "
                + "float32 rows [0-9.]+ GFLOP/s .*torch.mm float32 of the same shape: [0-9.]+ GFLOP/s");
        assertThat(number(run.out(), "rate .* GFLOP/s: ([0-9]+) % of GEMM")).isPositive();
        // the cost preview's estimate of the same prefill beside the measured time
        assertThat(number(run.out(), "estimate +cost preview's prefill: ([0-9.]+) s from the micro-benchmark "
                + "\\(([0-9.]+) × the measured")).isPositive();
        // first use times the prefill's own kernel (a random matrix) and the program's attention over a short and a
        // long cache (the estimate is by length), and the loaded model's own matrix beside it
        assertThat(run.out()).containsPattern("estimate .* the measured [0-9.e+-]+ s; fbgemm fp16 kernel [0-9.]+ GFLOP/s, "
                + "bf16 reference [0-9.]+, attention [0-9.]+ GFLOP/s over 2048 keys, [0-9.]+ GFLOP/s over 16384 keys: "
                + "[0-9]+ % of the estimate, probed in [0-9]+ ms\\), [0-9.e+-]+ s from the loaded model's own matrix "
                + "\\([0-9.e+-]+ ×; [0-9.]+ GFLOP/s\\)");
        // the profile: operators by self time, the attention kernel, attention per chunk (3 chunks)
        assertThat(trace).isRegularFile();
        assertThat(run.out()).containsPattern("profile +one prefill under the profiler");
        assertThat(run.out()).contains("aten::scaled_dot_product_attention");
        assertThat(number(run.out(), "split +matrix products ([0-9.]+) %")).isPositive();
        // the CPU's prompt attention runs on libtorch's flash kernel, not the math fallback (grouped heads repeated)
        assertThat(run.out()).containsPattern("(?m)attention +kernels under aten::scaled_dot_product_attention: "
                + "aten::_scaled_dot_product_flash_attention_for_cpu$");
        assertThat(run.out()).containsPattern("attention +per chunk, all layers: [0-9.]+, [0-9.]+, [0-9.]+ ms");
        assertThat(number(run.out(), "memory +peak ([0-9]+) MiB")).isPositive();
        assertThat(run.out()).containsPattern("stop +asked [0-9]+ ms into a prefill: (it ended [0-9]+ ms later|it finished first)");
    }

    @Test
    void aChunkOfZeroIsRefused() {
        AskCommandTest.Run run = AskCommandTest.ask("bench", "prefill", "--model", TinyModel.dir().toString(),
                "--chunk", "0");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--prompt-tokens, --chunk and --runs must be 1 or more");
    }

    @Test
    void progressLineIsRedrawnInPlaceAndErasedBeforeTheFirstToken() {
        StringWriter err = new StringWriter();
        List<Object> relayed = new ArrayList<>();
        GenerationListener next = new GenerationListener() {
            @Override
            public void onProgress(WorkProgress progress) {
                relayed.add(progress);
            }

            @Override
            public void onToken(TokenEvent token) {
                relayed.add(token);
            }
        };
        WorkProgressLine line = new WorkProgressLine(new PrintWriter(err, true), next);
        line.onProgress(new WorkProgress(WorkProgress.Stage.VISION_ENCODE, 16, 32));
        line.onProgress(new WorkProgress(WorkProgress.Stage.PREFILL, 1024, 2048));
        TokenEvent token = new TokenEvent(0, 5, "a", -0.1, List.of());
        line.onToken(token);
        String first = "looking at the images and video: 16 of 32 frames  50 %";
        String second = "reading the prompt: 1,024 of 2,048 prompt tokens  50 %";
        assertThat(first).hasSameSizeAs(second);
        assertThat(err.toString()).isEqualTo("\r" + first + "\r" + second + "\r" + " ".repeat(first.length()) + "\r");
        assertThat(relayed).hasSize(3).last().isEqualTo(token);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
