package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * What a prompt-lab axis varies. Each value is kept as the text the user typed (so a file shows exactly what was
 * tried) and applied to a {@link LabVariant} by {@link #apply}; a value that does not parse is refused with a
 * message naming the dimension.
 */
public enum LabDimension {
    @JsonProperty("question") QUESTION("question"),
    @JsonProperty("system_prompt") SYSTEM_PROMPT("system prompt"),
    @JsonProperty("reasoning_format") REASONING_FORMAT("reasoning format"),
    @JsonProperty("temperature") TEMPERATURE("temperature"),
    @JsonProperty("top_p") TOP_P("top-p"),
    @JsonProperty("max_tokens") MAX_TOKENS("max tokens"),
    @JsonProperty("seed") SEED("seed"),
    @JsonProperty("fps") FPS("fps"),
    @JsonProperty("max_pixels") MAX_PIXELS("pixels per frame"),
    /** A clip range written {@code start-end} in seconds ({@code 1.5-4}); {@code all} for the whole video. */
    @JsonProperty("clip") CLIP("clip range"),
    /**
     * A model folder, or a server URL optionally followed by its model name ({@code http://gpu:8000/v1
     * nvidia/Cosmos-Reason1-7B}); {@code current} is the model loaded in the workbench.
     */
    @JsonProperty("model") MODEL("model"),
    /** {@code on} or {@code off}: each video frame's time drawn in (Cosmos-Reason1's overlay, Qwen2.5-VL models). */
    @JsonProperty("timestamp_overlay") TIMESTAMP_OVERLAY("timestamp overlay"),
    /** A question template's title (the Ask box's templates); its text is asked instead of the question. */
    @JsonProperty("template") TEMPLATE("template");

    private final String label;

    LabDimension(String label) {
        this.label = label;
    }

    /** The dimension's name for people ("top-p", "clip range"). */
    public String label() {
        return label;
    }

    /** The variant with this dimension set to {@code value}; throws IllegalArgumentException with a message otherwise. */
    public LabVariant apply(LabVariant variant, String value) {
        String v = value == null ? "" : value.strip();
        try {
            return switch (this) {
                case QUESTION -> {
                    if (v.isEmpty()) throw new IllegalArgumentException("a question of the lab is empty; type the question text");
                    yield variant.withQuestion(v);
                }
                case SYSTEM_PROMPT -> variant.withSystemPrompt(v.isEmpty() ? null : v);
                case REASONING_FORMAT -> variant.withReasoningFormat(onOff(v, label));
                case TIMESTAMP_OVERLAY -> variant.withTimestampOverlay(onOff(v, label));
                case TEMPERATURE -> variant.withTemperature(Double.parseDouble(v));
                case TOP_P -> variant.withTopP(Double.parseDouble(v));
                case MAX_TOKENS -> variant.withMaxTokens(Integer.parseInt(v));
                case SEED -> variant.withSeed(Long.parseLong(v));
                case FPS -> variant.withFps(Double.parseDouble(v));
                case MAX_PIXELS -> variant.withMaxPixels(Integer.parseInt(v.replace("_", "").replace(",", "")));
                case CLIP -> clip(variant, v);
                case MODEL -> variant.withModel(v.isEmpty() || v.equalsIgnoreCase("current") ? null : v);
                case TEMPLATE -> variant.withTemplate(v.isEmpty() || v.equalsIgnoreCase("none") ? null : v);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a " + label + " value; type a number", e);
        }
    }

    private static boolean onOff(String v, String label) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("\"" + v + "\" is not a " + label + " value; type on or off");
        };
    }

    private static LabVariant clip(LabVariant variant, String v) {
        if (v.isEmpty() || v.equalsIgnoreCase("all")) return variant.withClip(null, null);
        int dash = v.indexOf('-', 1);
        if (dash < 0) throw new IllegalArgumentException("\"" + v + "\" is not a clip range; type start-end in seconds, e.g. 1.5-4");
        double start = Double.parseDouble(v.substring(0, dash).strip());
        double end = Double.parseDouble(v.substring(dash + 1).strip());
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("the clip range " + v + " is empty; the end must come after the start");
        }
        return variant.withClip(start, end);
    }
}
