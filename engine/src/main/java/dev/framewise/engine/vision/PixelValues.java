package dev.framewise.engine.vision;

import java.util.ArrayList;
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

    /** Concatenates several items' pixel values in order, as the processor batches all images of a prompt. */
    public static PixelValues concat(List<PixelValues> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
        int patchDim = parts.get(0).patchDim();
        int total = parts.stream().mapToInt(p -> p.values().length).sum();
        float[] all = new float[total];
        int offset = 0;
        List<GridThw> grids = new ArrayList<>();
        for (PixelValues p : parts) {
            if (p.patchDim() != patchDim) throw new IllegalArgumentException("patch sizes differ");
            System.arraycopy(p.values(), 0, all, offset, p.values().length);
            offset += p.values().length;
            grids.addAll(p.grids());
        }
        return new PixelValues(all, patchDim, grids);
    }
}
