package dev.framewise.engine.text;

import dev.framewise.engine.api.EngineException;

import java.util.List;

/**
 * Expands each vision placeholder of a rendered prompt to one pad token per merged vision token, as
 * upstream {@code Qwen2_5_VLProcessor.__call__} does: the k-th {@code <|image_pad|>} becomes
 * {@code t·h·w / merge²} copies for the k-th image's {@code grid_thw}, and likewise for videos.
 */
public final class VisionPadExpansion {
    private VisionPadExpansion() {
    }

    /** Merged vision tokens of one image or video: {@code grid_thw.prod() // merge_size**2}. */
    public static int tokenCount(int[] gridThw, int spatialMergeSize) {
        if (gridThw.length != 3) throw new IllegalArgumentException("grid_thw has three numbers, got " + gridThw.length);
        return gridThw[0] * gridThw[1] * gridThw[2] / (spatialMergeSize * spatialMergeSize);
    }

    /**
     * Replaces placeholders in order of appearance; {@code imageTokens.get(k)} is the count for the k-th
     * image. The number of placeholders must equal the number of media items given.
     */
    public static String expand(String prompt, List<Integer> imageTokens, List<Integer> videoTokens) {
        return expandOne(expandOne(prompt, QwenTokenizer.IMAGE_PAD, imageTokens, "image"),
                QwenTokenizer.VIDEO_PAD, videoTokens, "video");
    }

    private static String expandOne(String prompt, String pad, List<Integer> counts, String kind) {
        StringBuilder out = new StringBuilder(prompt.length() + pad.length() * counts.stream().mapToInt(c -> c).sum());
        int from = 0;
        int item = 0;
        for (int at = prompt.indexOf(pad); at >= 0; at = prompt.indexOf(pad, from)) {
            if (item == counts.size()) throw mismatch(prompt, pad, counts.size(), kind);
            out.append(prompt, from, at).append(pad.repeat(counts.get(item++)));
            from = at + pad.length();
        }
        if (item != counts.size()) throw mismatch(prompt, pad, counts.size(), kind);
        return out.append(prompt, from, prompt.length()).toString();
    }

    private static EngineException mismatch(String prompt, String pad, int items, String kind) {
        int pads = (prompt.length() - prompt.replace(pad, "").length()) / pad.length();
        return new EngineException("the prompt has " + pads + " " + pad + " placeholder(s) but " + items + " " + kind
                + "(s) were given; every " + kind + " needs exactly one placeholder (check the messages and the chat template)");
    }
}
