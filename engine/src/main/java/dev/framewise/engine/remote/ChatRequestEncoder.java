package dev.framewise.engine.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.media.MediaTypes;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SampledFrames;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes a {@link GenerationRequest} as an OpenAI chat-completions request body. Images travel as base64
 * data URLs; a video as a {@code video_url} part or as its sampled frames (see {@link VideoMode}). The
 * per-item pixel options of qwen-vl-utils have no place in the OpenAI format: the server's defaults apply,
 * except in {@link VideoMode#FRAMES}, where the frames are sampled here with the video's own options.
 */
final class ChatRequestEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<ContentPart.Video, SampledFrames> sampler;

    /** @param sampler samples a video's frames as the embedded engine would (used only in {@link VideoMode#FRAMES}) */
    ChatRequestEncoder(Function<ContentPart.Video, SampledFrames> sampler) {
        this.sampler = sampler;
    }

    /** A request body and the video frames it shows the model (empty unless they were sampled here). */
    record Encoded(ObjectNode body, List<FrameRef> frames) {
    }

    /** @param tokenIds ask for tokens named by id (vLLM's {@code return_tokens_as_token_ids}), which needs logprobs */
    Encoded encode(String model, GenerationRequest request, long seed, VideoMode videoMode, boolean tokenIds) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        List<FrameRef> frames = new ArrayList<>();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode m = messages.addObject();
            m.put("role", message.role());
            if (message.content().stream().allMatch(p -> p instanceof ContentPart.Text)) {
                StringBuilder text = new StringBuilder();
                message.content().forEach(p -> text.append(((ContentPart.Text) p).text()));
                m.put("content", text.toString());
            } else {
                ArrayNode parts = m.putArray("content");
                for (ContentPart part : message.content()) addPart(parts, part, videoMode, frames);
            }
        }
        writeParams(body, request.params(), seed, tokenIds);
        return new Encoded(body, frames);
    }

    /**
     * The sampling settings; {@code top_k}, {@code repetition_penalty} and {@code ignore_eos} are vLLM's extensions,
     * sent only when set, as are OpenAI's {@code presence_penalty} and {@code frequency_penalty}.
     */
    private static void writeParams(ObjectNode body, GenerationParams params, long seed, boolean tokenIds) {
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put("max_tokens", params.maxTokens());
        body.put("temperature", params.temperature());
        body.put("top_p", params.topP());
        body.put("seed", seed);
        if (!params.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            params.stop().forEach(stop::add);
        }
        if (params.topK() > 0) body.put("top_k", params.topK());
        if (params.repetitionPenalty() != 1.0) body.put("repetition_penalty", params.repetitionPenalty());
        if (params.presencePenalty() != 0) body.put("presence_penalty", params.presencePenalty());
        if (params.frequencyPenalty() != 0) body.put("frequency_penalty", params.frequencyPenalty());
        if (params.ignoreEos()) body.put("ignore_eos", true);
        if (params.topLogprobs() > 0 || tokenIds) {
            body.put("logprobs", true);
            body.put("top_logprobs", params.topLogprobs());
        }
        if (tokenIds) body.put("return_tokens_as_token_ids", true);
    }

    private void addPart(ArrayNode parts, ContentPart part, VideoMode videoMode, List<FrameRef> frames) {
        if (part instanceof ContentPart.Text t) {
            addText(parts, t.text());
        } else if (part instanceof ContentPart.Image image) {
            addImageUrl(parts, dataUrl(image.path()));
        } else if (part instanceof ContentPart.Video video) {
            if (Boolean.TRUE.equals(video.timestampOverlay())) {
                // The overlay is drawn into the frames before the vision tower, which a server does in its own process.
                throw new EngineException("the timestamp overlay is drawn by the model loaded in Framewise; a server "
                        + "cannot be asked for it: turn the overlay off for a server's model");
            }
            switch (videoMode) {
                case AUTO, DATA_URL -> addVideoUrl(parts, dataUrl(video.path()));
                case FILE_URL -> addVideoUrl(parts, video.path().toAbsolutePath().toUri().toString());
                case FRAMES -> addFrames(parts, video, frames);
            }
        }
    }

    /**
     * The sampled frames as images in order, each after a line giving its time, so that a model without video
     * input can still reason about when things happen.
     */
    private void addFrames(ArrayNode parts, ContentPart.Video video, List<FrameRef> frames) {
        SampledFrames sampled = sampler.apply(video);
        addText(parts, String.format(Locale.ROOT, "The video %s, shown as %d frames sampled in order:",
                video.path().getFileName(), sampled.frames().size()));
        for (int i = 0; i < sampled.frames().size(); i++) {
            double t = sampled.timestampsSeconds()[i];
            addText(parts, String.format(Locale.ROOT, "\nFrame %d at %.2f s:", i + 1, t));
            addImageUrl(parts, "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(sampled.frames().get(i))));
            frames.add(new FrameRef(sampled.indices()[i], t));
        }
    }

    private static void addText(ArrayNode parts, String text) {
        parts.addObject().put("type", "text").put("text", text);
    }

    private static void addImageUrl(ArrayNode parts, String url) {
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
    }

    private static void addVideoUrl(ArrayNode parts, String url) {
        parts.addObject().put("type", "video_url").putObject("video_url").put("url", url);
    }

    static String dataUrl(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String mime = MediaTypes.ofExtension(extension).orElseThrow(() -> new EngineException("cannot send " + file
                + " to the server: unknown media type '." + extension + "' (use "
                + String.join(", ", MediaTypes.extensions()) + ")"));
        try {
            return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A frame as JPEG at quality 0.9 (ImageIO's default is 0.75; what vLLM's own frame encoding uses is not fixed). */
    static byte[] jpeg(RgbImage frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[frame.width()];
        byte[] rgb = frame.rgb();
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int i = 3 * (y * frame.width() + x);
                row[x] = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
            }
            image.setRGB(0, y, frame.width(), 1, row, 0, frame.width());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new EngineException("could not encode a video frame as JPEG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
