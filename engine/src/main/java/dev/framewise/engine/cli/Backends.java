package dev.framewise.engine.cli;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.remote.RemoteEndpoint;
import dev.framewise.engine.remote.VideoMode;

import java.nio.file.Path;

/** Opens the backend a {@code --model} argument names: an http(s) URL is a server's model, anything else a model folder. */
final class Backends {
    private Backends() {
    }

    /** @param dtype and {@code device} apply to a model folder; {@code remoteModel} to a URL */
    static InferenceBackend open(String model, String remoteModel, String dtype, String device) {
        if (RemoteOptions.isUrl(model)) {
            return RemoteOptions.open(model, remoteModel, System.getenv(RemoteOptions.KEY_VARIABLE), VideoMode.AUTO,
                    RemoteEndpoint.DEFAULT_READ_TIMEOUT, false);
        }
        Precision precision;
        try {
            precision = Precision.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new EngineException("--dtype: " + e.getMessage());
        }
        return EmbeddedBackend.open(Path.of(model), new EmbeddedOptions(precision, device));
    }
}
