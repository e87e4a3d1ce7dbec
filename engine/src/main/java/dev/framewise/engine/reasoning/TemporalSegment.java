package dev.framewise.engine.reasoning;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of the video a temporal-localisation answer names: a JSON object with {@code start} and {@code end}
 * times and a caption, as cosmos-reason2's prompts/temporal_localization.yaml asks for them ("json format with
 * 'mm:ss.ff' format for time depiction for each event. Use keywords 'start', 'end' and 'caption'"; its sample output
 * writes {@code "00:00.100"}). Times may also be {@code h:mm:ss.ff}, plain seconds as a number or a string, or
 * seconds with an "s"/"seconds" suffix. Seconds are media time as the model read it from the prompt's timestamps.
 * {@code start}/{@code end} (offsets) locate the JSON in the text.
 */
public record TemporalSegment(double startSeconds, double endSeconds, String caption, int start, int end) {
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)");
    private static final Pattern SECONDS = Pattern.compile("<?\\s*(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?)?\\s*>?",
            Pattern.CASE_INSENSITIVE);

    /** Every segment in the text, in order; objects without two readable times, or ending before they start, are skipped. */
    public static List<TemporalSegment> find(String text) {
        List<TemporalSegment> found = new ArrayList<>();
        JsonObjects.scan(text, TemporalSegment::read, found::add);
        return found;
    }

    private static TemporalSegment read(JsonNode node, int[] span) {
        Double from = seconds(node.get("start"));
        Double to = seconds(node.get("end"));
        if (from == null || to == null || to < from) return null;
        String caption = null;
        for (String key : new String[] {"caption", "event", "description", "label"}) {
            if (node.path(key).isTextual()) {
                caption = node.get(key).asText();
                break;
            }
        }
        return new TemporalSegment(from, to, caption, span[0], span[1]);
    }

    /** A time in seconds, or null when it is not one. */
    static Double seconds(JsonNode value) {
        if (value == null) return null;
        if (value.isNumber()) return value.asDouble() >= 0 ? value.asDouble() : null;
        if (!value.isTextual()) return null;
        String s = value.asText().strip();
        Matcher clock = CLOCK.matcher(s);
        if (clock.matches()) {
            double hours = clock.group(1) == null ? 0 : Double.parseDouble(clock.group(1));
            return hours * 3600 + Double.parseDouble(clock.group(2)) * 60 + Double.parseDouble(clock.group(3));
        }
        Matcher plain = SECONDS.matcher(s);
        return plain.matches() ? Double.parseDouble(plain.group(1)) : null;
    }
}
