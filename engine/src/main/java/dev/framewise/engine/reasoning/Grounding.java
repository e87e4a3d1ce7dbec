package dev.framewise.engine.reasoning;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A box, point or trajectory in Qwen's grounding JSON, usually inside a fenced json block of the answer:
 * {@code {"bbox_2d": [x1, y1, x2, y2], "label": "cup"}} (also written {@code box_2d}, read in the same x-first
 * order), {@code {"point_2d": [x, y], "label": …}}, and a trajectory as cosmos-reason2's prompts/robot_cot.yaml asks
 * for it: point objects labelled "… trajectory", one after another in a list, or one {@code point_2d} holding a list
 * of {@code [x, y]} pairs. {@code coordinates} are as the model wrote them, x and y alternating (what they measure
 * depends on the family: {@link CoordinateSpace}); {@link #onPicture} maps them to pixels of a picture.
 * {@code start}/{@code end} are the character offsets of the JSON in the text.
 */
public record Grounding(Kind kind, String label, double[] coordinates, int start, int end) {
    public enum Kind { BOX, POINT, TRAJECTORY }

    public Grounding {
        coordinates = coordinates.clone();
    }

    /** Coordinates on media whose size differs from the model's input by {@code scaleX} × {@code scaleY}. */
    public Grounding scaled(double scaleX, double scaleY) {
        double[] c = coordinates.clone();
        for (int i = 0; i < c.length; i++) c[i] *= i % 2 == 0 ? scaleX : scaleY;
        return new Grounding(kind, label, c, start, end);
    }

    /**
     * Coordinates in pixels of a {@code width} × {@code height} picture, the model having written them in
     * {@code space} about its input of {@code modelWidth} × {@code modelHeight} pixels.
     */
    public Grounding onPicture(CoordinateSpace space, int modelWidth, int modelHeight, int width, int height) {
        double[] c = coordinates.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = i % 2 == 0 ? space.toPixels(c[i], modelWidth, width) : space.toPixels(c[i], modelHeight, height);
        }
        return new Grounding(kind, label, c, start, end);
    }

    /** Every grounding object in the text, in order; objects that are not valid grounding JSON are skipped. */
    public static List<Grounding> find(String text) {
        List<Grounding> objects = new ArrayList<>();
        JsonObjects.scan(text, Grounding::read, objects::add);
        return joinTrajectories(text, objects);
    }

    private static Grounding read(JsonNode node, int[] span) {
        String label = node.path("label").isValueNode() ? node.path("label").asText() : null;
        double[] box = numbers(node.has("bbox_2d") ? node.get("bbox_2d") : node.get("box_2d"), 4);
        if (box != null) return new Grounding(Kind.BOX, label, box, span[0], span[1]);
        JsonNode point = node.get("point_2d");
        double[] xy = numbers(point, 2);
        if (xy != null) return new Grounding(Kind.POINT, label, xy, span[0], span[1]);
        double[] path = pairs(point);
        return path == null ? null : new Grounding(Kind.TRAJECTORY, label, path, span[0], span[1]);
    }

    /** Consecutive points labelled as a trajectory, separated by nothing but a comma, become one trajectory. */
    private static List<Grounding> joinTrajectories(String text, List<Grounding> objects) {
        List<Grounding> out = new ArrayList<>();
        for (Grounding g : objects) {
            Grounding last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && isTrajectoryPoint(g) && (last.kind == Kind.TRAJECTORY || isTrajectoryPoint(last))
                    && Objects.equals(last.label, g.label)
                    && text.substring(last.end, g.start).strip().equals(",")) {
                double[] c = Arrays.copyOf(last.coordinates, last.coordinates.length + 2);
                c[c.length - 2] = g.coordinates[0];
                c[c.length - 1] = g.coordinates[1];
                out.set(out.size() - 1, new Grounding(Kind.TRAJECTORY, g.label, c, last.start, g.end));
            } else {
                out.add(g);
            }
        }
        return out;
    }

    private static boolean isTrajectoryPoint(Grounding g) {
        return g.kind == Kind.POINT && g.label != null && g.label.toLowerCase(Locale.ROOT).contains("trajectory");
    }

    private static double[] numbers(JsonNode array, int count) {
        if (array == null || !array.isArray() || array.size() != count) return null;
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            if (!array.get(k).isNumber()) return null;
            out[k] = array.get(k).asDouble();
        }
        return out;
    }

    /** [[x, y], [x, y], …] with at least two pairs, flattened; null otherwise. */
    private static double[] pairs(JsonNode array) {
        if (array == null || !array.isArray() || array.size() < 2) return null;
        double[] out = new double[array.size() * 2];
        for (int k = 0; k < array.size(); k++) {
            double[] xy = numbers(array.get(k), 2);
            if (xy == null) return null;
            out[2 * k] = xy[0];
            out[2 * k + 1] = xy[1];
        }
        return out;
    }
}
