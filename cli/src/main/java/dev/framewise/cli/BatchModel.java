package dev.framewise.cli;

import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.batch.ModelIdentity;
import dev.framewise.engine.embedded.EmbeddedBackend;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The model a batch or an evaluation asks, from its {@code --model}: a server's (a URL, named with
 * {@code --remote-model}) or a model folder (a path or a repository on this machine), with the identity its result
 * lines record.
 *
 * @param folder null for a server
 */
record BatchModel(String reference, Path folder, ModelIdentity identity) {

    static BatchModel of(String reference, RemoteOptions remote) {
        if (RemoteOptions.isUrl(reference)) {
            return new BatchModel(reference, null, ModelIdentity.remote(reference, remote.remoteModel));
        }
        Path folder = Backends.modelFolder(reference);
        return new BatchModel(reference, folder, ModelIdentity.local(folder));
    }

    boolean isRemote() {
        return folder == null;
    }

    /** Runs at once: {@code concurrency} against a server; a model folder answers one at a time. */
    int inFlight(int concurrency) {
        return isRemote() ? concurrency : 1;
    }

    /** The server's backend, or the folder loaded as {@code placement} says with its progress on {@code err}. */
    InferenceBackend open(RemoteOptions remote, PlacementOptions placement, PrintWriter err) {
        return isRemote() ? remote.open(reference) : EmbeddedBackend.open(folder, placement.embeddedOptions(),
                LoadProgressLine.forTerminal(err, folder.getFileName().toString()));
    }
}
