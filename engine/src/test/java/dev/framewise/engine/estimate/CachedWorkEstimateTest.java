package dev.framewise.engine.estimate;

import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.media.TestClips;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimate counts only the work that will run: a video already in the vision cache at the same settings costs
 * no decode and no vision tower, and a follow-up prefills only what the prompt-prefix cache does not hold. What the
 * loaded model reports as cached ({@link EmbeddedBackend#cachedWork}) is exactly what the next run then re-uses.
 */
@Timeout(300)
class CachedWorkEstimateTest {
    private static final int MAX_TOKENS = 3;

    @Test
    void cachedMediaAndAPromptPrefixCostNothing(@TempDir Path dir) throws Exception {
        Path clip = TestClips.write(dir.resolve("clip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_MPEG4, 16, 8));
        List<ChatMessage> first = new ArrayList<>(List.of(ChatMessage.user(List.of(ContentPart.Video.of(clip),
                new ContentPart.Text("Which bar lights up first?")))));
        EmbeddedOptions caches = new EmbeddedOptions(Precision.FP32, "cpu", false, 64L << 20, 64L << 20);
        try (CostEstimator estimator = CostEstimator.open(TinyModel.dir(), Precision.FP32, "cpu", 0,
                new Calibration(dir.resolve("calibration")));
             EmbeddedBackend backend = EmbeddedBackend.open(TinyModel.dir(), caches)) {
            GenerationRequest ask = request(first);
            CachedWork nothing = backend.cachedWork(ask);
            assertThat(nothing.mediaCached()).containsExactly(false);
            assertThat(nothing.reusedPromptTokens()).isZero();
            CostEstimate fresh = estimator.estimate(first, MAX_TOKENS, nothing).estimate();
            assertThat(fresh.cachedMedia()).isZero();
            assertThat(fresh.mediaSeconds()).isPositive();
            assertThat(fresh.visionSeconds()).isPositive();

            GenerationResult answered = run(backend, ask);
            int promptTokens = answered.timings().promptTokens();
            assertThat(fresh.promptTokens()).isEqualTo(promptTokens);

            // the same question again: the video's embeddings and the whole prompt (with its last logits) are kept
            CachedWork again = backend.cachedWork(ask);
            assertThat(again.mediaCached()).containsExactly(true);
            assertThat(again.reusedPromptTokens()).isEqualTo(promptTokens);
            CostEstimate repeat = estimator.estimate(first, MAX_TOKENS, again).estimate();
            assertThat(repeat.cachedMedia()).isEqualTo(1);
            assertThat(repeat.frames()).isEqualTo(fresh.frames()); // the question still has its frames and tokens
            assertThat(repeat.promptTokens()).isEqualTo(fresh.promptTokens());
            assertThat(repeat.mediaSeconds()).isZero();
            assertThat(repeat.visionSeconds()).isZero();
            assertThat(repeat.prefillSeconds()).isZero();
            assertThat(repeat.secondsToFirstToken()).isEqualTo(repeat.overheadSeconds());

            // a follow-up: only the answer and the new question are prefilled, as the run then shows
            List<ChatMessage> followUp = new ArrayList<>(first);
            followUp.add(ChatMessage.assistant(answered.text()));
            followUp.add(ChatMessage.user("And which one last?"));
            GenerationRequest next = request(followUp);
            CachedWork prefix = backend.cachedWork(next);
            assertThat(prefix.mediaCached()).containsExactly(true);
            assertThat(prefix.reusedPromptTokens()).isPositive().isLessThanOrEqualTo(promptTokens);
            CostEstimate follow = estimator.estimate(followUp, MAX_TOKENS, prefix).estimate();
            assertThat(follow.reusedPromptTokens()).isEqualTo(prefix.reusedPromptTokens());
            // the new tokens only, each attending to the reused prefix too (PrefillTime)
            int reused = prefix.reusedPromptTokens();
            double expected = estimator.prefillTime().seconds(follow.promptTokens() - reused, reused,
                    estimator.rates().prefillTokensPerSecond());
            assertThat(follow.prefillSeconds()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12))
                    .isPositive().isLessThan(fresh.prefillSeconds());
            GenerationResult followed = run(backend, next);
            assertThat(followed.timings().cachedPromptTokens()).isEqualTo(prefix.reusedPromptTokens());
            assertThat(followed.timings().promptTokens()).isEqualTo(follow.promptTokens());

            // other sampling settings are another video for the cache: all of it runs again
            List<ChatMessage> otherFps = List.of(ChatMessage.user(List.of(
                    new ContentPart.Video(clip, 4.0, null, null, null, null, null, null),
                    new ContentPart.Text("Which bar lights up first?"))));
            CachedWork miss = backend.cachedWork(request(otherFps));
            assertThat(miss.mediaCached()).containsExactly(false);
            assertThat(miss.reusedPromptTokens()).isZero();
            assertThat(estimator.estimate(otherFps, MAX_TOKENS, miss).estimate().visionSeconds()).isPositive();
        }
    }

    private static GenerationRequest request(List<ChatMessage> messages) {
        return new GenerationRequest(List.copyOf(messages), GenerationParams.greedy(MAX_TOKENS));
    }

    private static GenerationResult run(EmbeddedBackend backend, GenerationRequest request) {
        return backend.generate(request, GenerationListener.NONE, new CancellationToken());
    }
}
