package dev.framewise.app.viewmodel;

/** A box (x2 > x1) or a point (x1 == x2, y1 == y2) the answer names, in pixels of the picture, with its label. */
public record GroundingBox(double x1, double y1, double x2, double y2, String label) {
    public boolean isPoint() {
        return x1 == x2 && y1 == y2;
    }
}
