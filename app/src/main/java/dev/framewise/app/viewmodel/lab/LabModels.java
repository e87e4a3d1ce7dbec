package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.BackendFactory;
import dev.framewise.app.viewmodel.ServerConnector;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.record.ModelFingerprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models a lab's model axis names, other than the one loaded in the workbench: a folder loaded into the embedded
 * engine or a server connected to, each opened once (off the FX thread, when its first cell runs) and kept until
 * the workbench closes.
 */
public final class LabModels {
    private final BackendFactory backends;
    private final ServerConnector servers;
    private final Map<String, InferenceBackend> open = new LinkedHashMap<>();

    public LabModels(BackendFactory backends, ServerConnector servers) {
        this.backends = backends;
        this.servers = servers;
    }

    /** The backend for a model axis value, opened now if it is not yet; slow the first time. */
    public synchronized InferenceBackend open(String location) {
        InferenceBackend backend = open.get(location);
        if (backend != null) return backend;
        if (isServer(location)) {
            String[] parts = location.strip().split("\\s+", 2);
            backend = servers.connect(parts[0], parts.length > 1 ? parts[1] : null, null);
        } else {
            Path folder = Path.of(location.strip());
            if (!Files.isDirectory(folder)) {
                throw new EngineException("the lab's model " + location + " is neither a model folder nor a server URL; "
                        + "type a folder or http://host:port/v1 followed by the model name");
            }
            backend = backends.load(folder, fraction -> { });
        }
        open.put(location, backend);
        return backend;
    }

    /**
     * How a run of that model is recorded, as the Ask box records the workbench's own model: a server's model name
     * and URL, or a folder's name, path and fingerprint ({@link ModelFingerprint}; a folder that cannot be
     * fingerprinted is recorded without, and its run fails when the folder is opened).
     */
    public static ModelInfo identify(String location) {
        String[] parts = location.strip().split("\\s+", 2);
        if (isServer(location)) return ModelFingerprint.remote(parts.length > 1 ? parts[1] : parts[0], parts[0]);
        Path folder = Path.of(location.strip());
        try {
            return ModelFingerprint.local(null, folder);
        } catch (EngineException e) {
            Path dir = folder.toAbsolutePath().normalize();
            return new ModelInfo(dir.getFileName() == null ? location.strip() : dir.getFileName().toString(), dir.toString(), null);
        }
    }

    static boolean isServer(String location) {
        String l = location.strip().toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /** Closes every model the lab opened (the workbench's own is not the lab's to close). */
    public synchronized void closeAll() {
        for (InferenceBackend backend : open.values()) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                // Closing at shutdown: nothing left to tell the user.
            }
        }
        open.clear();
    }
}
