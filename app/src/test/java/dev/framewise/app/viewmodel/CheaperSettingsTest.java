package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cheaper settings halve the loaded family's per-frame pixel cap where the user left it unset. */
class CheaperSettingsTest {
    private static final Path CLIP = Path.of("/videos/kitchen.mp4");

    private static RunSpec video(Integer maxPixels) {
        return new RunSpec("What happens next?", CLIP, null, null, GenerationParams.cosmosDefaults(), 4.0, maxPixels,
                true, null);
    }

    private static List<Integer> pixels(List<CheaperSettings.Change> changes) {
        return changes.stream().filter(c -> c.maxPixels() != null).map(CheaperSettings.Change::maxPixels).toList();
    }

    @Test
    void anUnsetCapIsHalvedFromTheFamilysCeiling() {
        // Cosmos-Reason1 (Qwen2.5-VL): 768 tokens of 28² = 602,112 pixels
        List<CheaperSettings.Change> reason1 = CheaperSettings.candidates(video(null), 60, PromptConvention.COSMOS_REASON1);
        assertThat(pixels(reason1)).containsExactly(301_056);
        assertThat(reason1).extracting(CheaperSettings.Change::label).contains("half the pixels per frame (301,056)");
        // Cosmos-Reason2 (Qwen3-VL): 768 tokens of 32² = 786,432 pixels
        List<CheaperSettings.Change> reason2 = CheaperSettings.candidates(video(null), 60, PromptConvention.COSMOS_REASON2);
        assertThat(pixels(reason2)).containsExactly(393_216);
        assertThat(reason2).extracting(CheaperSettings.Change::label).contains("half the pixels per frame (393,216)");
    }

    @Test
    void aCapTheUserSetIsHalvedWhateverTheFamily() {
        assertThat(pixels(CheaperSettings.candidates(video(200_000), 60, PromptConvention.COSMOS_REASON1)))
                .containsExactly(100_000);
        assertThat(pixels(CheaperSettings.candidates(video(200_000), 60, PromptConvention.COSMOS_REASON2)))
                .containsExactly(100_000);
    }

    @Test
    void halfIsNotOfferedBelowFourTokensOfTheFamilysPatches() {
        // 6,000 pixels: half (3,000) is under four 28² tokens (3,136), and under four 32² tokens (4,096)
        assertThat(pixels(CheaperSettings.candidates(video(6_000), 60, PromptConvention.COSMOS_REASON1))).isEmpty();
        // 7,000: half (3,500) keeps four 28² tokens but not four 32² ones
        assertThat(pixels(CheaperSettings.candidates(video(7_000), 60, PromptConvention.COSMOS_REASON1)))
                .containsExactly(3_500);
        assertThat(pixels(CheaperSettings.candidates(video(7_000), 60, PromptConvention.COSMOS_REASON2))).isEmpty();
    }
}
