package dev.framewise.engine.vision;

import java.util.ArrayList;
import java.util.List;

/**
 * The attention layout of the Qwen2.5-VL vision tower for a batch of images/videos (transformers
 * {@code Qwen2_5_VisionTransformerPretrainedModel.get_window_index} and the {@code cu_seqlens} of its forward):
 * <ul>
 * <li>{@code windowIndex}: the order of merged tokens (2 × 2 patch groups) inside the tower, window by window;</li>
 * <li>{@code cuWindowSeqlens}: patch offsets where windows start (after {@code unique_consecutive}), used by the
 * window-attention blocks;</li>
 * <li>{@code cuSeqlens}: patch offsets per image or per temporal slice of a video, used by the full-attention
 * blocks.</li>
 * </ul>
 */
public record VisionWindows(int[] windowIndex, int[] cuWindowSeqlens, int[] cuSeqlens) {

    /**
     * @param windowSize vision config {@code window_size} in pixels (112)
     */
    public static VisionWindows of(List<GridThw> grids, int windowSize, int mergeSize, int patchSize) {
        int windowTokens = windowSize / mergeSize / patchSize; // vit_merger_window_size
        int mergeUnit = mergeSize * mergeSize;
        List<Integer> windowIndex = new ArrayList<>();
        List<Integer> cuWindow = new ArrayList<>(List.of(0));
        int windowIndexId = 0;
        for (GridThw g : grids) {
            int llmH = g.h() / mergeSize;
            int llmW = g.w() / mergeSize;
            // upstream pads by a whole window when the side is already a multiple (those windows are empty)
            int windowsH = (llmH + windowTokens - llmH % windowTokens) / windowTokens;
            int windowsW = (llmW + windowTokens - llmW % windowTokens) / windowTokens;
            for (int t = 0; t < g.t(); t++) {
                for (int wh = 0; wh < windowsH; wh++) {
                    for (int ww = 0; ww < windowsW; ww++) {
                        int count = 0;
                        for (int r = 0; r < windowTokens; r++) {
                            for (int c = 0; c < windowTokens; c++) {
                                int row = wh * windowTokens + r;
                                int col = ww * windowTokens + c;
                                if (row < llmH && col < llmW) {
                                    windowIndex.add(windowIndexId + (t * llmH + row) * llmW + col);
                                    count++;
                                }
                            }
                        }
                        cuWindow.add(cuWindow.get(cuWindow.size() - 1) + count * mergeUnit);
                    }
                }
            }
            windowIndexId += g.t() * llmH * llmW;
        }
        return new VisionWindows(toArray(windowIndex), uniqueConsecutive(cuWindow), cuSeqlens(grids));
    }

    /** {@code repeat_interleave(h · w, t).cumsum()} padded with a leading 0. */
    public static int[] cuSeqlens(List<GridThw> grids) {
        List<Integer> cu = new ArrayList<>(List.of(0));
        for (GridThw g : grids) {
            for (int t = 0; t < g.t(); t++) cu.add(cu.get(cu.size() - 1) + g.h() * g.w());
        }
        return toArray(cu);
    }

    /** {@code torch.argsort(window_index)}: puts the merged tokens back in processor order after the merger. */
    public int[] reverseIndex() {
        int[] reverse = new int[windowIndex.length];
        for (int i = 0; i < windowIndex.length; i++) reverse[windowIndex[i]] = i;
        return reverse;
    }

    private static int[] uniqueConsecutive(List<Integer> values) {
        List<Integer> unique = new ArrayList<>();
        for (int v : values) {
            if (unique.isEmpty() || unique.get(unique.size() - 1) != v) unique.add(v);
        }
        return toArray(unique);
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
