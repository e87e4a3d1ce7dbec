package dev.framewise.engine.cli;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.remote.OpenAiCompatibleBackend;
import dev.framewise.engine.remote.RemoteEndpoint;

import java.net.URI;

/** Opens the backend a {@code --model} argument names: an http(s) URL is a server's model, anything else a model folder. */
final class Backends {
    /** Where a remote server's API key comes from when no --api-key is given. */
    static final String REMOTE_KEY_VARIABLE = "FRAMEWISE_REMOTE_API_KEY";

    private Backends() {
    }

    static boolean isUrl(String model) {
        return model.startsWith("http://") || model.startsWith("https://");
    }

    /** The remote backend for {@code --model URL --remote-model NAME}; the key falls back on {@value #REMOTE_KEY_VARIABLE}. */
    static OpenAiCompatibleBackend remote(String url, String remoteModel, String apiKey) {
        if (remoteModel == null) {
            throw new EngineException("--model " + url + " is a server: name its model with --remote-model NAME (GET "
                    + url.replaceAll("/+$", "") + "/models lists them)");
        }
        String key = apiKey != null ? apiKey : System.getenv(REMOTE_KEY_VARIABLE);
        try {
            return new OpenAiCompatibleBackend(new RemoteEndpoint(URI.create(url), remoteModel, key, null, null, null));
        } catch (IllegalArgumentException e) {
            throw new EngineException("--model " + url + ": " + e.getMessage(), e);
        }
    }

    static InferenceBackend open(String model, String remoteModel) {
        if (isUrl(model)) return remote(model, remoteModel, null);
        throw new EngineException("serving a model folder needs the embedded engine, which this build lacks");
    }
}
