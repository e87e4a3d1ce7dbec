package dev.framewise.engine.store.hub;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.discovery.HubCache;
import dev.framewise.engine.store.discovery.ModelFiles;
import dev.framewise.engine.store.discovery.RepoId;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pulls a model repository into the hub cache, like huggingface_hub's {@code snapshot_download}: lists the
 * revision, checks the disk has room, downloads the model's files in parallel (resuming partial blobs), verifies
 * every file's hash, and only then links the snapshot, writes the ref and the {@link DownloadManifest}. Until
 * that last step the snapshot does not exist, so a partial download is never taken for a model.
 */
public final class ModelDownloader {
    /** What a model needs; other files of a repository (images of the card, .bin/.onnx duplicates) are skipped. */
    private static final List<String> MODEL_FILE_SUFFIXES =
            List.of(".json", ".safetensors", ".jinja", ".txt", ".model", ".tiktoken", ".md");

    private final HubClient client;
    private final HubCache cache;
    private final DownloadOptions options;

    public ModelDownloader(HubClient client, HubCache cache, DownloadOptions options) {
        this.client = client;
        this.cache = cache;
        this.options = options;
    }

    /** Downloads (or finishes downloading) a repository; returns its snapshot folder. */
    public Path pull(RepoId id, DownloadListener listener, CancellationToken cancel) {
        HubClient.Listing listing = client.listing(id);
        List<HubFile> plan = listing.files().stream().filter(ModelDownloader::isModelFile).toList();
        if (plan.stream().noneMatch(f -> f.path().equals(ModelFiles.CONFIG))) {
            throw new DownloadException(DownloadException.Reason.NOT_FOUND, id + " has no config.json at "
                    + listing.commit().substring(0, 12) + ": it is not a Hugging Face model repository");
        }
        try {
            // Identical files share one blob: fetch each blob once, link it under every name.
            List<HubFile> blobs = plan.stream().filter(distinctBy(HubFile::etag)).toList();
            checkFreeSpace(id, blobs);
            download(id, listing.commit(), blobs, listener, cancel);
            return publish(id, listing.commit(), plan);
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Reason.OTHER, "cannot write " + id + " into "
                    + cache.root() + ": " + e.getMessage(), e);
        }
    }

    private static <T> Predicate<T> distinctBy(Function<T, ?> key) {
        Set<Object> seen = new HashSet<>();
        return t -> seen.add(key.apply(t));
    }

    /**
     * Fetches only a repository's config.json and weights index into {@code folder}, so a model can be sized up
     * before anyone downloads its weights. Returns the commit they came from.
     */
    public String fetchMetadata(RepoId id, Path folder) {
        HubClient.Listing listing = client.listing(id);
        try {
            Files.createDirectories(folder);
            for (HubFile f : listing.files()) {
                if (!f.path().equals(ModelFiles.CONFIG) && !f.path().equals(ModelFiles.WEIGHTS_INDEX)) continue;
                try (InputStream in = client.open(id, listing.commit(), f.path(), 0).body()) {
                    Files.copy(in, folder.resolve(f.path()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Reason.NETWORK, "cannot fetch the config of " + id + " from "
                    + client.endpoint() + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(folder.resolve(ModelFiles.CONFIG))) {
            throw new DownloadException(DownloadException.Reason.NOT_FOUND, id + " has no config.json: it is not a "
                    + "Hugging Face model repository");
        }
        return listing.commit();
    }

    static boolean isModelFile(HubFile f) {
        String name = f.path().toLowerCase(Locale.ROOT);
        return MODEL_FILE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Bytes still to fetch: files without a finished blob, less what their partial blobs already hold. */
    long bytesToFetch(RepoId id, List<HubFile> plan) throws IOException {
        long needed = 0;
        for (HubFile f : plan) {
            if (Files.isRegularFile(cache.blob(id, f.etag()))) continue;
            Path partial = cache.incompleteBlob(id, f.etag());
            needed += f.size() - (Files.exists(partial) ? Math.min(f.size(), Files.size(partial)) : 0);
        }
        return needed;
    }

    private void checkFreeSpace(RepoId id, List<HubFile> plan) throws IOException {
        long needed = bytesToFetch(id, plan);
        Path target = cache.repoFolder(id);
        long free = options.freeSpace().usableBytes(target);
        if (free < needed + options.reserveBytes()) {
            throw new DownloadException(DownloadException.Reason.DISK_FULL, id + " needs " + Bytes.human(needed)
                    + " more on the disk holding " + cache.root() + " (plus " + Bytes.human(options.reserveBytes())
                    + " spare) but only " + Bytes.human(free) + " is free: free some space or set HF_HUB_CACHE to a "
                    + "larger disk");
        }
    }

    private void download(RepoId id, String commit, List<HubFile> plan, DownloadListener listener,
                          CancellationToken userCancel) throws IOException {
        ProgressTracker progress = new ProgressTracker(id.repo(), plan, listener);
        // Stops the other files as soon as one fails or the user cancels.
        CancellationToken stop = new CancellationToken();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelFiles(), plan.size()), r -> {
            Thread t = new Thread(r, "framewise-download");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (HubFile f : plan) {
                tasks.add(pool.submit(() -> {
                    new BlobDownload(client, cache, id, commit, f, options, progress,
                            () -> userCancel.isCancelled() || stop.isCancelled()).run();
                    return null;
                }));
            }
            awaitAll(tasks, stop);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitAll(List<Future<?>> tasks, CancellationToken stop) throws IOException {
        RuntimeException firstError = null;
        IOException firstIo = null;
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.cancel();
                throw new DownloadException(DownloadException.Reason.CANCELLED, "download interrupted", e);
            } catch (ExecutionException e) {
                stop.cancel();
                Throwable cause = e.getCause();
                // A sibling stopped by this failure reports CANCELLED: keep the error that caused the stop.
                if (cause instanceof DownloadException d && d.reason() == DownloadException.Reason.CANCELLED
                        && (firstError != null || firstIo != null)) continue;
                if (cause instanceof RuntimeException r && firstError == null && firstIo == null) firstError = r;
                else if (cause instanceof IOException io && firstError == null && firstIo == null) firstIo = io;
                else if (!(cause instanceof RuntimeException) && !(cause instanceof IOException)) {
                    throw new IllegalStateException(cause);
                }
            }
        }
        if (firstError != null) throw firstError;
        if (firstIo != null) throw firstIo;
    }

    /** Links the snapshot and writes its ref and manifest, one pull of the repository at a time. */
    private Path publish(RepoId id, String commit, List<HubFile> plan) throws IOException {
        return FileLocks.holding(cache.repoFolder(id).resolve(".framewise-publish.lock"), () -> {
            for (HubFile f : plan) cache.linkIntoSnapshot(id, commit, f.path(), f.etag());
            cache.writeRef(id, commit);
            Path snapshot = cache.snapshotFolder(id, commit);
            new DownloadManifest(id.repo(), id.revision(), commit, client.endpoint().toString(),
                    plan.stream().map(DownloadManifest.Entry::of).toList()).write(snapshot);
            return snapshot;
        });
    }
}
