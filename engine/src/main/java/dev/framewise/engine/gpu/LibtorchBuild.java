package dev.framewise.engine.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The CUDA build of libtorch that matches the bundled DJL PyTorch engine: the same libtorch version
 * ({@code pytorch-engine.properties}), and a CUDA flavour for which the pytorch-jni jar carries DJL's JNI library
 * ({@code jnilib/<classifier>/<flavour>/}), because with {@code PYTORCH_LIBRARY_PATH} DJL extracts its JNI
 * library for {@code PYTORCH_FLAVOR} from that jar. The archive is PyTorch's official
 * {@code libtorch-…-shared-with-deps} zip, which bundles the CUDA runtime, cuBLAS and cuDNN, so only the driver
 * must be installed.
 *
 * @param classifier DJL's platform classifier, {@code linux-x86_64} or {@code win-x86_64}
 * @param cuda       the CUDA version the build was made with; drivers of the same major version run it
 * @param sha256     the archive's SHA-256 when one is pinned (download.pytorch.org publishes none for libtorch)
 */
public record LibtorchBuild(String version, String djlVersion, String flavor, String classifier, CudaVersion cuda,
                            URI url, String fileName, Optional<String> sha256) {
    /** Newest first: the first one whose DJL JNI library is on the class path is used. */
    private static final List<String> FLAVORS = List.of("cu128", "cu126", "cu124", "cu121", "cu118");

    /** The folder name below the GPU folder: {@code 2.7.1-cu128-linux-x86_64}, DJL's cache naming. */
    public String folderName() {
        return version + "-" + flavor + "-" + classifier;
    }

    /**
     * @param baseUrl where {@code <flavour>/<archive>} are served (download.pytorch.org/libtorch by default)
     * @throws GpuSetupException UNSUPPORTED_PLATFORM on macOS, on ARM and where DJL ships no CUDA JNI library
     */
    public static LibtorchBuild forPlatform(String osName, String arch, URI baseUrl, Optional<String> sha256) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        String classifier = os.startsWith("windows") ? "win-x86_64" : os.startsWith("linux") ? "linux-x86_64" : null;
        if (classifier == null || !x64) {
            throw new GpuSetupException(GpuSetupException.Reason.UNSUPPORTED_PLATFORM, "there is no CUDA build of "
                    + "libtorch for " + osName + " on " + arch + " (only Linux and Windows on x86-64); Framewise "
                    + "keeps using the CPU");
        }
        String version = engineVersions()[0];
        String djlVersion = engineVersions()[1];
        String flavor = FLAVORS.stream().filter(f -> LibtorchBuild.class.getResource("/jnilib/" + classifier + "/" + f
                + "/" + (classifier.startsWith("win") ? "djl_torch.dll" : "libdjl_torch.so")) != null).findFirst()
                .orElseThrow(() -> new GpuSetupException(GpuSetupException.Reason.UNSUPPORTED_PLATFORM, "DJL "
                        + djlVersion + " ships no CUDA JNI library for " + classifier + "; Framewise keeps using the CPU"));
        String file = (classifier.startsWith("win") ? "libtorch-win-shared-with-deps-"
                : "libtorch-cxx11-abi-shared-with-deps-") + version + "+" + flavor + ".zip";
        String base = baseUrl.toString().replaceAll("/+$", "");
        URI url = URI.create(base + "/" + flavor + "/" + file.replace("+", "%2B"));
        CudaVersion cuda = new CudaVersion(Integer.parseInt(flavor.substring(2, 4)), Integer.parseInt(flavor.substring(4)));
        return new LibtorchBuild(version, djlVersion, flavor, classifier, cuda, url, file, sha256);
    }

    /**
     * Checks that the driver can run this build: CUDA's minor-version compatibility lets a 12.x build run on any
     * driver that supports 12.0 or newer, so only the major version must be reached.
     *
     * @return a note when the driver is older than the build's own CUDA version (it runs, through compatibility)
     * @throws GpuSetupException DRIVER_TOO_OLD below that, NO_GPU when the driver version is unknown
     */
    public Optional<String> checkDriver(GpuDetection detection) {
        if (!detection.hasGpu()) {
            throw new GpuSetupException(GpuSetupException.Reason.NO_GPU, "no NVIDIA GPU found (nvidia-smi and "
                    + "/proc/driver/nvidia show none); install the NVIDIA driver if this machine has one, then run "
                    + "framewise gpu setup again. Framewise keeps using the CPU");
        }
        NvidiaDriver driver = detection.driver().orElseThrow(() -> new GpuSetupException(
                GpuSetupException.Reason.NO_GPU, "the NVIDIA driver's version cannot be read (no nvidia-smi, no "
                + "/proc/driver/nvidia/version); install or repair the NVIDIA driver. Framewise keeps using the CPU"));
        CudaVersion supported = driver.cuda().orElse(new CudaVersion(0, 0));
        if (supported.major() < cuda.major()) {
            throw new GpuSetupException(GpuSetupException.Reason.DRIVER_TOO_OLD, "the NVIDIA driver " + driver.version()
                    + " supports CUDA " + (supported.major() == 0 ? "below 11" : supported) + ", but libtorch "
                    + version + " for " + flavor + " needs CUDA " + cuda.major() + " (driver 525.60 or newer, "
                    + "570 or newer recommended): update the driver and run framewise gpu setup again. Framewise "
                    + "keeps using the CPU");
        }
        if (supported.compareTo(cuda) < 0) {
            return Optional.of("the driver supports CUDA " + supported + ", older than the build's " + cuda
                    + ": it runs through CUDA minor-version compatibility; a driver of 570 or newer is recommended");
        }
        return Optional.empty();
    }

    /** {libtorch version, DJL version} of the bundled DJL PyTorch engine ({@code pytorch-engine.properties}). */
    static String[] engineVersions() {
        Properties p = new Properties();
        try (InputStream in = LibtorchBuild.class.getResourceAsStream("/pytorch-engine.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // the defaults below are the versions this build was made with
        }
        return new String[] {p.getProperty("pytorch_version", "2.7.1"), p.getProperty("djl_version", "0.36.0")};
    }
}
