package dev.framewise.app.viewmodel;

import dev.framewise.sessions.store.SessionStore;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What the workbench needs from outside, injected so tests control threads, time, media, models and storage
 * (session files):
 * {@code background} runs slow work, {@code fxThread} runs on the FX thread ({@code Platform::runLater}),
 * {@code estimates} works out the cost preview, {@code debouncer} lets a burst of setting changes settle first,
 * {@code models} finds, sizes up and downloads models for the model picker.
 */
public record Services(Executor background, Executor fxThread, Clock clock, MediaOpener media, BackendFactory backends,
                       ServerConnector servers,
                       ReasoningOutliner outliner, AppSettings settings, SessionStore sessions,
                       List<PromptPreset> presets, CostEstimates estimates, Debouncer debouncer, ModelCatalog models) {

    /** Services without a model catalog (the picker finds nothing and downloads nothing). */
    public Services(Executor background, Executor fxThread, Clock clock, MediaOpener media, BackendFactory backends,
                    ServerConnector servers, ReasoningOutliner outliner, AppSettings settings, SessionStore sessions,
                    List<PromptPreset> presets, CostEstimates estimates, Debouncer debouncer) {
        this(background, fxThread, clock, media, backends, servers, outliner, settings, sessions, presets, estimates,
                debouncer, ModelCatalog.NONE);
    }

    /** Services without a cost preview. */
    public Services(Executor background, Executor fxThread, Clock clock, MediaOpener media, BackendFactory backends,
                    ServerConnector servers, ReasoningOutliner outliner, AppSettings settings, SessionStore sessions,
                    List<PromptPreset> presets) {
        this(background, fxThread, clock, media, backends, servers, outliner, settings, sessions, presets,
                CostEstimates.NONE, Debouncer.immediate(), ModelCatalog.NONE);
    }
}
