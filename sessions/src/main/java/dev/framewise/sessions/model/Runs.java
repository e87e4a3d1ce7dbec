package dev.framewise.sessions.model;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.VisionGrid;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds {@link Run}s from the engine's request and result types. The media of the request must already
 * be in the session: {@code mediaIds} maps each media path of the request (absolute, normalised) to its id.
 */
public final class Runs {
    private Runs() {
    }

    /** A run that produced a result (complete, cancelled or cut off: the status follows the finish reason). */
    public static Run fromResult(GenerationRequest request, GenerationResult result, ModelInfo model,
                                 RunContext context, Map<Path, String> mediaIds, Instant now) {
        Outcome outcome = new Outcome(result.reasoning(), result.answer(), result.text(),
                result.finishReason().name().toLowerCase(Locale.ROOT),
                result.tokens().stream().map(TokenRecord::of).toList(), result.frameEvidence(),
                RunTimings.of(result.timings(), RunEstimate.of(context.estimate())));
        List<FrameSampling.SampledFrame> frames = result.frames().stream()
                .map(f -> new FrameSampling.SampledFrame(f.index(), f.timestampSeconds())).toList();
        return new Run(UUID.randomUUID().toString(), now, prompt(request, context), mediaIdsOf(request, mediaIds),
                RunParams.of(request.params(), result.seed()), sampling(request, frames, videoSize(result), mediaIds), model,
                context.backend(), outcome, RunStatus.of(result.finishReason()), null, Curation.NONE);
    }

    /** A run the engine refused or broke off with an error before any result. */
    public static Run failed(GenerationRequest request, String errorMessage, ModelInfo model, RunContext context,
                             Map<Path, String> mediaIds, Instant now) {
        return new Run(UUID.randomUUID().toString(), now, prompt(request, context), mediaIdsOf(request, mediaIds),
                RunParams.of(request.params(), null), sampling(request, List.of(), null, mediaIds), model,
                context.backend(), null, RunStatus.FAILED, errorMessage, Curation.NONE);
    }

    /** The image and video paths of a request in order of appearance, absolute and normalised. */
    public static List<Path> mediaPaths(GenerationRequest request) {
        List<Path> paths = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            for (ContentPart p : m.content()) {
                Path path = p instanceof ContentPart.Image i ? i.path() : p instanceof ContentPart.Video v ? v.path() : null;
                if (path != null) {
                    Path normal = normalise(path);
                    if (!paths.contains(normal)) paths.add(normal);
                }
            }
        }
        return paths;
    }

    public static Path normalise(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static RunPrompt prompt(GenerationRequest request, RunContext context) {
        String question = context.question() != null ? context.question() : lastUserText(request.messages());
        return new RunPrompt(question, systemText(request.messages()), context.templateName(),
                context.templateText(), context.reasoningFormat());
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) return textOf(messages.get(i));
        }
        return "";
    }

    private static String systemText(List<ChatMessage> messages) {
        return messages.stream().filter(m -> m.role().equals("system")).findFirst().map(Runs::textOf).orElse(null);
    }

    private static String textOf(ChatMessage message) {
        return message.content().stream().filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text()).collect(Collectors.joining("\n"));
    }

    private static List<String> mediaIdsOf(GenerationRequest request, Map<Path, String> mediaIds) {
        return mediaPaths(request).stream().map(p -> Objects.requireNonNull(mediaIds.get(p),
                () -> "no media item for " + p + " in the session")).toList();
    }

    /** The first video's frame size as the engine reports it, or null. */
    private static VisionGrid videoSize(GenerationResult result) {
        return result.vision().stream().filter(g -> g.kind() == VisionGrid.Kind.VIDEO).findFirst().orElse(null);
    }

    /**
     * The first video's sampling options with the frames and frame size the engine reports; null when no video
     * was shown.
     */
    private static FrameSampling sampling(GenerationRequest request, List<FrameSampling.SampledFrame> frames,
                                          VisionGrid size, Map<Path, String> mediaIds) {
        for (ChatMessage m : request.messages()) {
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.Video v) {
                    return new FrameSampling(mediaIds.get(normalise(v.path())), v.fps(), v.nframes(), v.minPixels(),
                            v.maxPixels(), v.totalPixels(), v.videoStart(), v.videoEnd(),
                            size == null ? null : size.resizedWidth(), size == null ? null : size.resizedHeight(), frames);
                }
            }
        }
        return frames.isEmpty() ? null
                : new FrameSampling(null, null, null, null, null, null, null, null, null, null, frames);
    }
}
