package dev.framewise.engine.store.discovery;

import dev.framewise.engine.store.TestModels;
import dev.framewise.engine.store.hub.FakeHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelStoreTest {
    private static final String COMMIT = "89ab89ab89ab89ab89ab89ab89ab89ab89ab89ab";

    @TempDir
    Path temp;

    /** Lays the tiny model out as huggingface_hub would: blobs by hash, snapshot symlinks, refs/main. */
    private Path hubCacheWithTinyModel(Path hub, String repo) throws Exception {
        Path repoDir = hub.resolve("models--" + repo.replace("/", "--"));
        Path blobs = Files.createDirectories(repoDir.resolve("blobs"));
        Path snapshot = Files.createDirectories(repoDir.resolve("snapshots").resolve(COMMIT));
        try (Stream<Path> files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] data = Files.readAllBytes(f);
                String blob = FakeHub.sha256(data);
                Files.write(blobs.resolve(blob), data);
                Files.createSymbolicLink(snapshot.resolve(f.getFileName()), Path.of("../../blobs/" + blob));
            }
        }
        Files.createDirectories(repoDir.resolve("refs"));
        Files.writeString(repoDir.resolve("refs/main"), COMMIT);
        return snapshot;
    }

    private static void copyTiny(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, target.resolve(f.getFileName()));
        }
    }

    @Test
    void findsModelsInTheHubCacheThroughSymlinksAndInOwnAndUserFolders() throws Exception {
        Path hub = temp.resolve("hf/hub");
        Path snapshot = hubCacheWithTinyModel(hub, "acme/tiny-vl");
        Path own = temp.resolve("framewise/models");
        copyTiny(own.resolve("acme/own-copy"));
        Path userFolder = temp.resolve("elsewhere");
        copyTiny(userFolder.resolve("my-model"));
        Files.createDirectories(userFolder.resolve("not-a-model"));

        ModelStore store = new ModelStore(new StoreLocations(own, hub));
        store.settings().withFolder(userFolder).save(own);

        List<LocalModel> models = store.list();
        assertThat(models).extracting(LocalModel::name, LocalModel::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple("acme/own-copy", LocalModel.Source.FRAMEWISE),
                org.assertj.core.groups.Tuple.tuple(userFolder.resolve("my-model").toString(), LocalModel.Source.USER_FOLDER),
                org.assertj.core.groups.Tuple.tuple("acme/tiny-vl", LocalModel.Source.HUB_CACHE));
        LocalModel cached = models.get(2);
        assertThat(cached.folder()).isEqualTo(snapshot);
        assertThat(cached.complete()).isTrue();
        assertThat(cached.modelType()).isEqualTo("qwen2_5_vl");
        long topLevelBytes;
        try (Stream<Path> files = Files.list(TestModels.tinyModel())) {
            topLevelBytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertThat(cached.bytes()).as("sizes are read through the symlinks").isEqualTo(topLevelBytes);

        // A repository name resolves to Framewise's own copy first, then the cache; a commit picks the snapshot.
        assertThat(store.folderOf(ModelRef.parse("acme/own-copy"))).isEqualTo(own.resolve("acme/own-copy"));
        assertThat(store.folderOf(ModelRef.parse("acme/tiny-vl"))).isEqualTo(snapshot);
        assertThat(store.folderOf(ModelRef.parse("acme/tiny-vl@" + COMMIT))).isEqualTo(snapshot);
        assertThatThrownBy(() -> store.folderOf(ModelRef.parse("acme/tiny-vl@v2")))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("framewise models pull acme/tiny-vl@v2");
    }

    @Test
    void aSnapshotWithAMissingWeightFileIsListedAsIncompleteAndNotResolved() throws Exception {
        Path hub = temp.resolve("hub");
        Path snapshot = hubCacheWithTinyModel(hub, "acme/tiny-vl");
        Files.delete(snapshot.resolve("model.safetensors"));
        ModelStore store = new ModelStore(new StoreLocations(temp.resolve("own"), hub));
        assertThat(store.list()).singleElement().satisfies(m -> assertThat(m.missing()).containsExactly("model.safetensors"));
        assertThatThrownBy(() -> store.folderOf(ModelRef.parse("acme/tiny-vl")))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("incomplete (missing model.safetensors)");
        assertThat(store.find(ModelRef.parse("acme/tiny-vl"))).as("verify still finds it, to report it").isEqualTo(snapshot);
    }

    @Test
    void removingARepositoryDeletesItsCacheFolder() throws Exception {
        Path hub = temp.resolve("hub");
        hubCacheWithTinyModel(hub, "acme/tiny-vl");
        HubCache cache = new HubCache(hub);
        assertThat(cache.remove(RepoId.parse("acme/tiny-vl"))).isTrue();
        assertThat(hub.resolve("models--acme--tiny-vl")).doesNotExist();
        assertThat(cache.remove(RepoId.parse("acme/tiny-vl"))).isFalse();
    }

    @Test
    void modelReferencesAreFoldersReposOrServers() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("acme/local"));
        assertThat(ModelRef.parse(folder.toString())).isEqualTo(new ModelRef.Folder(folder));
        assertThat(ModelRef.parse("nvidia/Cosmos-Reason1-7B"))
                .isEqualTo(new ModelRef.Hub(new RepoId("nvidia/Cosmos-Reason1-7B", "main")));
        assertThat(ModelRef.parse("nvidia/Cosmos-Reason1-7B@refs/pr/3"))
                .isEqualTo(new ModelRef.Hub(new RepoId("nvidia/Cosmos-Reason1-7B", "refs/pr/3")));
        assertThat(ModelRef.parse("http://gpu-box:8000/v1"))
                .isEqualTo(new ModelRef.Server(URI.create("http://gpu-box:8000/v1")));
        assertThat(ModelRef.parse("./not/there")).isInstanceOf(ModelRef.Folder.class);
        ModelStore store = new ModelStore(new StoreLocations(temp.resolve("own"), temp.resolve("hub")));
        assertThatThrownBy(() -> store.folderOf(ModelRef.parse("http://gpu-box:8000/v1")))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("remote backend");
        assertThatThrownBy(() -> store.folderOf(new ModelRef.Folder(folder)))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("config.json");
    }

    @Test
    void locationsFollowThePlatformAndTheEnvironment() {
        Path home = Path.of("/home/ada");
        StoreLocations linux = StoreLocations.fromEnvironment(Map.of(), "Linux", home);
        assertThat(linux.modelsDir()).isEqualTo(home.resolve(".local/share/framewise/models"));
        assertThat(linux.hubCache()).isEqualTo(home.resolve(".cache/huggingface/hub"));
        StoreLocations xdg = StoreLocations.fromEnvironment(
                Map.of("XDG_DATA_HOME", "/data", "HF_HOME", "/hf"), "Linux", home);
        assertThat(xdg.modelsDir()).isEqualTo(Path.of("/data/framewise/models"));
        assertThat(xdg.hubCache()).isEqualTo(Path.of("/hf/hub"));
        assertThat(StoreLocations.fromEnvironment(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/hf"), "Linux", home)
                .hubCache()).isEqualTo(Path.of("/c"));
        assertThat(StoreLocations.fromEnvironment(Map.of(), "Mac OS X", home).modelsDir())
                .isEqualTo(home.resolve("Library/Application Support/Framewise/models"));
        assertThat(StoreLocations.fromEnvironment(Map.of("LOCALAPPDATA", "/appdata"), "Windows 11", home).modelsDir())
                .isEqualTo(Path.of("/appdata/Framewise/models"));
        assertThat(StoreLocations.fromEnvironment(Map.of("FRAMEWISE_MODELS_DIR", "/m"), "Linux", home).modelsDir())
                .isEqualTo(Path.of("/m"));
    }
}
