package dev.framewise.engine.batch;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifests (JSONL and CSV) and folders as batch rows. */
class BatchInputTest {

    @Test
    void csvManifestWithQuotingAndPerRowOptions(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("rows.csv");
        Files.writeString(manifest, "\uFEFFid,media,question,fps,seed,temperature,max_tokens\r\n"
                + "r1,clips/a.mp4,\"Is it safe, yes or no?\",2,5,0,128\r\n"
                + "r2,/abs/b.png,\"He said \"\"stop\"\"\nthen left\",,,,\r\n");
        List<BatchRow> rows = BatchInput.manifest(manifest, "sys", true, null, 8);

        assertThat(rows).hasSize(2);
        BatchRow first = rows.get(0);
        assertThat(first.id()).isEqualTo("r1");
        assertThat(first.media()).isEqualTo(dir.toAbsolutePath().resolve("clips/a.mp4"));
        assertThat(first.question()).isEqualTo("Is it safe, yes or no?");
        assertThat(first.fps()).isEqualTo(2.0);
        assertThat(first.nframes()).isNull(); // the row's own fps replaces the batch's --nframes
        assertThat(first.system()).isEqualTo("sys");
        GenerationParams params = BatchInput.params(first, GenerationParams.cosmosDefaults());
        assertThat(params.seed()).isEqualTo(5L);
        assertThat(params.temperature()).isEqualTo(0.0);
        assertThat(params.maxTokens()).isEqualTo(128);
        assertThat(params.topP()).isEqualTo(0.95);
        BatchRow second = rows.get(1);
        assertThat(second.media()).isEqualTo(Path.of("/abs/b.png"));
        assertThat(second.question()).isEqualTo("He said \"stop\"\nthen left");
        assertThat(second.nframes()).isEqualTo(8);
        assertThat(BatchInput.params(second, GenerationParams.cosmosDefaults()).seed()).isNull();
    }

    @Test
    void jsonlManifest(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("rows.jsonl");
        Files.writeString(manifest, "{\"media\":\"a.mp4\",\"question\":\"Q1\",\"nframes\":6,\"system\":\"be brief\"}\n\n"
                + "{\"media\":\"b.mp4\",\"question\":\"Q2\",\"top_p\":0.5}\n");
        List<BatchRow> rows = BatchInput.manifest(manifest, null, false, 4.0, null);
        assertThat(rows).extracting(BatchRow::question).containsExactly("Q1", "Q2");
        assertThat(rows.get(0).nframes()).isEqualTo(6);
        assertThat(rows.get(0).fps()).isNull();
        assertThat(rows.get(0).system()).isEqualTo("be brief");
        assertThat(rows.get(1).fps()).isEqualTo(4.0);
        assertThat(BatchInput.params(rows.get(1), GenerationParams.cosmosDefaults()).topP()).isEqualTo(0.5);
    }

    @Test
    void badManifestsAreOneClearLine(@TempDir Path dir) throws IOException {
        Path unknown = dir.resolve("u.jsonl");
        Files.writeString(unknown, "{\"media\":\"a.mp4\",\"question\":\"Q\",\"temprature\":1}\n");
        assertThatThrownBy(() -> BatchInput.manifest(unknown, null, true, null, null)).isInstanceOf(EngineException.class)
                .hasMessageStartingWith("u.jsonl row 1: unknown field 'temprature' (known: fps, id, max_tokens, media");
        Path noQuestion = dir.resolve("n.csv");
        Files.writeString(noQuestion, "media,question\na.mp4,\n");
        assertThatThrownBy(() -> BatchInput.manifest(noQuestion, null, true, null, null))
                .hasMessage("n.csv row 1: the question is empty");
        Path badNumber = dir.resolve("b.csv");
        Files.writeString(badNumber, "media,question,fps\na.mp4,Q,fast\n");
        assertThatThrownBy(() -> BatchInput.manifest(badNumber, null, true, null, null))
                .hasMessage("b.csv row 1: fps 'fast' is not a number");
        Path notJson = dir.resolve("j.jsonl");
        Files.writeString(notJson, "{\"media\":\"a.mp4\",\n");
        assertThatThrownBy(() -> BatchInput.manifest(notJson, null, true, null, null)).hasMessageStartingWith("j.jsonl line 1 is not JSON");
    }

    @Test
    void aFolderWithoutMediaSaysWhatItLooksFor(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> BatchInput.folder(dir, List.of("Q"), null, true, null, null))
                .isInstanceOf(EngineException.class).hasMessageEndingWith(" holds no images or videos (avi, bmp, gif, jpeg, jpg, m4v, mkv, mov, mp4, mpeg, mpg, png, tif, tiff, webm, webp)");
    }
}
