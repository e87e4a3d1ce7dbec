package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.batch.ResultLog;
import dev.framewise.engine.model.TinyModel;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.store.SessionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.framewise.cli.AskCommandTest.ask;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code framewise batch} on the tiny fixture, end to end: a folder with an image, a video and a broken file. */
class BatchCommandTest {

    @Test
    void folderTimesQuestionsWithTheTinyModelThenResumes(@TempDir Path dir) throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) for (int x = 0; x < 56; x++) image.setRGB(x, y, x * 4 << 16 | y * 4);
        ImageIO.write(image, "png", media.resolve("a.png").toFile());
        Files.copy(TinyModel.dir().resolve("inputs/d_video.mov"), media.resolve("b.mov"));
        Files.writeString(media.resolve("c.mp4"), "not a video");
        Path out = dir.resolve("runs.jsonl");
        String[] args = {"batch", media.toString(), "-q", "What is shown?", "-q", "What changes?", "--model",
                TinyModel.dir().toString(), "--device", "cpu", "--max-tokens", "3", "--seed", "3", "--nframes", "4",
                "-o", out.toString(), "--session", dir.resolve("s.framewise").toString()};

        AskCommandTest.Run run = ask(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("6 rows: 4 done, 0 skipped (already in runs.jsonl), 2 failed");
        assertThat(run.err()).contains("c.mp4: What is shown?: c.mp4");
        List<ObjectNode> lines = ResultLog.readLines(out);
        assertThat(lines).extracting(l -> l.get("status").asText()).containsExactly("ok", "ok", "ok", "ok", "failed", "failed");
        ObjectNode video = lines.get(2);
        assertThat(video.get("media").asText()).endsWith("b.mov");
        assertThat(video.get("frames")).hasSize(4);
        assertThat(video.get("vision").get(0).get("kind").asText()).isEqualTo("video");
        assertThat(video.get("timings").get("generated_tokens").asInt()).isEqualTo(3);
        assertThat(video.get("seed").asLong()).isEqualTo(3);
        assertThat(video.get("model_fingerprint").asText()).startsWith("sha256:");
        assertThat(video.get("parameters").get("nframes").asInt()).isEqualTo(4);
        assertThat(lines.get(0).get("frames")).isEmpty();
        assertThat(lines.get(4).get("error").asText()).startsWith("c.mp4");
        List<Run> recorded = SessionCodec.read(dir.resolve("s.framewise")).session().runs();
        assertThat(recorded).hasSize(6);
        assertThat(recorded).filteredOn(r -> r.status() != RunStatus.FAILED).hasSize(4);
        assertThat(recorded).filteredOn(r -> r.status() == RunStatus.FAILED).extracting(Run::question)
                .containsExactly("What is shown?", "What changes?");
        assertThat(recorded.get(0).model().fingerprint()).startsWith("sha256:");

        // every run keeps the estimate made before it beside what it measured, in its line and in the session
        for (int i = 0; i < 4; i++) {
            JsonNode estimate = lines.get(i).get("estimate");
            assertThat(estimate).as("line %d", i).isNotNull();
            assertThat(estimate.get("seconds_to_first_token").asDouble()).isPositive();
            assertThat(estimate.get("prompt_tokens").asInt()).isEqualTo(lines.get(i).get("timings").get("prompt_tokens").asInt());
            assertThat(lines.get(i).get("timings").get("time_to_first_token_ms").asDouble()).isPositive();
            assertThat(recorded.get(i).outcome().timings().estimate().secondsToFirstToken())
                    .isEqualTo(estimate.get("seconds_to_first_token").asDouble());
        }
        // the second question about a clip finds its embeddings cached: estimated (and run) without the tower
        ObjectNode second = lines.get(3);
        assertThat(video.get("estimate").get("cached_media").asInt()).isZero();
        assertThat(video.get("estimate").get("vision_seconds").asDouble()).isPositive();
        assertThat(second.get("estimate").get("cached_media").asInt()).isEqualTo(1);
        assertThat(second.get("estimate").get("vision_seconds").asDouble()).isZero();
        assertThat(second.get("estimate").get("media_seconds").asDouble()).isZero();
        assertThat(second.get("timings").get("vision_ms").asDouble()).isZero();
        assertThat(lines.get(4).get("estimate")).isNull(); // a broken file has no estimate, only its error

        AskCommandTest.Run again = ask(args);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("6 rows: 0 done, 6 skipped");
        assertThat(ResultLog.readLines(out)).hasSize(6);
    }

    @Test
    void aFolderWithoutQuestionsIsAUsageError(@TempDir Path dir) {
        AskCommandTest.Run run = ask("batch", dir.toString(), "--model", "x", "-o", dir.resolve("o.jsonl").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("framewise: a FOLDER needs at least one --question");
    }
}
