package dev.framewise.engine.store.discovery;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.store.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds models on this machine — in Framewise's models folder, in folders the user added, and in the
 * Hugging Face hub cache (so a copy downloaded by other tools is used in place) — and turns a
 * {@link ModelRef} into a folder.
 */
public final class ModelStore {
    private final StoreLocations locations;
    private final HubCache hubCache;

    public ModelStore(StoreLocations locations) {
        this.locations = locations;
        this.hubCache = new HubCache(locations.hubCache());
    }

    public StoreLocations locations() {
        return locations;
    }

    public HubCache hubCache() {
        return hubCache;
    }

    public StoreSettings settings() {
        return StoreSettings.load(locations.modelsDir());
    }

    /** Every model found: Framewise's folder first, then user folders, then the hub cache. */
    public List<LocalModel> list() {
        List<LocalModel> models = new ArrayList<>();
        for (Path folder : modelFoldersUnder(locations.modelsDir())) {
            models.add(describe(locations.modelsDir().relativize(folder).toString().replace('\\', '/'), folder,
                    LocalModel.Source.FRAMEWISE));
        }
        for (Path userFolder : settings().folders()) {
            for (Path folder : modelFoldersUnder(userFolder)) {
                models.add(describe(folder.toString(), folder, LocalModel.Source.USER_FOLDER));
            }
        }
        for (HubCache.Snapshot snapshot : hubCache.snapshots()) {
            if (ModelFiles.supportedModelType(snapshot.folder()).isPresent()) {
                models.add(describe(snapshot.id().toString(), snapshot.folder(), LocalModel.Source.HUB_CACHE));
            }
        }
        return models;
    }

    /**
     * The folder a reference names, ready to load. A repository is looked up as {@code org/name} or
     * {@code org--name} under Framewise's folder, then in the hub cache at its revision.
     *
     * @throws ModelNotFoundException when nothing is found or the copy found lacks files, saying how to get it
     */
    public Path folderOf(ModelRef ref) {
        Path folder = find(ref);
        if (ref instanceof ModelRef.Hub h) {
            List<String> missing = ModelFiles.missing(folder, ModelFiles.supportedModelType(folder).orElse(""));
            if (!missing.isEmpty()) {
                throw new ModelNotFoundException(h.id() + " in " + folder + " is incomplete (missing "
                        + String.join(", ", missing) + "): run `framewise models pull " + h.id() + "` to finish it");
            }
        }
        return folder;
    }

    /**
     * The folder a reference names, complete or not (for {@code verify}, which reports what is missing, and for
     * sizing, which needs only config.json and the index).
     *
     * @throws ModelNotFoundException when no folder with a supported config.json is found
     */
    public Path find(ModelRef ref) {
        if (ref instanceof ModelRef.Folder f) {
            Path own = locations.modelsDir().resolve(f.path());
            if (!f.path().isAbsolute() && !Files.exists(f.path()) && ModelFiles.supportedModelType(own).isPresent()) {
                return own; // a name listed by `framewise models list` from Framewise's own folder
            }
            if (ModelFiles.supportedModelType(f.path()).isEmpty()) {
                // A config.json that is there but unreadable (truncated, an unknown model_type) says so itself.
                if (Files.isRegularFile(f.path().resolve(ModelFiles.CONFIG))) ModelFamilies.readConfig(f.path());
                throw new ModelNotFoundException(f.path() + " is not a model folder: it needs a config.json whose "
                        + "model_type is one of " + ModelFamilies.describeSupported());
            }
            return f.path();
        }
        if (ref instanceof ModelRef.Hub h) return find(h.id());
        throw new ModelNotFoundException(((ModelRef.Server) ref).url()
                + " is a server URL: it is served by the remote backend, not loaded from disk");
    }

    private Path find(RepoId id) {
        if (RepoId.DEFAULT_REVISION.equals(id.revision())) {
            Optional<Path> own = ownCopy(id);
            if (own.isPresent()) return own.get();
        }
        Optional<Path> cached = hubCache.snapshot(id).filter(p -> ModelFiles.supportedModelType(p).isPresent());
        if (cached.isEmpty()) {
            throw new ModelNotFoundException(id + " is not downloaded (looked in " + locations.modelsDir() + " and "
                    + hubCache.root() + "): run `framewise models pull " + id + "`");
        }
        return cached.get();
    }

    /**
     * Deletes Framewise's own copy of a repository ({@code org/name} or {@code org--name} under the models folder).
     * Folders the user added are never deleted. Returns false when there is no such copy.
     */
    public boolean removeOwnCopy(RepoId id) throws IOException {
        Optional<Path> own = ownCopy(id);
        if (own.isPresent()) FileTrees.delete(own.get());
        return own.isPresent();
    }

    /** Framewise's own copy of a repository: {@code org/name} or {@code org--name} under the models folder. */
    private Optional<Path> ownCopy(RepoId id) {
        return Stream.of(id.repo(), id.repo().replace("/", "--")).map(locations.modelsDir()::resolve)
                .filter(p -> ModelFiles.supportedModelType(p).isPresent()).findFirst();
    }

    private static LocalModel describe(String name, Path folder, LocalModel.Source source) {
        String type = ModelFiles.supportedModelType(folder).orElseThrow();
        return new LocalModel(name, folder, source, type, sizeOnDisk(folder), ModelFiles.missing(folder, type));
    }

    /** The folder itself when it is a model, else its model subfolders one or two levels down (org/name). */
    private static List<Path> modelFoldersUnder(Path dir) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) return found;
        if (ModelFiles.supportedModelType(dir).isPresent()) return List.of(dir);
        for (Path child : subfolders(dir)) {
            if (ModelFiles.supportedModelType(child).isPresent()) {
                found.add(child);
            } else {
                for (Path grandChild : subfolders(child)) {
                    if (ModelFiles.supportedModelType(grandChild).isPresent()) found.add(grandChild);
                }
            }
        }
        return found;
    }

    private static List<Path> subfolders(Path dir) {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Files::isDirectory)) {
            stream.forEach(dirs::add);
        } catch (IOException e) {
            return dirs;
        }
        dirs.sort(null);
        return dirs;
    }

    static long sizeOnDisk(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
