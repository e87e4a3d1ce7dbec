package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.InferenceBackend;

/**
 * Connects to an OpenAI-compatible server (vLLM, NVIDIA NIM, llama-server, {@code framewise serve}) and
 * checks that it answers and offers the model; slow, called off the FX thread.
 */
@FunctionalInterface
public interface ServerConnector {
    InferenceBackend connect(String baseUrl, String model, String apiKey);
}
