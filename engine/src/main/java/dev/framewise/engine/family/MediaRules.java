package dev.framewise.engine.family;

/**
 * The media defaults of a family's qwen-vl-utils ({@code vision_process.py}): what an image or video part gets
 * when it leaves a setting out, and the size factor resized media must be a multiple of.
 *
 * @param imageFactor      resized sides are multiples of this (patch size × merge size)
 * @param frameFactor      sampled frame counts are multiples of this (the temporal patch)
 * @param fps              frames per second sampled when a video part gives neither fps nor nframes
 * @param videoTotalPixels the pixel budget of all of a video's frames together
 */
public record MediaRules(int imageFactor, long imageMinPixels, long imageMaxPixels, int frameFactor, double fps,
                         int fpsMinFrames, int fpsMaxFrames, long videoMinPixels, long videoMaxPixels,
                         long videoTotalPixels) {
    public MediaRules {
        if (imageFactor <= 0 || frameFactor <= 0 || !(fps > 0) || fpsMinFrames <= 0 || fpsMaxFrames < fpsMinFrames
                || imageMinPixels <= 0 || imageMaxPixels < imageMinPixels || videoMinPixels <= 0
                || videoMaxPixels < videoMinPixels || videoTotalPixels <= 0) {
            throw new IllegalArgumentException("inconsistent media rules " + this);
        }
    }
}
