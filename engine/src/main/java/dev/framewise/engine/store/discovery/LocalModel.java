package dev.framewise.engine.store.discovery;

import java.nio.file.Path;
import java.util.List;

/**
 * A model found on this machine.
 *
 * @param name      how to refer to it ({@code org/name[@rev]} for the hub cache, else the folder name)
 * @param folder    the folder holding config.json (a hub snapshot folder for cached repositories)
 * @param source    where it was found
 * @param modelType config.json's {@code model_type}
 * @param bytes     size of its files on disk (symlinks followed)
 * @param missing   files its config or weights index need that are absent (empty when complete); a download
 *                  still in progress or a broken copy shows here
 */
public record LocalModel(String name, Path folder, Source source, String modelType, long bytes,
                         List<String> missing) {

    public enum Source { FRAMEWISE, USER_FOLDER, HUB_CACHE }

    public LocalModel {
        missing = List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
