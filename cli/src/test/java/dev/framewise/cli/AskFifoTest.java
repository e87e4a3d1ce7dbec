package dev.framewise.cli;

import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A named pipe given as an image is refused at once; reading it (to hash it) would block for ever. */
@Timeout(90)
class AskFifoTest {
    @Test
    void aNamedPipeAsAnImageIsOneLineNotAHang(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("camera.png");
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available");
        }
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", TinyModel.dir().toString(), "--image", fifo.toString(),
                "--prompt", "what is it?", "--max-tokens", "4", "--dtype", "fp32", "--device", "cpu");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("framewise: camera.png: is not a regular file").doesNotContain("\n");
    }
}
