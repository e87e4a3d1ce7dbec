package dev.framewise.engine.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt the user is shown: each run of vision pads as one pad, the texts between them kept. */
class RenderedPromptTextTest {

    @Test
    void eachTemporalPatchKeepsItsTimeAndOnePad() {
        String expanded = "<|im_start|>user\n<0.3 seconds><|vision_start|>" + "<|video_pad|>".repeat(5)
                + "<|vision_end|><1.6 seconds><|vision_start|>" + "<|video_pad|>".repeat(5) + "<|vision_end|>"
                + "<|vision_start|>" + "<|image_pad|>".repeat(3) + "<|vision_end|>What moves?<|im_end|>";
        assertThat(EmbeddedBackend.onePadPerBlock(expanded)).isEqualTo("<|im_start|>user\n<0.3 seconds><|vision_start|>"
                + "<|video_pad|><|vision_end|><1.6 seconds><|vision_start|><|video_pad|><|vision_end|>"
                + "<|vision_start|><|image_pad|><|vision_end|>What moves?<|im_end|>");
    }

    @Test
    void aPromptWithoutMediaIsUnchanged() {
        assertThat(EmbeddedBackend.onePadPerBlock("<|im_start|>user\nHi<|im_end|>")).isEqualTo("<|im_start|>user\nHi<|im_end|>");
    }
}
