package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.hub.DownloadProgress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Downloading a model from the app: a repository id (typed or a preset) is first sized up against this machine
 * (size, family, fit), then downloaded into the Hugging Face cache with progress, rate and time left, paused and
 * resumed (the partial files are kept and resumed from where they stopped), or cancelled (they are deleted), and
 * verified at the end with the bytes hashed of the total shown (a cancelled check keeps the files). A gated repository says so with the link to its licence. Work runs on {@code worker};
 * every property changes on {@code fx}.
 */
public final class ModelDownloadViewModel {
    public enum State { IDLE, CHECKING, CHECKED, DOWNLOADING, PAUSED, VERIFYING, DONE, FAILED, CANCELLED }

    /** Reasoning models of the families Framewise runs, and their base models. */
    public static final List<String> PRESETS = List.of("nvidia/Cosmos-Reason1-7B", "nvidia/Cosmos-Reason2-2B",
            "nvidia/Cosmos-Reason2-8B", "Qwen/Qwen2.5-VL-7B-Instruct", "Qwen/Qwen3-VL-2B-Instruct");

    private final ModelCatalog catalog;
    private final Executor worker;
    private final Executor fx;
    private final Consumer<Path> downloaded;
    private final StringProperty repo = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper licenceLink = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private ModelCatalog.RepoCheck checked;
    private CancellationToken cancel = new CancellationToken();
    /** What the user asked for when the running download stops: PAUSED or CANCELLED. */
    private volatile State stopAs;
    /** The finished download's folder once the check of it begins; null before. */
    private volatile Path downloadedSnapshot;

    /** @param downloaded told (on {@code fx}) of each finished, verified download's folder */
    public ModelDownloadViewModel(ModelCatalog catalog, Executor worker, Executor fx, Consumer<Path> downloaded) {
        this.catalog = catalog;
        this.worker = worker;
        this.fx = fx;
        this.downloaded = downloaded;
        repo.addListener((obs, old, now) -> {
            if (state.get() == State.CHECKED || state.get() == State.FAILED || state.get() == State.DONE
                    || state.get() == State.CANCELLED) {
                reset();
            }
        });
    }

    private void reset() {
        checked = null;
        state.set(State.IDLE);
        summary.set("");
        message.set("");
        licenceLink.set("");
        progress.set(0);
        progressText.set("");
        folder.set(null);
    }

    /** Sizes the repository up from its config and weights index: what it takes to download and whether it fits. */
    public void check() {
        String id = repo.get().strip();
        if (busy() || id.isEmpty()) return;
        reset();
        state.set(State.CHECKING);
        message.set("Asking the Hub about " + id + "…");
        String key = token.get();
        worker.execute(() -> {
            try {
                ModelCatalog.RepoCheck c = catalog.check(id, key);
                fx.execute(() -> {
                    checked = c;
                    summary.set(Bytes.human(c.downloadBytes()) + " to download · " + c.family()
                            + (c.precision().isEmpty() ? "" : " · " + c.precision()) + " · " + c.fit());
                    message.set(c.verdict());
                    state.set(State.CHECKED);
                });
            } catch (RuntimeException e) {
                fx.execute(() -> failed(id, e));
            }
        });
    }

    /** Downloads the repository checked last; resumes a paused one. */
    public void download() {
        if (checked == null || !(state.get() == State.CHECKED || state.get() == State.PAUSED)) return;
        String id = checked.repo();
        CancellationToken mine = new CancellationToken();
        cancel = mine;
        stopAs = null;
        downloadedSnapshot = null;
        state.set(State.DOWNLOADING);
        message.set("Downloading " + id + " into the Hugging Face cache…");
        String key = token.get();
        worker.execute(() -> {
            try {
                Path snapshot = catalog.download(id, key, p -> fx.execute(() -> show(p)), mine);
                downloadedSnapshot = snapshot;
                fx.execute(() -> {
                    if (state.get() != State.DOWNLOADING) return; // cancelled as the last block arrived
                    state.set(State.VERIFYING);
                    message.set("Checking " + id + ": every file's hash against the Hub's (Cancel keeps the files)");
                    progress.set(0);
                    progressText.set("Verifying " + id + "…");
                });
                ModelCatalog.Verification v = catalog.verify(snapshot, (done, total) -> fx.execute(() -> hashing(done,
                        total)), mine);
                fx.execute(() -> verified(id, snapshot, v));
            } catch (RuntimeException e) {
                // a cancelled check keeps the finished download: only a cancelled download's partial files go
                if (e instanceof ModelCatalog.Failure f && f.reason() == ModelCatalog.Failure.Reason.CANCELLED
                        && stopAs == State.CANCELLED && downloadedSnapshot == null) {
                    catalog.discardPartial(id);
                }
                fx.execute(() -> failed(id, e));
            }
        });
    }

