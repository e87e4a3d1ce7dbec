package dev.framewise.cli;

import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A 1×30000 strip (aspect ratio over 200:1) is the user's input problem: one line naming the file, not a stack trace. */
@Timeout(120)
class StripImageTest {
    @Test
    void anImageTooNarrowForTheModelIsOneLine(@TempDir Path dir) throws Exception {
        Path strip = dir.resolve("strip.png");
        ImageIO.write(new BufferedImage(1, 30000, BufferedImage.TYPE_INT_RGB), "png", strip.toFile());
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", TinyModel.dir().toString(), "--image", strip.toString(),
                "--prompt", "what is it?", "--max-tokens", "4", "--dtype", "fp32", "--device", "cpu");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("framewise: strip.png: aspect ratio of 1x30000 is more than 200:1")
                .doesNotContain("\n", "\tat ", "Exception");
    }
}
