package dev.framewise.cli;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.media.MediaTypes;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The media options of {@code framewise ask --prompt}: images and a video for the one user turn, with the
 * qwen-vl-utils per-item options. What they leave out comes from the prompt convention's video defaults
 * ({@link ConventionDefaults#CONVENTION}).
 */
public final class MediaOptions {

    @Option(names = "--image", paramLabel = "FILE", description = "An image to ask about (repeatable).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--video", paramLabel = "FILE", description = "A video to ask about.")
    Path video;

    @Option(names = "--fps", paramLabel = "N", description = "Video frames sampled per second (default: the model family convention's: 4 for Cosmos-Reason1, 2 for Cosmos-Reason2).")
    Double fps;

    @Option(names = "--nframes", paramLabel = "N", description = "Sample exactly N video frames instead of --fps.")
    Integer nframes;

    @Option(names = "--min-pixels", paramLabel = "N", description = "Fewest pixels per image or video frame.")
    Integer minPixels;

    @Option(names = "--max-pixels", paramLabel = "N", description = "Most pixels per image or video frame.")
    Integer maxPixels;

    @Option(names = "--start", paramLabel = "S", description = "Video clip start in seconds.")
    Double start;

    @Option(names = "--end", paramLabel = "S", description = "Video clip end in seconds.")
    Double end;

    @Option(names = "--timestamp-overlay",
            description = "Burn each video frame's time into a border under it (Cosmos-Reason1, for temporal questions).")
    boolean timestampOverlay;

    /** True when any media option was given (they only go with --prompt). */
    boolean given() {
        return !images.isEmpty() || video != null || fps != null || nframes != null || minPixels != null
                || maxPixels != null || start != null || end != null || timestampOverlay;
    }

    /** The parts of the user turn, images first then the video; invalid combinations are IllegalArgumentExceptions. */
    List<ContentPart> parts() {
        return parts(ConventionDefaults.CONVENTION);
    }

    /** The parts with {@code convention}'s media defaults for what the options leave out. */
    List<ContentPart> parts(PromptConvention convention) {
        if (video == null && (fps != null || nframes != null || start != null || end != null || timestampOverlay)) {
            throw new IllegalArgumentException("--fps, --nframes, --start, --end and --timestamp-overlay need --video");
        }
        for (Path image : images) {
            if (MediaTypes.isVideo(image)) {
                throw new IllegalArgumentException("--image " + image.getFileName() + " is a video; pass it with --video");
            }
        }
        List<ContentPart> parts = new ArrayList<>();
        for (Path image : images) parts.add(convention.image(image, minPixels, maxPixels));
        if (video != null) {
            parts.add(convention.video(video, fps, nframes, minPixels, maxPixels, start, end));
        }
        return parts;
    }
}
