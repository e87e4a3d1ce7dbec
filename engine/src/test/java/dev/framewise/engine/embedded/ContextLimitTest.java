package dev.framewise.engine.embedded;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.PromptTooLongException;
import dev.framewise.engine.api.TokenEvent;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The embedded engine refuses a prompt that does not fit its context before prefilling it, and a video that would
 * not fit before decoding it (counted from the sampling plan).
 */
@Timeout(120)
class ContextLimitTest {
    private static final int MAX_TOKENS = 8;

    private static EmbeddedBackend open(int contextLimit) {
        return EmbeddedBackend.open(TinyModel.dir(), new EmbeddedOptions(Precision.FP32, "cpu").withContextLimit(contextLimit));
    }

    private static GenerationRequest ask(List<ContentPart> parts) {
        return new GenerationRequest(List.of(ChatMessage.user(parts)), GenerationParams.greedy(MAX_TOKENS));
    }

    @Test
    void aTextPromptOverTheContextIsRefusedBeforePrefillAndNothingStreams() {
        List<TokenEvent> streamed = new ArrayList<>();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onToken(TokenEvent token) {
                streamed.add(token);
            }
        };
        String question = "word ".repeat(60);
        int promptTokens;
        try (EmbeddedBackend wide = open(0)) {
            promptTokens = wide.generate(ask(List.of(new ContentPart.Text(question))), GenerationListener.NONE,
                    new CancellationToken()).timings().promptTokens();
        }
        try (EmbeddedBackend narrow = open(promptTokens + MAX_TOKENS - 1)) {
            PromptTooLongException e = catchThrowableOfType(PromptTooLongException.class,
                    () -> narrow.generate(ask(List.of(new ContentPart.Text(question))), listener, new CancellationToken()));
            assertThat(e.promptTokens()).isEqualTo(promptTokens);
            assertThat(e.maxTokens()).isEqualTo(MAX_TOKENS);
            assertThat(e.getMessage()).startsWith("the prompt is " + promptTokens + " tokens and max tokens asks for 8 more")
                    .contains("over this model's context length of " + (promptTokens + MAX_TOKENS - 1) + " tokens");
            assertThat(streamed).isEmpty();
        }
        try (EmbeddedBackend exact = open(promptTokens + MAX_TOKENS)) {
            assertThat(exact.generate(ask(List.of(new ContentPart.Text(question))), listener, new CancellationToken())
                    .tokens()).hasSize(MAX_TOKENS);
        }
    }

    @Test
    void aVideoOverTheContextIsRefusedFromItsSamplingPlanWithTheExactCount(@TempDir Path dir) throws Exception {
        Path clip = TestClips.write(dir.resolve("clip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_MPEG4, 40, 10));
        List<ContentPart> parts = List.of(ContentPart.Video.of(clip), new ContentPart.Text("What moves?"));
        int estimated;
        try (EmbeddedBackend narrow = open(100)) {
            PromptTooLongException e = catchThrowableOfType(PromptTooLongException.class,
                    () -> narrow.generate(ask(parts), GenerationListener.NONE, new CancellationToken()));
            assertThat(e.getMessage()).startsWith("the prompt is about ");
            estimated = e.promptTokens();
        }
        try (EmbeddedBackend wide = open(0)) {
            GenerationResult result = wide.generate(ask(parts), GenerationListener.NONE, new CancellationToken());
            assertThat(result.timings().promptTokens()).isEqualTo(estimated).isGreaterThan(100);
        }
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new EmbeddedOptions(Precision.FP32, "cpu").withContextLimit(-1))
                .hasMessageContaining("--max-model-len");
    }
}
