package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.vision.GridThw;

import java.util.List;

/**
 * The patch layout of the Qwen3-VL vision tower, computed in Java: {@code fast_pos_embed_interpolate}'s corner rows
 * and bilinear weights of the learned position table, {@code rot_pos_emb}'s (row, column) of every patch, and the
 * attention segments ({@code cu_seqlens}: one per image and per temporal patch of a video). Every array is in the
 * processor's patch order: per temporal patch, 2 × 2 merge groups row-major, the patches of a group row-major.
 *
 * @param indices [4 · patches]: the four corner rows (floor/floor, floor/ceil, ceil/floor, ceil/ceil) of each patch
 * @param weights [4 · patches]: their float32 weights (1−dh)(1−dw), (1−dh)dw, dh(1−dw), dh·dw
 * @param rowsCols [2 · patches]: each patch's row and column in its image
 * @param cuSeqlens segment boundaries, starting at 0
 */
public record Qwen3PositionGrid(long[] indices, float[] weights, long[] rowsCols, int[] cuSeqlens, int patches) {

    public static Qwen3PositionGrid of(List<GridThw> grids, int gridSide, int merge) {
        int total = grids.stream().mapToInt(GridThw::patches).sum();
        int segments = grids.stream().mapToInt(GridThw::t).sum();
        long[] indices = new long[4 * total];
        float[] weights = new float[4 * total];
        long[] rowsCols = new long[2 * total];
        int[] cu = new int[segments + 1];
        int k = 0;
        int segment = 0;
        for (GridThw g : grids) {
            float[] hIdx = linspace(0, gridSide - 1, g.h());
            float[] wIdx = linspace(0, gridSide - 1, g.w());
            for (int t = 0; t < g.t(); t++) {
                for (int bh = 0; bh < g.h() / merge; bh++) {
                    for (int bw = 0; bw < g.w() / merge; bw++) {
                        for (int mh = 0; mh < merge; mh++) {
                            for (int mw = 0; mw < merge; mw++) {
                                int row = bh * merge + mh;
                                int col = bw * merge + mw;
                                corners(hIdx[row], wIdx[col], gridSide, indices, weights, k, total);
                                rowsCols[2 * k] = row;
                                rowsCols[2 * k + 1] = col;
                                k++;
                            }
                        }
                    }
                }
                cu[segment + 1] = cu[segment] + g.h() * g.w();
                segment++;
            }
        }
        return new Qwen3PositionGrid(indices, weights, rowsCols, cu, total);
    }

    /**
     * One patch's corners as upstream computes them: {@code floor = int(idx)}, {@code ceil = min(floor + 1, n − 1)},
     * {@code d = idx − floor} and the weight products, all in float32.
     */
    private static void corners(float hi, float wi, int n, long[] indices, float[] weights, int k, int total) {
        int hFloor = (int) hi;
        int wFloor = (int) wi;
        int hCeil = Math.min(hFloor + 1, n - 1);
        int wCeil = Math.min(wFloor + 1, n - 1);
        float dh = hi - hFloor;
        float dw = wi - wFloor;
        indices[k] = (long) hFloor * n + wFloor;
        indices[total + k] = (long) hFloor * n + wCeil;
        indices[2 * total + k] = (long) hCeil * n + wFloor;
        indices[3 * total + k] = (long) hCeil * n + wCeil;
        weights[k] = (1 - dh) * (1 - dw);
        weights[total + k] = (1 - dh) * dw;
        weights[2 * total + k] = dh * (1 - dw);
        weights[3 * total + k] = dh * dw;
    }

    /**
     * {@code torch.linspace(start, end, steps)} in float32 as PyTorch's CPU kernel computes it: from the start for the
     * first half, from the end for the second.
     */
    static float[] linspace(float start, float end, int steps) {
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (float) (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        return out;
    }
}
