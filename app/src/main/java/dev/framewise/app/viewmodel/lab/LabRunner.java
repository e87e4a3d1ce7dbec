package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.FxGenerationListener;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs one lab cell's request: in the app off the FX thread with the stream hopping back to it, in view-model
 * tests however the test likes. {@code done} and {@code failed} are called on the thread the lab lives on.
 */
public interface LabRunner {

    /** Opens (or finds) the backend a cell runs on; called off the FX thread in the app (loading a model is slow). */
    @FunctionalInterface
    interface Backend {
        InferenceBackend open() throws Exception;
    }

    void run(Backend backend, GenerationRequest request, RunViewModel run, CancellationToken cancel,
             Consumer<GenerationResult> done, Consumer<Throwable> failed);

    /** The workbench's way: a background task whose tokens reach the run on the FX thread; stopping cancels at the next token. */
    static LabRunner background(BackgroundWork work, Executor fxThread) {
        return (backend, request, run, cancel, done, failed) -> work.submit("Prompt lab",
                () -> backend.open().generate(request, new FxGenerationListener(fxThread, run), cancel), done, failed, cancel::cancel);
    }
}
