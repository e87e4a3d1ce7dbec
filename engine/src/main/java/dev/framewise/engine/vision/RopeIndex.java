package dev.framewise.engine.vision;

import java.util.ArrayList;
import java.util.List;

/**
 * transformers {@code Qwen2_5_VLModel.get_rope_index} for one unpadded sequence: text tokens advance the three
 * M-RoPE axes together; each image/video block starts at the previous maximum + 1 and spreads over its merged grid
 * (temporal, row, column), video time scaled by {@code tokens_per_second · second_per_grid_t}.
 *
 * @param imageTokenId       {@code <|image_pad|>}
 * @param videoTokenId       {@code <|video_pad|>}
 * @param visionStartTokenId {@code <|vision_start|>}
 * @param spatialMergeSize   vision config {@code spatial_merge_size}
 * @param tokensPerSecond    vision config {@code tokens_per_second}
 */
public record RopeIndex(int imageTokenId, int videoTokenId, int visionStartTokenId, int spatialMergeSize,
                        double tokensPerSecond) {

    /**
     * @param secondPerGridTs per video, {@code second_per_grid_t} as the model holds it (a float32 tensor element)
     */
    public MropePositions compute(int[] inputIds, List<GridThw> imageGrids, List<GridThw> videoGrids,
                                  float[] secondPerGridTs) {
        int length = inputIds.length;
        int[][] ids = new int[3][length];
        if (imageGrids.isEmpty() && videoGrids.isEmpty()) {
            for (int axis = 0; axis < 3; axis++) {
                for (int i = 0; i < length; i++) ids[axis][i] = i;
            }
            return new MropePositions(ids, 0);
        }
        if (secondPerGridTs.length != videoGrids.size()) {
            throw new IllegalArgumentException("one second_per_grid_t per video is needed");
        }
        int imageNums = 0;
        int videoNums = 0;
        for (int i = 0; i + 1 < length; i++) {
            if (inputIds[i] != visionStartTokenId) continue;
            if (inputIds[i + 1] == imageTokenId) imageNums++;
            if (inputIds[i + 1] == videoTokenId) videoNums++;
        }
        if (imageNums > imageGrids.size() || videoNums > videoGrids.size()) {
            throw new IllegalArgumentException("the prompt has " + imageNums + " image and " + videoNums
                    + " video blocks but " + imageGrids.size() + " image and " + videoGrids.size() + " video grids");
        }
        List<int[]> segments = new ArrayList<>(); // each {t-row, h-row, w-row} flattened: [3 * n]
        int filled = 0;
        int next = 0; // previous maximum + 1
        int st = 0;
        int imageIndex = 0;
        int videoIndex = 0;
        int remainImages = imageNums;
        int remainVideos = videoNums;
        for (int block = 0; block < imageNums + videoNums; block++) {
            int edImage = remainImages > 0 ? indexOf(inputIds, imageTokenId, st) : length + 1;
            int edVideo = remainVideos > 0 ? indexOf(inputIds, videoTokenId, st) : length + 1;
            GridThw grid;
            float secondPerGridT;
            int ed;
            if (edImage < edVideo) {
                grid = imageGrids.get(imageIndex++);
                secondPerGridT = 0f;
                remainImages--;
                ed = edImage;
            } else {
                grid = videoGrids.get(videoIndex);
                secondPerGridT = secondPerGridTs[videoIndex];
                videoIndex++;
                remainVideos--;
                ed = edVideo;
            }
            int gridT = grid.t();
            int gridH = grid.h() / spatialMergeSize;
            int gridW = grid.w() / spatialMergeSize;
            int textLen = ed - st;
            for (int i = 0; i < textLen; i++) {
                for (int axis = 0; axis < 3; axis++) ids[axis][filled + i] = next + i;
            }
            filled += textLen;
            int start = next + textLen;
            int max = start - 1;
            for (int t = 0; t < gridT; t++) {
                int tIndex = temporalIndex(t, secondPerGridT);
                for (int h = 0; h < gridH; h++) {
                    for (int w = 0; w < gridW; w++) {
                        ids[0][filled] = start + tIndex;
                        ids[1][filled] = start + h;
                        ids[2][filled] = start + w;
                        max = Math.max(max, Math.max(ids[0][filled], Math.max(ids[1][filled], ids[2][filled])));
                        filled++;
                    }
                }
            }
            next = max + 1;
            st = ed + gridT * gridH * gridW;
        }
        for (int i = 0; st + i < length; i++) {
            for (int axis = 0; axis < 3; axis++) ids[axis][filled + i] = next + i;
        }
        int max = 0;
        for (int[] row : ids) {
            for (int v : row) max = Math.max(max, v);
        }
        return new MropePositions(ids, max + 1 - length);
    }

    /**
     * {@code (expanded_range * second_per_grid_t * tokens_per_second).long()}: an int64 tensor times a float32 scalar
     * tensor is float32, and so is its product with the Python number; {@code .long()} truncates.
     */
    int temporalIndex(int t, float secondPerGridT) {
        float time = (float) t * secondPerGridT;
        time = time * (float) tokensPerSecond;
        return (int) time;
    }

    private static int indexOf(int[] ids, int token, int from) {
        for (int i = from; i < ids.length; i++) {
            if (ids[i] == token) return i;
        }
        throw new IllegalArgumentException("token " + token + " expected after position " + from);
    }
}
