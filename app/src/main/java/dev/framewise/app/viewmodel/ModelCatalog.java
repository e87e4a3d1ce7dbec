package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.store.hub.DownloadProgress;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The models on this machine and on the Hugging Face Hub, as the picker and the download pane need them; slow,
 * every method is called off the FX thread. The product's is the engine's model store and downloader (the same
 * that {@code framewise models list}, {@code pull} and {@code info} use); tests inject their own.
 */
public interface ModelCatalog {

    /** Every model folder found (Framewise's folder, the user's folders, the Hugging Face cache), sized and judged. */
    List<ModelChoice> findModels();

    /** Searches {@code folder} for models from now on (kept in the model store's settings, as {@code --add-folder}). */
    void addFolder(Path folder);

    /**
     * A repository sized up before any download, from its config.json and weights index.
     *
     * @param token a Hugging Face access token for this request, or blank for the environment's (HF_TOKEN)
     * @throws Failure when the Hub refuses (gated), has no such repository, or cannot be reached
     */
    RepoCheck check(String repo, String token);

    /**
     * Downloads (or resumes) a repository into the Hugging Face cache, verifying every file's hash; returns its
     * folder. {@code progress} is called from download threads.
     *
     * @throws Failure with {@link Failure.Reason#CANCELLED} when {@code cancel} stops it (partial files are kept)
     */
    Path download(String repo, String token, Consumer<DownloadProgress> progress, CancellationToken cancel);

    /** Checks a downloaded folder as {@code framewise models verify} does; empty problems when it is sound. */
    Verification verify(Path folder);

    /**
     * As {@link #verify(Path)}, telling {@code hashed} of the bytes hashed of the total (from the verifying thread)
     * and stopping once {@code cancel} is set.
     *
     * @throws Failure with {@link Failure.Reason#CANCELLED} when {@code cancel} stops it (the files are kept)
     */
    default Verification verify(Path folder, BiConsumer<Long, Long> hashed, CancellationToken cancel) {
        return verify(folder);
    }

    /** Deletes what an unfinished download of {@code repo} left behind; a finished copy is kept. */
    void discardPartial(String repo);

    /** The repository's page on the Hub, where its licence is accepted. */
    String modelPage(String repo);

    /**
     * @param downloadBytes the weights' size, what a download fetches (about)
     * @param fit           the verdict in a few words; {@code verdict} the whole of it
     */
    record RepoCheck(String repo, long downloadBytes, String family, String precision, String fit, String verdict) {
    }

    record Verification(int filesChecked, List<String> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Why a check or download did not finish; the message says what to do. */
    final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public enum Reason { GATED, NOT_FOUND, CANCELLED, OTHER }

        private final Reason reason;

        public Failure(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** No catalog: nothing found, nothing to download (tests of other parts of the window). */
    ModelCatalog NONE = new ModelCatalog() {
        @Override
        public List<ModelChoice> findModels() {
            return List.of();
        }

        @Override
        public void addFolder(Path folder) {
        }

        @Override
        public RepoCheck check(String repo, String token) {
            throw new Failure(Failure.Reason.OTHER, "downloads are not available here", null);
        }

        @Override
        public Path download(String repo, String token, Consumer<DownloadProgress> progress, CancellationToken cancel) {
            throw new Failure(Failure.Reason.OTHER, "downloads are not available here", null);
        }

        @Override
        public Verification verify(Path folder) {
            return new Verification(0, List.of());
        }

        @Override
        public void discardPartial(String repo) {
        }

        @Override
        public String modelPage(String repo) {
            return "https://huggingface.co/" + repo;
        }
    };
}
