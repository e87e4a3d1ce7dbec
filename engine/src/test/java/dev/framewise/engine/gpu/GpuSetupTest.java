package dev.framewise.engine.gpu;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.store.hub.DownloadListener;
import dev.framewise.engine.store.hub.DownloadOptions.FreeSpaceProbe;
import dev.framewise.engine.store.hub.DownloadProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The download / verify / unpack / activate / remove flow against a local server with a fake libtorch zip. */
class GpuSetupTest {
    @TempDir
    Path temp;
    private LibtorchServer server;
    private final List<DownloadProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new LibtorchServer(LibtorchServer.fakeArchive(true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private GpuSetupOptions options() {
        return new GpuSetupOptions(temp.resolve("gpu"), server.baseUrl(), Optional.empty(), 3, Duration.ZERO,
                Duration.ofSeconds(10), 0, FreeSpaceProbe.FILE_STORE);
    }

    private GpuActivation install(GpuSetupOptions options) {
        GpuSetup setup = new GpuSetup(options);
        LibtorchBuild build = LibtorchBuild.forPlatform("Linux", "amd64", options.baseUrl(), options.sha256());
        DownloadListener listener = progress::add;
        return setup.install(build, listener, new CancellationToken());
    }

    private Path libDir() {
        return temp.resolve("gpu/2.7.1-cu128-linux-x86_64/lib");
    }

    @Test
    void downloadsVerifiesUnpacksAndActivates() throws Exception {
        GpuActivation a = install(options().withSha256(Optional.of(sha256(server.archive))));
        assertThat(a.libraryPath()).isEqualTo(libDir().toAbsolutePath());
        assertThat(libDir().resolve(System.mapLibraryName("torch"))).exists();
        assertThat(libDir().resolve(System.mapLibraryName("torch_cuda"))).exists();
        assertThat(temp.resolve("gpu/2.7.1-cu128-linux-x86_64/include")).doesNotExist(); // headers are not needed
        // the hashed CUDA runtime, under the plain name DJL's GPU count looks for, outside lib/
        assertThat(temp.resolve("gpu/2.7.1-cu128-linux-x86_64/cudart/libcudart.so"))
                .hasSameBinaryContentAs(libDir().resolve("libcudart-c3a75b33.so.12"));
        assertThat(a.sha256()).isEqualTo(sha256(server.archive));
        assertThat(filesUnder(temp.resolve("gpu/downloads"))).isEmpty(); // the archive goes once unpacked
        GpuActivation read = GpuActivation.read(temp.resolve("gpu")).orElseThrow();
        assertThat(read).isEqualTo(a);
        assertThat(read.flavor()).isEqualTo("cu128");
        assertThat(read.problem("2.7.1", "0.36.0")).isEmpty();
        assertThat(progress.get(progress.size() - 1).doneBytes()).isEqualTo(server.archive.length);
        assertThat(progress.get(progress.size() - 1).files().get(0).state()).isEqualTo(DownloadProgress.State.DONE);
    }

    @Test
    void aDroppedConnectionResumesWithARangeRequest() throws Exception {
        server.cutsLeft.set(1);
        install(options());
        assertThat(server.ranges).hasSize(2);
        assertThat(server.ranges.get(0)).isEmpty();
        assertThat(server.ranges.get(1)).matches("bytes=[1-9][0-9]*-");
        assertThat(GpuActivation.read(temp.resolve("gpu"))).isPresent();
        assertThat(GpuActivation.read(temp.resolve("gpu")).orElseThrow().sha256()).isEqualTo(sha256(server.archive));
    }

    @Test
    void anInterruptedSetupResumesOnTheNextRun() throws Exception {
        server.cutsLeft.set(1);
        assertThatThrownBy(() -> install(options().withRetries(0))).isInstanceOf(GpuSetupException.class)
                .hasMessageContaining("run framewise gpu setup again to resume")
                .extracting(e -> ((GpuSetupException) e).reason()).isEqualTo(GpuSetupException.Reason.NETWORK);
        Path partial = temp.resolve("gpu/downloads/libtorch-cxx11-abi-shared-with-deps-2.7.1+cu128.zip.part");
        assertThat(Files.size(partial)).isPositive().isLessThan(server.archive.length);
        assertThat(GpuActivation.read(temp.resolve("gpu"))).isEmpty(); // nothing switched: the CPU keeps working
        long kept = Files.size(partial);
        install(options().withRetries(0));
        assertThat(server.ranges.get(1)).isEqualTo("bytes=" + kept + "-");
        assertThat(server.ranges.get(1)).startsWith("bytes=").isNotEqualTo("bytes=0-");
        assertThat(GpuActivation.read(temp.resolve("gpu")).orElseThrow().sha256()).isEqualTo(sha256(server.archive));
    }

    @Test
    void aBadChecksumIsRefusedAndNothingIsSwitched() throws Exception {
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> install(options().withSha256(Optional.of(wrong))))
                .isInstanceOf(GpuSetupException.class).hasMessageContaining("failed its SHA-256 check")
                .hasMessageContaining("nothing was changed")
                .extracting(e -> ((GpuSetupException) e).reason()).isEqualTo(GpuSetupException.Reason.CORRUPT);
        assertThat(GpuActivation.read(temp.resolve("gpu"))).isEmpty();
        assertThat(filesUnder(temp.resolve("gpu/downloads"))).isEmpty(); // the bad copy is not resumed from
        assertThat(libDir()).doesNotExist();
    }

    @Test
    void aCpuBuildAMissingFileAndAFullDiskEachSayWhatToDo() throws Exception {
        server.close();
        server = new LibtorchServer(LibtorchServer.fakeArchive(false));
        assertThatThrownBy(() -> install(options())).hasMessageContaining("it is a CPU build");
        server.missing = true;
        assertThatThrownBy(() -> install(options())).hasMessageContaining("(404)")
                .hasMessageContaining("FRAMEWISE_LIBTORCH_URL");
        server.missing = false;
        assertThatThrownBy(() -> install(options().withFreeSpace(dir -> 1000)))
                .isInstanceOf(GpuSetupException.class).hasMessageContaining("are free: free some space")
                .extracting(e -> ((GpuSetupException) e).reason()).isEqualTo(GpuSetupException.Reason.DISK_FULL);
        assertThat(GpuActivation.read(temp.resolve("gpu"))).isEmpty();
    }

    @Test
    void activationIsWrittenAtomicallyAndRemoveRestoresTheCpu() throws Exception {
        Path gpu = temp.resolve("gpu");
        GpuActivation first = install(options());
        GpuActivation second = new GpuActivation(first.libraryPath(), "2.7.1", "0.36.0", "cu128", "ab", "u",
                Instant.parse("2026-01-02T03:04:05Z"));
        second.write(gpu);
        assertThat(GpuActivation.read(gpu)).contains(second);
        try (Stream<Path> s = Files.list(gpu)) {
            assertThat(s.map(p -> p.getFileName().toString())).doesNotContain("active.properties.tmp")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
        Files.writeString(GpuActivation.file(gpu), "library_path=/x\nactivated=not a time\n");
        assertThat(GpuActivation.read(gpu)).isEmpty(); // an unreadable switch means the CPU, not a crash
        second.write(gpu);

        assertThat(ActiveLibtorch.decide(Map.of("FRAMEWISE_LIBTORCH", "bundled"), options()))
                .contains("FRAMEWISE_LIBTORCH=bundled");
        assertThat(ActiveLibtorch.decide(Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch"), options()))
                .contains("PYTORCH_LIBRARY_PATH=/opt/libtorch").contains("wins over");
        new GpuActivation(first.libraryPath(), "2.5.1", "0.31.0", "cu124", "", "", Instant.now()).write(gpu);
        assertThat(ActiveLibtorch.decide(Map.of(), options())).contains("bundled CPU libtorch")
                .contains("run framewise gpu setup again");
        assertThat(System.getProperty("PYTORCH_LIBRARY_PATH")).isNull();

        assertThat(new GpuSetup(options()).remove()).isTrue();
        assertThat(gpu).doesNotExist();
        assertThat(ActiveLibtorch.decide(Map.of(), options())).startsWith("the bundled CPU libtorch");
        assertThat(new GpuSetup(options()).remove()).isFalse();
    }

    @Test
    void aUsableActivationSetsDjlsVariablesAtStart() {
        GpuActivation a = install(options());
        String[] keys = {"PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "jna.library.path"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) saved[i] = System.getProperty(keys[i]);
        try {
            assertThat(ActiveLibtorch.decide(Map.of(), options())).startsWith("the CUDA libtorch 2.7.1 cu128 in "
                    + a.libraryPath());
            assertThat(System.getProperty("PYTORCH_LIBRARY_PATH")).isEqualTo(a.libraryPath().toString());
            assertThat(System.getProperty("PYTORCH_FLAVOR")).isEqualTo("cu128");
            assertThat(System.getProperty("jna.library.path")).startsWith(a.libraryPath().resolveSibling("cudart")
                    .toString());
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) System.clearProperty(keys[i]);
                else System.setProperty(keys[i], saved[i]);
            }
        }
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
