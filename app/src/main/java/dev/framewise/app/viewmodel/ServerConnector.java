package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;

/**
 * Connects to an OpenAI-compatible server (vLLM, NVIDIA NIM, llama-server, {@code framewise serve}) and
 * checks that it answers and offers the model; slow, called off the FX thread.
 */
@FunctionalInterface
public interface ServerConnector {
    /** @throws KeyRefused when the server wants an API key and got none, or not the one it expects (401, 403) */
    InferenceBackend connect(String baseUrl, String model, String apiKey);

    /** The server refused the connection for want of the right API key; the message says what to do. */
    final class KeyRefused extends EngineException {
        private static final long serialVersionUID = 1L;

        public KeyRefused(String baseUrl, boolean keyGiven, int status) {
            super("the server at " + baseUrl + (keyGiven ? " refused the API key" : " needs an API key") + " (HTTP "
                    + status + "): enter the key it expects");
        }
    }
}
