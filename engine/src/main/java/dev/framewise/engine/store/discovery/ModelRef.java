package dev.framewise.engine.store.discovery;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a model is named wherever the user names one ({@code --model}, the workbench): a folder, a Hugging Face
 * repository ({@code org/name[@rev]}, found through the caches) or an OpenAI-compatible server URL.
 */
public sealed interface ModelRef {

    /** A model folder on disk (config.json, safetensors, tokenizer). */
    record Folder(Path path) implements ModelRef {
    }

    /** A Hugging Face repository, resolved through Framewise's folders and the hub cache. */
    record Hub(RepoId id) implements ModelRef {
    }

    /** An OpenAI-compatible chat-completions server (vLLM, NIM, llama-server): served by the remote backend. */
    record Server(URI url) implements ModelRef {
    }

    /**
     * Reads a model reference. An existing path wins over a repository name of the same spelling, so a local
     * folder {@code org/name} is never shadowed by the hub.
     */
    static ModelRef parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("the model reference is empty");
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) return new Server(URI.create(t));
        Path path = asPath(t);
        if (path != null && Files.exists(path)) return new Folder(path);
        if (RepoId.looksLikeRepo(t) && !t.startsWith(".")) return new Hub(RepoId.parse(t));
        if (path == null) throw new IllegalArgumentException("'" + t + "' is neither a folder, a repository name nor a URL");
        return new Folder(path);
    }

    private static Path asPath(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
