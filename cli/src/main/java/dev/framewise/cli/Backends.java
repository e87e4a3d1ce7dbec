package dev.framewise.cli;

import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import dev.framewise.engine.remote.VideoMode;
import dev.framewise.engine.store.discovery.ModelNotFoundException;
import dev.framewise.engine.store.discovery.ModelRef;
import dev.framewise.engine.store.discovery.ModelStore;
import dev.framewise.engine.store.discovery.StoreLocations;

import java.nio.file.Path;

/**
 * Opens the backend a {@code --model} argument names: an http(s) URL is a server's model, anything else a model
 * folder or a Hugging Face repository already on this machine.
 */
final class Backends {
    private Backends() {
    }

    /** {@code placement} applies to a model folder, {@code remoteModel} to a URL. */
    static InferenceBackend open(String model, String remoteModel, PlacementOptions placement) {
        if (RemoteOptions.isUrl(model)) {
            return RemoteOptions.open(model, remoteModel, System.getenv(RemoteOptions.KEY_VARIABLE), VideoMode.AUTO,
                    RemoteEndpoint.DEFAULT_READ_TIMEOUT, false);
        }
        return EmbeddedBackend.open(modelFolder(model), placement.embeddedOptions());
    }

    /** A folder path or a Hugging Face repo name ({@code nvidia/Cosmos-Reason1-7B}) found in the model store or hub cache. */
    static Path modelFolder(String reference) {
        ModelRef ref;
        try {
            ref = ModelRef.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new ModelNotFoundException(e.getMessage());
        }
        return new ModelStore(StoreLocations.detect()).folderOf(ref);
    }
}
