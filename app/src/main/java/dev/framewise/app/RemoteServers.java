package dev.framewise.app;

import dev.framewise.app.viewmodel.ServerConnector;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.remote.OpenAiCompatibleBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import dev.framewise.engine.remote.RemoteHttpException;

import java.util.List;

/**
 * The product's {@code ServerConnector}: the engine's OpenAI-compatible backend, checked with GET /models; a 401 or
 * 403 there is a {@link ServerConnector.KeyRefused}, so the model picker can ask for the key.
 */
public final class RemoteServers {
    private RemoteServers() {
    }

    public static InferenceBackend connect(String baseUrl, String model, String apiKey) {
        RemoteEndpoint endpoint;
        try {
            endpoint = RemoteEndpoint.of(baseUrl.strip(), model.strip(), apiKey);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), e);
        }
        OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(endpoint);
        try {
            List<String> offered;
            try {
                offered = backend.listModels();
            } catch (RemoteHttpException e) {
                if (e.status() != 401 && e.status() != 403) throw e;
                throw new ServerConnector.KeyRefused(endpoint.baseUri().toString(), apiKey != null && !apiKey.isBlank(),
                        e.status());
            }
            if (!offered.contains(endpoint.model())) {
                throw new EngineException("the server at " + endpoint.baseUri() + " has no model '" + endpoint.model()
                        + "'; it offers " + String.join(", ", offered));
            }
            return backend;
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }
}
