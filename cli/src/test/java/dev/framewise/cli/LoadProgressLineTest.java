package dev.framewise.cli;

import dev.framewise.engine.api.LoadProgress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal's load line: the percentage, the stage while quantising and writing the cache, erased at the end. */
class LoadProgressLineTest {

    @Test
    void showsTheStageWhileQuantisingAndWritingAndErasesTheLineAtTheEnd() {
        StringWriter text = new StringWriter();
        LoadProgressLine line = new LoadProgressLine(new PrintWriter(text, true), "q7");
        line.step(new LoadProgress(LoadProgress.Stage.QUANTISING, 57, 197, 2_100_000_000L, 4_300_000_000L));
        line.accept(0.366);
        line.step(new LoadProgress(LoadProgress.Stage.WRITING_CACHE, 3, 113, 100_000_000L, 4_300_000_000L));
        line.accept(0.76);
        line.accept(1.0);
        String[] frames = text.toString().split("\r", -1);
        assertThat(frames[1]).isEqualTo("loading q7  36 %  quantising 57 of 197 matrices (2.1 of 4.3 GB)");
        assertThat(frames[2]).isEqualTo("loading q7  76 %  writing cache 3 of 113 matrices (0.1 of 4.3 GB)");
        assertThat(frames[3]).isBlank().hasSameSizeAs(frames[2]); // blanks over the whole line

        assertThat(frames[4]).isEmpty();
    }

    @Test
    void aPlainLoadShowsOnlyItsPercentage() {
        StringWriter text = new StringWriter();
        LoadProgressLine line = new LoadProgressLine(new PrintWriter(text, true), "tiny");
        line.step(new LoadProgress(LoadProgress.Stage.LOADING, 7, 14, 70, 140));
        line.accept(0.5);
        line.accept(0.5); // nothing new: not printed again
        assertThat(text.toString()).isEqualTo("\rloading tiny  50 %");
    }
}
