package dev.framewise.engine.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a model family is asked a question through the convenience inputs ({@code ask --prompt} with
 * {@code --image}/{@code --video}, the workbench, and the defaults of {@code serve}'s command line): the system
 * prompt that asks for its reasoning format, the sampling it is tuned for, and how its media are sampled.
 * A {@code --messages} file and the server's requests take no convention: their media parts follow
 * qwen-vl-utils and its defaults for whatever a part leaves out.
 *
 * <p>Each model family provides one (the family's {@code promptConvention()}; a running backend's
 * {@link InferenceBackend#convention()}): {@link #COSMOS_REASON1} for Qwen2.5-VL, {@link #COSMOS_REASON2} for
 * Qwen3-VL. Servers, whose family is unknown, get Cosmos-Reason1's.
 *
 * @param name                  the family's convention name, for messages and help texts
 * @param reasoningSystemPrompt the system prompt when the reasoning format is asked for and the user gave none
 * @param plainSystemPrompt     the system prompt without the reasoning format when the user gave none; null for
 *                              none (the chat template's default applies)
 * @param reasoningFormat       the format instruction, added where {@code formatPlace} says
 * @param formatPlace           where the format instruction goes
 * @param sampling              the recommended generation parameters with the reasoning format, max tokens included
 * @param plainSampling         the recommended generation parameters without the reasoning format
 * @param video                 how a video given by a convenience flag is sampled
 */
public record PromptConvention(String name, String reasoningSystemPrompt, String plainSystemPrompt,
                               String reasoningFormat, FormatPlace formatPlace, GenerationParams sampling,
                               GenerationParams plainSampling, VideoDefaults video) {

    /** Where a convention asks for its reasoning format. */
    public enum FormatPlace {
        /** Appended to the user's own system prompt (Cosmos-Reason1: the answer comes in {@code <answer>} tags). */
        SYSTEM_PROMPT,
        /** Appended to the question after a blank line (Cosmos-Reason2: the answer follows {@code </think>}). */
        AFTER_QUESTION
    }

    /**
     * The video sampling of a convention; a per-call option given by the user replaces the matching field.
     *
     * @param fps            frames per second sampled when neither fps nor nframes is given
     * @param maxPixels      per-frame pixel cap, null for qwen-vl-utils' own (derived from the total budget)
     * @param totalPixels    pixel budget over all frames of a video
     * @param frameCeiling   the family's qwen-vl-utils per-frame ceiling: no video frame is larger, whatever the budget
     */
    public record VideoDefaults(double fps, Integer maxPixels, Integer totalPixels, int frameCeiling) {
        /** qwen-vl-utils {@code VIDEO_MAX_PIXELS} of Qwen2.5-VL (768 tokens of 28²). */
        public static final int QWEN_VL_MAX_FRAME_PIXELS = 768 * 28 * 28;
        /** qwen-vl-utils 0.0.14 {@code VIDEO_MAX_TOKEN_NUM} · 32² of Qwen3-VL (768 tokens of 32²). */
        public static final int QWEN3_VL_MAX_FRAME_PIXELS = 768 * 32 * 32;

        public VideoDefaults {
            if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive, got " + fps);
            if (frameCeiling < 1) throw new IllegalArgumentException("frameCeiling must be positive, got " + frameCeiling);
        }

        /** The largest frame this sampling allows: the convention's cap, else the family's qwen-vl-utils ceiling. */
        public int frameCap() {
            return maxPixels != null ? Math.min(maxPixels, frameCeiling) : frameCeiling;
        }
    }

    /** The format instruction of the Cosmos-Reason1-7B model card and README.md (commit c51fe52, "Inference"). */
    private static final String COSMOS_REASONING_FORMAT = "Answer the question in the following format: <think>\n"
            + "your reasoning\n</think>\n\n<answer>\nyour answer\n</answer>.";

    private static final GenerationParams COSMOS_REASON1_SAMPLING = GenerationParams.builder().maxTokens(4096)
            .temperature(0.6).topP(0.95).repetitionPenalty(1.05).build();

    /**
     * NVIDIA Cosmos-Reason1 (nvidia-cosmos/cosmos-reason1): README.md's system prompt (Qwen's default assistant
     * line plus the format instruction), the sampling of its inference examples (temperature 0.6, top-p 0.95,
     * repetition penalty 1.05, 4096 new tokens; the same without the reasoning format) and configs/vision_config.yaml's video sampling: 4 fps and
     * {@code total_pixels} = 8192 · 28² · 2 = 12,845,056 over all frames.
     */
    public static final PromptConvention COSMOS_REASON1 = new PromptConvention("Cosmos-Reason1",
            "You are a helpful assistant. " + COSMOS_REASONING_FORMAT, null, COSMOS_REASONING_FORMAT,
            FormatPlace.SYSTEM_PROMPT,
            COSMOS_REASON1_SAMPLING, COSMOS_REASON1_SAMPLING,
            new VideoDefaults(4, null, 12_845_056, VideoDefaults.QWEN_VL_MAX_FRAME_PIXELS));

    /** nvidia-cosmos/cosmos-reason2 {@code cosmos_reason2_utils/text.py} {@code SYSTEM_PROMPT}. */
    private static final String REASON2_SYSTEM_PROMPT = "You are a helpful assistant.";

    /** nvidia-cosmos/cosmos-reason2 {@code cosmos_reason2_utils/text.py} {@code REASONING_PROMPT}. */
    private static final String REASON2_REASONING_FORMAT = "Answer the question using the following format:\n\n"
            + "<think>\nYour reasoning.\n</think>\n\nWrite your final answer immediately after the </think> tag.";

    /**
     * Cosmos-Reason2's sampling, nvidia-cosmos/cosmos-reason2 (a3b4a1d) {@code cosmos_reason2_utils/script/inference.py}
     * {@code SamplingOverrides.get_defaults} (Qwen3-VL's evaluation settings; the cosmos-cookbook Reason 2 prompt
     * guide's table gives the same): 4096 new tokens, top-k 20, no repetition penalty; with the reasoning format
     * temperature 0.6, top-p 0.95, no presence penalty; without it temperature 0.7, top-p 0.8, presence penalty 1.5.
     * Its fixed seeds (1234, 3407) are not taken: a run draws a fresh seed and records it, as every run here does.
     */
    private static GenerationParams reason2Sampling(boolean reasoning) {
        GenerationParams.Builder common = GenerationParams.builder().maxTokens(4096).topK(20).repetitionPenalty(1.0);
        return reasoning ? common.temperature(0.6).topP(0.95).presencePenalty(0.0).build()
                : common.temperature(0.7).topP(0.8).presencePenalty(1.5).build();
    }

    /**
     * Cosmos-Reason2's video sampling, from the same inference.py: the frame rate is qwen-vl-utils' {@code FPS}
     * (2.0; {@code args.fps or qwen_vl_utils.vision_process.FPS}), and the pixel budget over all frames is what fits
     * the model length after the answer, {@code int((max_model_len - max_tokens) * PIXELS_PER_TOKEN * 0.9)} with
     * {@code PIXELS_PER_TOKEN} = 32² ({@code vision.py}). Framewise takes the model length the README recommends
     * ({@code --max-model-len 16384}, "Recommended range: 8192 - 16384"; its offline example uses 16384 too) and the
     * 4096 new tokens above: int(12288 · 1024 · 0.9) = 11,324,620 pixels. The per-frame ceiling is qwen-vl-utils
     * 0.0.14's 768 tokens of 32².
     */
    private static final VideoDefaults REASON2_VIDEO = new VideoDefaults(2.0, null,
            (int) ((16384 - 4096) * 32 * 32 * 0.9), VideoDefaults.QWEN3_VL_MAX_FRAME_PIXELS);

    /**
     * NVIDIA Cosmos-Reason2 (Qwen3-VL), as {@code cosmos_reason2_utils/text.py}'s {@code create_conversation} builds
     * a question: always a system prompt ({@code SYSTEM_PROMPT} unless the user gave one), the media first, the
     * question last, and reasoning opt-in by {@code REASONING_PROMPT} appended to the question; there is no
     * {@code <answer>} tag (the answer is whatever follows {@code </think>}). Sampling with and without the reasoning
     * format and video sampling are cosmos-reason2's (its inference.py; see docs/model-families.md).
     */
    public static final PromptConvention COSMOS_REASON2 = new PromptConvention("Cosmos-Reason2",
            REASON2_SYSTEM_PROMPT, REASON2_SYSTEM_PROMPT, REASON2_REASONING_FORMAT, FormatPlace.AFTER_QUESTION,
            reason2Sampling(true), reason2Sampling(false), REASON2_VIDEO);

    public PromptConvention {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reasoningSystemPrompt, "reasoningSystemPrompt");
        Objects.requireNonNull(reasoningFormat, "reasoningFormat");
        Objects.requireNonNull(formatPlace, "formatPlace");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(plainSampling, "plainSampling");
        Objects.requireNonNull(video, "video");
    }

    /** The recommended generation parameters with or without the reasoning format. */
    public GenerationParams sampling(boolean withReasoningFormat) {
        return withReasoningFormat ? sampling : plainSampling;
    }

    /**
     * A video part with this convention's sampling, each non-null argument replacing the convention's value
     * (an explicit {@code nframes} replaces the fps).
     */
    public ContentPart.Video video(Path path, Double fps, Integer nframes, Integer minPixels, Integer maxPixels,
                                   Double start, Double end) {
        Double rate = nframes != null ? null : fps != null ? fps : video.fps();
        return new ContentPart.Video(path, rate, nframes, minPixels, maxPixels != null ? maxPixels : video.maxPixels(),
                video.totalPixels(), start, end);
    }

    /** An image part; images have no convention of their own, so null bounds are qwen-vl-utils' defaults. */
    public ContentPart.Image image(Path path, Integer minPixels, Integer maxPixels) {
        return new ContentPart.Image(path, minPixels, maxPixels, null, null);
    }

    /**
     * One question about media: one user turn with the media first and the question last (cosmos_reason1_utils and
     * cosmos_reason2_utils {@code create_conversation}). The system prompt is the user's own, else
     * {@link #reasoningSystemPrompt} with the reasoning format and {@link #plainSystemPrompt} without it (none
     * when null, so that the chat template's default applies). With the reasoning format, {@link #reasoningFormat}
     * is appended to the user's system prompt or to the question, as {@link #formatPlace} says (joined by a blank
     * line as scripts/inference.py joins its parts, and left out where the text already asks for {@code <think>}).
     */
    public List<ChatMessage> question(List<ContentPart> media, String question, boolean withReasoningFormat,
                                      String userSystemPrompt) {
        if (blank(question)) throw new EngineException("the question is empty; give the prompt text to ask");
        boolean inSystem = withReasoningFormat && formatPlace == FormatPlace.SYSTEM_PROMPT;
        boolean inQuestion = withReasoningFormat && formatPlace == FormatPlace.AFTER_QUESTION;
        String system = !blank(userSystemPrompt) ? (inSystem ? withFormat(userSystemPrompt) : userSystemPrompt)
                : withReasoningFormat ? reasoningSystemPrompt : plainSystemPrompt;
        String text = inQuestion ? withFormat(question) : question;
        return conversation(system, media, text);
    }

    /** One user turn: system prompt (none when null), the media, then the question. */
    public static List<ChatMessage> conversation(String system, List<ContentPart> media, String question) {
        if (blank(question)) throw new EngineException("the question is empty; give the prompt text to ask");
        List<ContentPart> parts = new ArrayList<>();
        for (ContentPart part : media) {
            if (part instanceof ContentPart.Text) throw new IllegalArgumentException("media parts only, not text");
            parts.add(part);
        }
        parts.add(new ContentPart.Text(question.stripTrailing()));
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) messages.add(ChatMessage.system(system));
        messages.add(ChatMessage.user(parts));
        return List.copyOf(messages);
    }

    /** scripts/inference.py: {@code "\n\n".join(map(str.rstrip, system_prompts))}. */
    public static String joinSystemParts(List<String> parts) {
        return String.join("\n\n", parts.stream().map(String::stripTrailing).toList());
    }

    private String withFormat(String text) {
        return text.contains("<think>") ? text : joinSystemParts(List.of(text, reasoningFormat));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
