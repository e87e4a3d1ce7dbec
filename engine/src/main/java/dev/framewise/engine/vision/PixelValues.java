package dev.framewise.engine.vision;

import java.util.List;

/**
 * The processor's {@code pixel_values} (or {@code pixel_values_videos}) for one or more images/videos: row-major
 * float32 [patches, patchDim] with patchDim = 3 · temporal patch · patch² (1176), and the grid of each item in order.
 */
public record PixelValues(float[] values, int patchDim, List<GridThw> grids) {
    public PixelValues {
        grids = List.copyOf(grids);
        int patches = grids.stream().mapToInt(GridThw::patches).sum();
        if (values.length != (long) patches * patchDim) {
            throw new IllegalArgumentException("pixel values hold " + values.length + " floats, grids need "
                    + patches + " x " + patchDim);
        }
    }

    public int patches() {
        return values.length / patchDim;
    }
}
