package dev.framewise.app.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A box (x2 > x1), a point (x1 == x2, y1 == y2) or a trajectory (a {@code path} of x, y pairs, from its first
 * point x1, y1 to its last x2, y2) the answer names, in pixels of the picture, with its label.
 */
public record GroundingBox(double x1, double y1, double x2, double y2, String label, List<Double> path) {
    public GroundingBox {
        path = List.copyOf(path);
    }

    public GroundingBox(double x1, double y1, double x2, double y2, String label) {
        this(x1, y1, x2, y2, label, List.of());
    }

    /** A trajectory through {@code xy} (x, y alternating, at least two points). */
    public static GroundingBox trajectory(double[] xy, String label) {
        List<Double> path = new ArrayList<>();
        for (double v : xy) path.add(v);
        int n = xy.length;
        return new GroundingBox(xy[0], xy[1], xy[n - 2], xy[n - 1], label, path);
    }

    public boolean isPoint() {
        return path.isEmpty() && x1 == x2 && y1 == y2;
    }

    public boolean isTrajectory() {
        return !path.isEmpty();
    }

    /** The same shape with every x mapped by {@code fx} and every y by {@code fy}. */
    public GroundingBox map(DoubleUnaryOperator fx, DoubleUnaryOperator fy) {
        List<Double> mapped = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            mapped.add(i % 2 == 0 ? fx.applyAsDouble(path.get(i)) : fy.applyAsDouble(path.get(i)));
        }
        return new GroundingBox(fx.applyAsDouble(x1), fy.applyAsDouble(y1), fx.applyAsDouble(x2), fy.applyAsDouble(y2),
                label, mapped);
    }
}
