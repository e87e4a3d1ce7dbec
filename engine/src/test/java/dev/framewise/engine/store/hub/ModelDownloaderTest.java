package dev.framewise.engine.store.hub;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.store.TestModels;
import dev.framewise.engine.store.discovery.HubCache;
import dev.framewise.engine.store.discovery.ModelFiles;
import dev.framewise.engine.store.discovery.ModelNotFoundException;
import dev.framewise.engine.store.discovery.ModelRef;
import dev.framewise.engine.store.discovery.ModelStore;
import dev.framewise.engine.store.discovery.RepoId;
import dev.framewise.engine.store.discovery.StoreLocations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDownloaderTest {
    private static final String WEIGHTS = "model.safetensors";
    private static final RepoId REPO = RepoId.parse(FakeHub.REPO);

    @TempDir
    Path temp;
    private FakeHub hub;
    private HubCache cache;

    @BeforeEach
    void startHub() throws Exception {
        hub = new FakeHub(TestModels.tinyModel());
        cache = new HubCache(temp.resolve("hub"));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private ModelDownloader downloader(String token, long freeBytes) {
        return downloader(token, freeBytes, Duration.ofSeconds(30));
    }

    private ModelDownloader downloader(String token, long freeBytes, Duration stallTimeout) {
        DownloadOptions options = new DownloadOptions(3, 2, Duration.ZERO, 0, dir -> freeBytes, stallTimeout);
        return new ModelDownloader(new HubClient(hub.endpoint(), token), cache, options);
    }

    private ModelDownloader downloader() {
        return downloader(null, Long.MAX_VALUE);
    }

    @Test
    void pullWritesTheHubCacheLayoutWithVerifiedFiles() throws Exception {
        List<DownloadProgress> events = new CopyOnWriteArrayList<>();
        Path snapshot = downloader().pull(REPO, events::add, new CancellationToken());

        assertThat(snapshot).isEqualTo(cache.repoFolder(REPO).resolve("snapshots").resolve(FakeHub.COMMIT));
        assertThat(Files.readString(cache.repoFolder(REPO).resolve("refs/main"))).isEqualTo(FakeHub.COMMIT);
        Path weights = snapshot.resolve(WEIGHTS);
        assertThat(Files.isSymbolicLink(weights)).isTrue();
        byte[] original = hub.files.get(WEIGHTS);
        assertThat(Files.readSymbolicLink(weights).toString().replace('\\', '/'))
                .isEqualTo("../../blobs/" + FakeHub.sha256(original));
        assertThat(ContentHash.sha256(weights)).isEqualTo(FakeHub.sha256(original));
        assertThat(Files.readAllBytes(snapshot.resolve("config.json"))).isEqualTo(hub.files.get("config.json"));
        assertThat(Files.readSymbolicLink(snapshot.resolve("config.json")).getFileName().toString())
                .isEqualTo(FakeHub.gitBlobId(hub.files.get("config.json")));
        try (var blobs = Files.list(cache.repoFolder(REPO).resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".incomplete"));
        }

        DownloadManifest manifest = DownloadManifest.read(snapshot).orElseThrow();
        assertThat(manifest.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(manifest.files()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo(WEIGHTS);
            assertThat(e.size()).isEqualTo(original.length);
        });

        DownloadProgress last = events.get(events.size() - 1);
        long total = hub.files.values().stream().mapToLong(b -> b.length).sum();
        assertThat(last.totalBytes()).isEqualTo(total);
        assertThat(last.doneBytes()).isEqualTo(total);
        assertThat(last.files()).allSatisfy(f -> assertThat(f.state()).isEqualTo(DownloadProgress.State.DONE));

        // The pulled model resolves by repository name through the cache.
        ModelStore store = new ModelStore(new StoreLocations(temp.resolve("own"), cache.root()));
        assertThat(store.folderOf(ModelRef.parse(FakeHub.REPO))).isEqualTo(snapshot);
        assertThat(ModelFiles.missing(snapshot, "qwen2_5_vl")).isEmpty();
    }

    @Test
    void aSecondPullFetchesNothing() throws Exception {
        downloader().pull(REPO, DownloadListener.NONE, new CancellationToken());
        int before = hub.resolveRequests.get();
        downloader().pull(REPO, DownloadListener.NONE, new CancellationToken());
        assertThat(hub.resolveRequests.get()).isEqualTo(before);
    }

    @Test
    void cancelledPullResumesWithARangeRequestForTheMissingBytesOnly() throws Exception {
        hub.chunkDelayMillis = 10;
        CancellationToken cancel = new CancellationToken();
        DownloadListener cancelMidWeights = p -> p.files().stream()
                .filter(f -> f.path().equals(WEIGHTS) && f.doneBytes() >= 300_000).findAny()
                .ifPresent(f -> cancel.cancel());
        assertThatThrownBy(() -> downloader().pull(REPO, cancelMidWeights, cancel))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(DownloadException.Reason.CANCELLED));

        String etag = FakeHub.sha256(hub.files.get(WEIGHTS));
        Path partial = cache.incompleteBlob(REPO, etag);
        long kept = Files.size(partial);
        int size = hub.files.get(WEIGHTS).length;
        assertThat(kept).isBetween(300_000L, size - 1L);
        assertThat(cache.snapshot(REPO)).as("nothing is published before every file is verified").isEmpty();
        hub.chunkDelayMillis = 0;

        Path snapshot = downloader().pull(REPO, DownloadListener.NONE, new CancellationToken());

        assertThat(hub.rangesByFile.get(WEIGHTS)).containsExactly("", "bytes=" + kept + "-");
        assertThat(hub.bytesServedByFile.get(WEIGHTS).get(1).get()).isEqualTo(size - kept);
        assertThat(ContentHash.sha256(snapshot.resolve(WEIGHTS))).isEqualTo(etag);
    }

    @Test
    void aDroppedConnectionIsResumedWithinThePull() throws Exception {
        hub.dropAfter.put(WEIGHTS, 1_000_000L);
        Path snapshot = downloader().pull(REPO, DownloadListener.NONE, new CancellationToken());

        List<String> ranges = hub.rangesByFile.get(WEIGHTS);
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isEmpty();
        long offset = Long.parseLong(ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"));
        assertThat(offset).isBetween(1L, 1_000_000L);
        int size = hub.files.get(WEIGHTS).length;
        assertThat(hub.bytesServedByFile.get(WEIGHTS).get(0).get()).isEqualTo(1_000_000L);
        assertThat(hub.bytesServedByFile.get(WEIGHTS).get(1).get()).isEqualTo(size - offset);
        assertThat(ContentHash.sha256(snapshot.resolve(WEIGHTS))).isEqualTo(FakeHub.sha256(hub.files.get(WEIGHTS)));
    }

    /** Two pulls of one repository at once (two terminals): both end with the verified files, neither fails on a rename. */
    @Test
    void twoConcurrentPullsOfOneRepositoryBothSucceed() throws Exception {
        hub.chunkDelayMillis = 2;
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Path>> pulls = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                pulls.add(two.submit(() -> downloader().pull(REPO, DownloadListener.NONE, new CancellationToken())));
            }
            for (java.util.concurrent.Future<Path> pull : pulls) {
                Path snapshot = pull.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(ContentHash.sha256(snapshot.resolve(WEIGHTS))).isEqualTo(FakeHub.sha256(hub.files.get(WEIGHTS)));
            }
        } finally {
            two.shutdownNow();
        }
        // the second pull waited for the first one's file instead of fetching it again
        assertThat(hub.rangesByFile.get(WEIGHTS)).hasSize(1);
    }

    @Test
    void aStalledConnectionIsDroppedAndResumed() throws Exception {
        hub.stallAfter.put(WEIGHTS, 655_360L);
        long start = System.nanoTime();
        Path snapshot = downloader(null, Long.MAX_VALUE, Duration.ofMillis(400))
                .pull(REPO, DownloadListener.NONE, new CancellationToken());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        List<String> ranges = hub.rangesByFile.get(WEIGHTS);
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(1)).matches("bytes=\\d+-");
        assertThat(ContentHash.sha256(snapshot.resolve(WEIGHTS))).isEqualTo(FakeHub.sha256(hub.files.get(WEIGHTS)));
    }

    @Test
    void aCorruptedFileFailsItsHashAndNothingIsMarkedComplete() throws Exception {
        hub.corruptFile = WEIGHTS;
        String etag = FakeHub.sha256(hub.files.get(WEIGHTS));
        assertThatThrownBy(() -> downloader().pull(REPO, DownloadListener.NONE, new CancellationToken()))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DownloadException.Reason.CORRUPT);
                    assertThat(e.getMessage()).contains(WEIGHTS).contains("SHA-256").contains(etag);
                });
        assertThat(cache.snapshot(REPO)).isEmpty();
        assertThat(cache.blob(REPO, etag)).doesNotExist();
        assertThat(cache.incompleteBlob(REPO, etag)).doesNotExist();
        ModelStore store = new ModelStore(new StoreLocations(temp.resolve("own"), cache.root()));
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.folderOf(ModelRef.parse(FakeHub.REPO)))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("framewise models pull " + FakeHub.REPO);
    }

    @Test
    void aGatedRepositoryWithoutTokenSaysWhatToDo() {
        hub.gated = true;
        assertThatThrownBy(() -> downloader().pull(REPO, DownloadListener.NONE, new CancellationToken()))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DownloadException.Reason.GATED);
                    assertThat(e.getMessage())
                            .contains("this model is gated: accept its licence on Hugging Face and set HF_TOKEN");
                });
    }

    @Test
    void aGatedRepositoryWithTokenDownloadsAndTheTokenNeverLeaksIntoMessages() throws Exception {
        hub.gated = true;
        Path snapshot = downloader(FakeHub.TOKEN, Long.MAX_VALUE).pull(REPO, DownloadListener.NONE,
                new CancellationToken());
        assertThat(snapshot.resolve(WEIGHTS)).exists();
        assertThat(hub.authorizations).contains("Bearer " + FakeHub.TOKEN);

        HubClient wrongToken = new HubClient(hub.endpoint(), "hf_wrong");
        assertThatThrownBy(() -> wrongToken.listing(REPO)).isInstanceOfSatisfying(DownloadException.class, e -> {
            assertThat(e.reason()).isEqualTo(DownloadException.Reason.GATED);
            assertThat(e.getMessage()).contains("HF_TOKEN").doesNotContain("hf_wrong");
        });
    }

    @Test
    void tooLittleFreeSpaceRefusesBeforeDownloadingAnything() {
        assertThatThrownBy(() -> downloader(null, 1_000_000).pull(REPO, DownloadListener.NONE, new CancellationToken()))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DownloadException.Reason.DISK_FULL);
                    assertThat(e.getMessage()).contains("only 977 KiB is free");
                });
        assertThat(hub.resolveRequests.get()).isZero();
    }

    @Test
    void unknownRepositoryAndUnreachableEndpointAreTypedErrors() throws Exception {
        assertThatThrownBy(() -> downloader().pull(RepoId.parse("acme/nothing"), DownloadListener.NONE,
                new CancellationToken())).isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DownloadException.Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("acme/nothing was not found");
                });
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HubClient offline = new HubClient(URI.create("http://127.0.0.1:" + closedPort), null);
        assertThatThrownBy(() -> offline.listing(REPO)).isInstanceOfSatisfying(DownloadException.class, e -> {
            assertThat(e.reason()).isEqualTo(DownloadException.Reason.NETWORK);
            assertThat(e.getMessage()).contains("cannot reach").contains("HF_ENDPOINT");
        });
    }

    @Test
    void fileNamesThatWouldEscapeTheSnapshotAreRefused() {
        assertThat(HubClient.safeRelativePath("config.json")).isTrue();
        assertThat(HubClient.safeRelativePath("sub/dir/tokenizer.json")).isTrue();
        assertThat(HubClient.safeRelativePath("../../.bashrc")).isFalse();
        assertThat(HubClient.safeRelativePath("/etc/passwd")).isFalse();
        assertThat(HubClient.safeRelativePath("a//b")).isFalse();
        assertThat(HubClient.safeRelativePath("C:\\x")).isFalse();
        hub.files.put("../escape.json", new byte[] {1});
        assertThatThrownBy(() -> downloader().pull(REPO, DownloadListener.NONE, new CancellationToken()))
                .isInstanceOf(DownloadException.class).hasMessageContaining("unsafe name");
    }

    @Test
    void environmentChoosesEndpointAndToken() {
        HubClient client = HubClient.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror.example/", "HF_TOKEN", "x"),
                temp);
        assertThat(client.endpoint()).isEqualTo(URI.create("http://mirror.example"));
        assertThat(client.hasToken()).isTrue();
        assertThat(HubClient.fromEnvironment(Map.of(), temp).endpoint()).isEqualTo(HubClient.DEFAULT_ENDPOINT);
        assertThat(HubClient.fromEnvironment(Map.of(), temp).hasToken()).isFalse();
    }
}
