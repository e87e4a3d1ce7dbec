package dev.framewise.engine.cli;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import dev.framewise.engine.remote.VideoMode;

/** Opens the backend a {@code --model} argument names: an http(s) URL is a server's model, anything else a model folder. */
final class Backends {
    private Backends() {
    }

    static InferenceBackend open(String model, String remoteModel) {
        if (RemoteOptions.isUrl(model)) {
            return RemoteOptions.open(model, remoteModel, System.getenv(RemoteOptions.KEY_VARIABLE), VideoMode.AUTO,
                    RemoteEndpoint.DEFAULT_READ_TIMEOUT);
        }
        throw new EngineException("serving a model folder needs the embedded engine, which this build lacks");
    }
}
