package dev.framewise.engine.estimate;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.VisionGrid;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.embedded.PromptPlanner;
import dev.framewise.engine.family.qwen3vl.Qwen3Fixture;
import dev.framewise.engine.media.TestClips;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan made without weights counts exactly what the model then runs: frames, patch grids, vision tokens and
 * prompt tokens, for both families (Qwen3-VL's videos add timestamp texts), a video and an image together.
 */
@Timeout(180)
class PromptPlannerTest {

    private static void assertPlanMatchesRun(Path model, List<ChatMessage> messages) {
        PromptPlanner.Plan plan;
        try (PromptPlanner planner = PromptPlanner.open(model)) {
            plan = planner.plan(messages);
        }
        GenerationResult run;
        try (EmbeddedBackend backend = EmbeddedBackend.open(model, new EmbeddedOptions(Precision.FP32, "cpu"))) {
            run = backend.generate(new GenerationRequest(messages, GenerationParams.greedy(1)), GenerationListener.NONE,
                    new CancellationToken());
        }
        assertThat(plan.promptTokens()).isEqualTo(run.promptTokenIds().length);
        assertThat(plan.frames()).isEqualTo(run.frames().size() + 1); // the image counts one frame, not in frames()
        assertThat(plan.media()).hasSize(run.vision().size());
        for (int i = 0; i < plan.media().size(); i++) {
            VisionGrid grid = run.vision().get(i);
            assertThat(plan.media().get(i).tokens()).isEqualTo(grid.tokens());
            assertThat(plan.media().get(i).grid().t()).isEqualTo(grid.t());
            assertThat(plan.media().get(i).resizedHeight()).isEqualTo(grid.resizedHeight());
        }
        assertThat(plan.visionTokens()).isPositive();
    }

    @Test
    void qwen25VlPlanEqualsTheRun(@TempDir Path dir) throws Exception {
        Path clip = TestClips.write(dir.resolve("clip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_MPEG4, 24, 8));
        Path image = TinyModel.dir().resolve("inputs/b_image.png");
        List<ChatMessage> messages = List.of(ChatMessage.user(List.of(ContentPart.Video.of(clip),
                ContentPart.Image.of(image),
                new ContentPart.Text("What moves first?"))));
        assertPlanMatchesRun(TinyModel.dir(), messages);
    }

    @Test
    void qwen3VlPlanEqualsTheRunWithTimestampTexts(@TempDir Path dir) throws Exception {
        Path clip = TestClips.write(dir.resolve("clip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_MPEG4, 24, 8));
        List<ContentPart> media = List.of(ContentPart.Video.of(clip),
                ContentPart.Image.of(Qwen3Fixture.dir().resolve("inputs/b_image.png")));
        assertPlanMatchesRun(Qwen3Fixture.dir(), PromptConvention.COSMOS_REASON2.question(media, "What moves first?", true, null));
    }
}
