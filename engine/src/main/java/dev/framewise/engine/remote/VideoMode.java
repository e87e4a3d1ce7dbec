package dev.framewise.engine.remote;

/** How a video part travels to an OpenAI-compatible server. */
public enum VideoMode {
    /** A {@code video_url} data URL; if the server answers that it cannot take video, sampled frames instead. */
    AUTO,
    /** A {@code video_url} part holding the whole file as a data URL (vLLM). */
    DATA_URL,
    /** A {@code video_url} part holding a {@code file://} URL: for a server that reads the same disk (vLLM's --allowed-local-media-path). */
    FILE_URL,
    /** The frames sampled here, in order, as images with their timestamps stated in the text (servers without video support). */
    FRAMES
}
