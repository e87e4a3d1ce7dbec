package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.gpu.GpuActivation;
import dev.framewise.engine.gpu.GpuDetection;
import dev.framewise.engine.gpu.GpuSetup;
import dev.framewise.engine.gpu.GpuSetupException;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.hub.DownloadProgress;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Use the GPU…": the engine's {@code framewise gpu setup} (detect, download, verify, switch on) behind a state,
 * a progress fraction and one message line. Work runs on {@code worker}; every property changes on {@code fx}.
 */
public final class GpuSetupViewModel {
    public enum State { READY, WORKING, DONE, FAILED, CANCELLED }

    private final GpuSetup setup;
    private final Supplier<GpuDetection> detect;
    private final Executor worker;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private volatile CancellationToken cancel = new CancellationToken();

    public GpuSetupViewModel(GpuSetup setup, Supplier<GpuDetection> detect, Executor worker, Executor fx) {
        this.setup = setup;
        this.detect = detect;
        this.worker = worker;
        this.fx = fx;
        message.set("Framewise downloads the CUDA build of libtorch (a few GB) into " + setup.options().gpuDir()
                + " and uses the GPU from its next start. If anything fails, the CPU keeps working.");
    }

    /** Detects, downloads (resuming a partial one) and switches on; ignored while already working or done. */
    public void start() {
        if (state.get() == State.WORKING || state.get() == State.DONE) return;
        CancellationToken token = new CancellationToken();
        cancel = token;
        state.set(State.WORKING);
        progress.set(-1);
        message.set("Checking the GPU and its driver…");
        worker.execute(() -> {
            try {
                GpuSetup.Plan plan = setup.plan(detect.get());
                String note = plan.note().map(n -> " (" + n + ")").orElse("");
                fx.execute(() -> message.set("Downloading libtorch " + plan.build().version() + " "
                        + plan.build().flavor() + "…" + note));
                GpuActivation a = setup.install(plan.build(), p -> fx.execute(() -> show(p)), token);
                fx.execute(() -> {
                    progress.set(1);
                    message.set("The GPU is switched on (" + a.flavor() + "): restart Framewise to use it.");
                    state.set(State.DONE);
                });
            } catch (GpuSetupException e) {
                boolean cancelled = e.reason() == GpuSetupException.Reason.CANCELLED;
                fx.execute(() -> {
                    message.set(e.getMessage());
                    state.set(cancelled ? State.CANCELLED : State.FAILED);
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    message.set("The GPU could not be switched on (" + e.getMessage() + "); the CPU keeps working.");
                    state.set(State.FAILED);
                });
            }
        });
    }

    /** Stops a download at its next block; the partial archive is kept, so starting again resumes it. */
    public void cancel() {
        cancel.cancel();
    }

    private void show(DownloadProgress p) {
        progress.set(p.totalBytes() > 0 ? p.fraction() : -1);
        message.set((p.files().get(0).state() == DownloadProgress.State.VERIFYING ? "Verifying… " : "Downloading… ")
                + Bytes.human(p.doneBytes()) + " of " + Bytes.human(p.totalBytes())
                + (p.bytesPerSecond() > 0 ? ", " + Bytes.human((long) p.bytesPerSecond()) + "/s" : ""));
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the size is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