    /** Stops the download at its next block, keeping what it has for {@link #download} to resume. */
    public void pause() {
        if (state.get() != State.DOWNLOADING) return;
        stopAs = State.PAUSED;
        cancel.cancel();
        message.set("Pausing…");
    }

    /**
     * Stops the download and deletes its partial files (a paused one too); during the check at the end, stops the
     * check and keeps the downloaded files.
     */
    public void cancel() {
        if (state.get() == State.DOWNLOADING || state.get() == State.VERIFYING) {
            stopAs = State.CANCELLED;
            cancel.cancel();
            message.set("Cancelling…");
        } else if (state.get() == State.PAUSED) {
            String id = checked.repo();
            state.set(State.CANCELLED);
            message.set("Cancelled; the partial download of " + id + " is being deleted");
            worker.execute(() -> catalog.discardPartial(id));
        }
    }

    /** Stops a running download or check when the window goes away for good (the application closes). */
    public void stop() {
        if (state.get() == State.DOWNLOADING) pause();
        else if (state.get() == State.VERIFYING) cancel();
    }

    private void show(DownloadProgress p) {
        if (state.get() != State.DOWNLOADING) return; // a late event after a pause
        progress.set(p.totalBytes() > 0 ? p.fraction() : -1);
        progressText.set(progressLine(p));
    }

    private void hashing(long done, long total) {
        if (state.get() != State.VERIFYING) return; // a late event after a cancel
        progress.set(total > 0 ? (double) done / total : -1);
        progressText.set("Verifying: " + Bytes.human(done) + " of " + Bytes.human(total) + " hashed");
    }

    /** "1.20 GiB of 15.6 GiB · 48.2 MiB/s · about 5 min left". */
    static String progressLine(DownloadProgress p) {
        StringBuilder line = new StringBuilder(Bytes.human(p.doneBytes()) + " of " + Bytes.human(p.totalBytes()));
        if (p.bytesPerSecond() > 0) line.append(" · ").append(Bytes.human((long) p.bytesPerSecond())).append("/s");
        p.eta().filter(eta -> p.doneBytes() < p.totalBytes()).ifPresent(eta -> line.append(" · about ")
                .append(duration(eta)).append(" left"));
        return line.toString();
    }

    static String duration(Duration d) {
        long s = Math.max(1, d.toSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s + 30) / 60 + " min";
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    private void verified(String id, Path snapshot, ModelCatalog.Verification v) {
        progress.set(1);
        if (v.ok()) {
            state.set(State.DONE);
            folder.set(snapshot);
            progressText.set("Verified " + v.filesChecked() + " files");
            message.set(id + " is downloaded and verified: use it from the list");
            downloaded.accept(snapshot);
        } else {
            state.set(State.FAILED);
            message.set(id + " was downloaded but does not verify: " + String.join("; ", v.problems()));
        }
    }

    private void failed(String id, RuntimeException e) {
        ModelCatalog.Failure.Reason reason = e instanceof ModelCatalog.Failure f ? f.reason() : ModelCatalog.Failure.Reason.OTHER;
        if (reason == ModelCatalog.Failure.Reason.CANCELLED && stopAs != null && downloadedSnapshot != null) {
            state.set(State.CANCELLED);
            message.set("Check cancelled: " + id + " is downloaded but not verified; `framewise models verify "
                    + id + "` checks it (loading it checks its tensors' shapes)");
            progress.set(0);
            progressText.set("");
            return;
        }
        if (reason == ModelCatalog.Failure.Reason.CANCELLED && stopAs != null) {
            boolean paused = stopAs == State.PAUSED;
            state.set(stopAs);
            message.set(paused ? "Paused: Resume carries on where it stopped"
                    : "Cancelled; the partial download of " + id + " was deleted");
            if (!paused) {
                progress.set(0);
                progressText.set("");
            }
            return;
        }
        state.set(State.FAILED);
        message.set(e.getMessage() == null ? e.toString() : e.getMessage());
        licenceLink.set(reason == ModelCatalog.Failure.Reason.GATED ? catalog.modelPage(id) : "");
    }

    private boolean busy() {
        return state.get() == State.CHECKING || state.get() == State.DOWNLOADING || state.get() == State.VERIFYING
                || state.get() == State.PAUSED;
    }

    /** The repository id, {@code org/name[@revision]}. */
    public StringProperty repoProperty() {
        return repo;
    }

    /** A Hugging Face access token for gated models; used for this download only, never stored. */
    public StringProperty tokenProperty() {
        return token;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Size, family, precision and fit of the repository checked ("15.6 GiB to download · Qwen2.5-VL · …"). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Bytes done of the total, rate and time left; "Verified N files" at the end. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The verdict, what is happening, or what went wrong and what to do. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The model's page on the Hub when it is gated (where its licence is accepted); empty otherwise. */
    public ReadOnlyStringProperty licenceLinkProperty() {
        return licenceLink.getReadOnlyProperty();
    }

    /** The finished download's folder; null until then. */
    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }
}
