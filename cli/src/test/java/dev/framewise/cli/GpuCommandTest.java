package dev.framewise.cli;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.gpu.GpuSetup;
import dev.framewise.engine.gpu.GpuSetupOptions;
import dev.framewise.engine.gpu.LibtorchBuild;
import dev.framewise.engine.gpu.LibtorchServer;
import dev.framewise.engine.store.hub.DownloadOptions.FreeSpaceProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code framewise gpu status} and {@code gpu remove} on a libtorch set up from a local server's fake archive. */
class GpuCommandTest {
    @TempDir
    Path temp;

    @Test
    void theCliReportsAndRemoves() throws Exception {
        try (LibtorchServer server = new LibtorchServer(LibtorchServer.fakeArchive(true))) {
            GpuSetupOptions options = new GpuSetupOptions(temp.resolve("gpu"), server.baseUrl(), Optional.empty(), 3,
                    Duration.ZERO, Duration.ofSeconds(10), 0, FreeSpaceProbe.FILE_STORE);
            new GpuSetup(options).install(LibtorchBuild.forPlatform("Linux", "amd64", options.baseUrl(),
                    options.sha256()), progress -> { }, new CancellationToken());
        }
        Path libDir = temp.resolve("gpu/2.7.1-cu128-linux-x86_64/lib");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(FramewiseCli.run("gpu", "status", "--gpu-dir", temp.resolve("gpu").toString())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("installed: libtorch 2.7.1 cu128 in "
                    + libDir.toAbsolutePath()).contains("in use:");
            assertThat(FramewiseCli.run("gpu", "remove", "--gpu-dir", temp.resolve("gpu").toString())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("switched back to the CPU libtorch");
            assertThat(temp.resolve("gpu")).doesNotExist();
        } finally {
            System.setOut(saved);
        }
    }
}
