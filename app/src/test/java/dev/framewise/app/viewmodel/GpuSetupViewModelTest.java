package dev.framewise.app.viewmodel;

import com.sun.net.httpserver.HttpServer;
import dev.framewise.engine.gpu.GpuActivation;
import dev.framewise.engine.gpu.GpuDetection;
import dev.framewise.engine.gpu.GpuSetup;
import dev.framewise.engine.gpu.GpuSetupOptions;
import dev.framewise.engine.store.hub.DownloadOptions.FreeSpaceProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** "Use the GPU…" on the same thread, against a local server with a fake CUDA libtorch zip. */
class GpuSetupViewModelTest {
    @TempDir
    Path temp;

    private GpuSetupViewModel model(URI base, GpuDetection detection) {
        GpuSetup setup = new GpuSetup(new GpuSetupOptions(temp.resolve("gpu"), base, Optional.empty(), 0, Duration.ZERO,
                Duration.ofSeconds(10), 0, FreeSpaceProbe.FILE_STORE));
        return new GpuSetupViewModel(setup, () -> detection, Runnable::run, Runnable::run);
    }

    @Test
    void withoutAGpuItSaysSoAndSwitchesNothing() {
        GpuSetupViewModel vm = model(URI.create("http://127.0.0.1:9"), GpuDetection.from(Optional.empty(),
                Optional.empty(), Map.of()));
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(GpuSetupViewModel.State.FAILED);
        assertThat(vm.messageProperty().get()).contains("no NVIDIA GPU found").contains("keeps using the CPU");
        assertThat(GpuActivation.read(temp.resolve("gpu"))).isEmpty();
    }

    @Test
    void downloadsAndSwitchesOnWithProgress() throws Exception {
        byte[] zip = fakeCudaLibtorch();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, zip.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(zip);
            }
        });
        server.start();
        try {
            GpuSetupViewModel vm = model(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    GpuDetection.from(Optional.of("0, NVIDIA H100 80GB HBM3, 81559, 81004, 570.133.07"),
                            Optional.empty(), Map.of()));
            vm.start();
            assertThat(vm.stateProperty().get()).isEqualTo(GpuSetupViewModel.State.DONE);
            assertThat(vm.progressProperty().get()).isEqualTo(1.0);
            assertThat(vm.messageProperty().get()).contains("restart Framewise");
            assertThat(GpuActivation.read(temp.resolve("gpu")).orElseThrow().flavor()).isEqualTo("cu128");
        } finally {
            server.stop(0);
        }
    }

    private static byte[] fakeCudaLibtorch() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String lib : new String[] {"torch", "torch_cuda", "c10"}) {
                zip.putNextEntry(new ZipEntry("libtorch/lib/" + System.mapLibraryName(lib)));
                zip.write(new byte[4096]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
