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
 * <p>A record a model family provides; {@link #COSMOS_REASON1} is the one the engine knows today.
 *
 * @param name                  the family's convention name, for messages and help texts
 * @param reasoningSystemPrompt the system prompt when the reasoning format is asked for and the user gave none
 * @param reasoningFormat       the format instruction appended to a user's own system prompt
 * @param sampling              the recommended generation parameters, max tokens included
 * @param video                 how a video given by a convenience flag is sampled
 */
public record PromptConvention(String name, String reasoningSystemPrompt, String reasoningFormat,
                               GenerationParams sampling, VideoDefaults video) {

    /**
     * The video sampling of a convention; a per-call option given by the user replaces the matching field.
     *
     * @param fps         frames per second sampled when neither fps nor nframes is given
     * @param maxPixels   per-frame pixel cap, null for qwen-vl-utils' own (derived from the total budget)
     * @param totalPixels pixel budget over all frames of a video
     */
    public record VideoDefaults(double fps, Integer maxPixels, Integer totalPixels) {
        /** qwen-vl-utils {@code VIDEO_MAX_PIXELS}: no video frame is larger, whatever the budget. */
        public static final int QWEN_VL_MAX_FRAME_PIXELS = 768 * 28 * 28;

        public VideoDefaults {
            if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive, got " + fps);
        }

        /** The largest frame this sampling allows: the convention's cap, else qwen-vl-utils'. */
        public int frameCap() {
            return maxPixels != null ? Math.min(maxPixels, QWEN_VL_MAX_FRAME_PIXELS) : QWEN_VL_MAX_FRAME_PIXELS;
        }
    }

    /** The format instruction of the Cosmos-Reason1-7B model card and README.md (commit c51fe52, "Inference"). */
    private static final String COSMOS_REASONING_FORMAT = "Answer the question in the following format: <think>\n"
            + "your reasoning\n</think>\n\n<answer>\nyour answer\n</answer>.";

    /**
     * NVIDIA Cosmos-Reason1 (nvidia-cosmos/cosmos-reason1): README.md's system prompt (Qwen's default assistant
     * line plus the format instruction), the sampling of its inference examples (temperature 0.6, top-p 0.95,
     * repetition penalty 1.05, 4096 new tokens) and configs/vision_config.yaml's video sampling: 4 fps and
     * {@code total_pixels} = 8192 · 28² · 2 = 12,845,056 over all frames.
     */
    public static final PromptConvention COSMOS_REASON1 = new PromptConvention("Cosmos-Reason1",
            "You are a helpful assistant. " + COSMOS_REASONING_FORMAT, COSMOS_REASONING_FORMAT,
            GenerationParams.builder().maxTokens(4096).temperature(0.6).topP(0.95).repetitionPenalty(1.05).build(),
            new VideoDefaults(4, null, 12_845_056));

    public PromptConvention {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reasoningSystemPrompt, "reasoningSystemPrompt");
        Objects.requireNonNull(reasoningFormat, "reasoningFormat");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(video, "video");
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
     * One question about media: one user turn with the media first and the question last (cosmos_reason1_utils
     * {@code create_conversation}). With the reasoning format the system prompt is {@link #reasoningSystemPrompt},
     * or the user's own followed by {@link #reasoningFormat} (joined by a blank line as scripts/inference.py
     * joins its parts, and left alone if it already asks for {@code <think>}). Without it only the user's system
     * prompt is added, or none, so that the chat template's default applies.
     */
    public List<ChatMessage> question(List<ContentPart> media, String question, boolean withReasoningFormat,
                                      String userSystemPrompt) {
        String system = withReasoningFormat
                ? (blank(userSystemPrompt) ? reasoningSystemPrompt : withFormat(userSystemPrompt))
                : (blank(userSystemPrompt) ? null : userSystemPrompt);
        return conversation(system, media, question);
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

    private String withFormat(String system) {
        return system.contains("<think>") ? system : joinSystemParts(List.of(system, reasoningFormat));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
