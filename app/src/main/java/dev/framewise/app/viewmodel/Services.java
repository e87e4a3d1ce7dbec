package dev.framewise.app.viewmodel;

import dev.framewise.sessions.store.SessionStore;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What the workbench needs from outside, injected so tests control threads, time, media, models and storage
 * (session files):
 * {@code background} runs slow work, {@code fxThread} runs on the FX thread ({@code Platform::runLater}).
 */
public record Services(Executor background, Executor fxThread, Clock clock, MediaOpener media, BackendFactory backends,
                       ServerConnector servers,
                       ReasoningOutliner outliner, AppSettings settings, SessionStore sessions,
                       List<PromptPreset> presets) {
}
