package dev.framewise.engine.embedded;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.WorkProgress;
import dev.framewise.engine.media.TestClips;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded engine reports vision encoding in frames and prefill in prompt tokens, chunk by chunk, gives the
 * same answer in small prefill chunks as in one, and stops between chunks when cancelled.
 */
@Timeout(180)
class PrefillProgressTest {
    private static final int CHUNK = 7;
    private static Path clip;

    @BeforeAll
    static void clip(@TempDir Path dir) throws Exception {
        clip = TestClips.write(dir.resolve("clip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_MPEG4, 20, 10));
    }

    private static GenerationRequest question() {
        return new GenerationRequest(List.of(ChatMessage.user(List.of(ContentPart.Video.of(clip),
                new ContentPart.Text("What moves?")))), GenerationParams.greedy(6));
    }

    private static EmbeddedBackend open(int prefillChunk) {
        return EmbeddedBackend.open(TinyModel.dir(), new EmbeddedOptions(Precision.FP32, "cpu").withPrefillChunk(prefillChunk));
    }

    /** Records every progress report; cancels at the first report the predicate accepts. */
    private static final class Recorder implements GenerationListener {
        final List<WorkProgress> reports = new ArrayList<>();
        final CancellationToken cancel = new CancellationToken();
        final Predicate<WorkProgress> cancelAt;

        Recorder(Predicate<WorkProgress> cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void onProgress(WorkProgress progress) {
            reports.add(progress);
            if (cancelAt.test(progress)) cancel.cancel();
        }

        List<WorkProgress> of(WorkProgress.Stage stage) {
            return reports.stream().filter(p -> p.stage() == stage).toList();
        }
    }

    @Test
    void framesThenPromptTokensAreCountedAndSmallChunksGiveTheSameTokens() {
        GenerationResult whole;
        try (EmbeddedBackend backend = open(4096)) {
            whole = backend.generate(question(), GenerationListener.NONE, new CancellationToken());
        }
        Recorder recorder = new Recorder(p -> false);
        GenerationResult chunked;
        try (EmbeddedBackend backend = open(CHUNK)) {
            chunked = backend.generate(question(), recorder, recorder.cancel);
        }
        assertThat(chunked.tokens().stream().map(TokenEvent::id).toList())
                .isEqualTo(whole.tokens().stream().map(TokenEvent::id).toList());
        assertThat(chunked.finishReason()).isEqualTo(whole.finishReason());

        List<WorkProgress> vision = recorder.of(WorkProgress.Stage.VISION_ENCODE);
        assertThat(vision).isNotEmpty();
        assertThat(vision.get(vision.size() - 1)).isEqualTo(new WorkProgress(WorkProgress.Stage.VISION_ENCODE,
                chunked.frames().size(), chunked.frames().size()));
        List<WorkProgress> prefill = recorder.of(WorkProgress.Stage.PREFILL);
        int prompt = chunked.timings().promptTokens();
        assertThat(prefill).hasSize((prompt + CHUNK - 1) / CHUNK);
        for (int i = 0; i < prefill.size(); i++) {
            assertThat(prefill.get(i).done()).isEqualTo(Math.min(prompt, (i + 1L) * CHUNK));
            assertThat(prefill.get(i).total()).isEqualTo(prompt);
        }
        assertThat(recorder.reports.indexOf(prefill.get(0))).isGreaterThan(recorder.reports.indexOf(vision.get(0)));
        assertThat(prefill.get(0).describe()).isEqualTo("reading the prompt: 7 of " + String.format("%,d", prompt)
                + " prompt tokens");
    }

    @Test
    void cancellingDuringPrefillStopsAtTheNextChunkWithNoTokens() {
        Recorder recorder = new Recorder(p -> p.stage() == WorkProgress.Stage.PREFILL);
        GenerationResult result;
        try (EmbeddedBackend backend = open(CHUNK)) {
            result = backend.generate(question(), recorder, recorder.cancel);
            assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(result.tokens()).isEmpty();
            assertThat(recorder.of(WorkProgress.Stage.PREFILL)).containsExactly(new WorkProgress(
                    WorkProgress.Stage.PREFILL, CHUNK, result.timings().promptTokens()));
            // The cancelled prefill kept nothing: the same question runs whole afterwards.
            GenerationResult again = backend.generate(question(), GenerationListener.NONE, new CancellationToken());
            assertThat(again.tokens()).isNotEmpty();
            assertThat(again.timings().cachedPromptTokens()).isZero();
        }
    }

    @Test
    void cancellingDuringVisionEncodingStopsBeforePrefill() {
        Recorder recorder = new Recorder(p -> p.stage() == WorkProgress.Stage.VISION_ENCODE);
        try (EmbeddedBackend backend = open(CHUNK)) {
            GenerationResult result = backend.generate(question(), recorder, recorder.cancel);
            assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(result.tokens()).isEmpty();
            assertThat(recorder.of(WorkProgress.Stage.PREFILL)).isEmpty();
            assertThat(recorder.of(WorkProgress.Stage.VISION_ENCODE)).hasSize(1);
        }
    }

    @Test
    void progressIsACountAndDescribesItself() {
        WorkProgress p = new WorkProgress(WorkProgress.Stage.VISION_ENCODE, 8, 32);
        assertThat(p.fraction()).isEqualTo(0.25);
        assertThat(p.describe()).isEqualTo("looking at the images and video: 8 of 32 frames");
        assertThat(new WorkProgress(WorkProgress.Stage.PREFILL, 0, 0).fraction()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkProgress(WorkProgress.Stage.PREFILL, 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
