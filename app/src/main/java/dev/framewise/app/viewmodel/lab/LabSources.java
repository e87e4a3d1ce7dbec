package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.sessions.model.ModelInfo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the lab takes from the rest of the workbench: the loaded backend and its identity, the media in the viewer,
 * the library's items (and one found by path), the way a cell runs, the models a model axis names (opened by
 * location, slow, off the FX thread), the clock, and the question templates a template axis names.
 */
public record LabSources(Supplier<InferenceBackend> backend, Supplier<ModelInfo> model, Supplier<MediaItem> shownMedia,
                         Supplier<List<MediaItem>> libraryItems, Function<Path, MediaItem> findMedia, LabRunner runner,
                         Function<String, InferenceBackend> otherModels, Clock clock, LabTemplates templates) {

    /** Sources without question templates. */
    public LabSources(Supplier<InferenceBackend> backend, Supplier<ModelInfo> model, Supplier<MediaItem> shownMedia,
                      Supplier<List<MediaItem>> libraryItems, Function<Path, MediaItem> findMedia, LabRunner runner,
                      Function<String, InferenceBackend> otherModels, Clock clock) {
        this(backend, model, shownMedia, libraryItems, findMedia, runner, otherModels, clock, LabTemplates.NONE);
    }
}
