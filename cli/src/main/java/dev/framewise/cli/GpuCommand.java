package dev.framewise.cli;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.gpu.ActiveLibtorch;
import dev.framewise.engine.gpu.GpuActivation;
import dev.framewise.engine.gpu.GpuDetection;
import dev.framewise.engine.gpu.GpuSetup;
import dev.framewise.engine.gpu.GpuSetupOptions;
import dev.framewise.engine.gpu.NvidiaDriver;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.device.GpuInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** {@code framewise gpu setup | status | remove}: switches the embedded engine to a CUDA libtorch and back. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "Use an NVIDIA GPU: download the CUDA build of libtorch and switch it on (or off).",
        subcommands = {GpuCommand.Setup.class, GpuCommand.Status.class, GpuCommand.Remove.class})
public final class GpuCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gpu-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where the CUDA libtorch and its switch live (default: the gpu folder of Framewise's data "
                    + "folder; FRAMEWISE_DATA_DIR moves it).")
    Path gpuDir;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: setup, status or remove");
    }

    GpuSetupOptions options() {
        GpuSetupOptions o = GpuSetupOptions.fromEnvironment(System.getenv());
        return gpuDir == null ? o : new GpuSetupOptions(gpuDir, o.baseUrl(), o.sha256(), o.retries(), o.retryDelay(),
                o.stallTimeout(), o.reserveBytes(), o.freeSpace());
    }

    static void describe(PrintWriter out, GpuDetection d) {
        if (!d.hasGpu()) out.println("GPU:       none found (nvidia-smi and /proc/driver/nvidia show no NVIDIA GPU)");
        for (GpuInfo g : d.gpus()) {
            out.println("GPU " + g.index() + ":     " + g.name() + (g.totalBytes() > 0 ? ", " + Bytes.human(g.freeBytes())
                    + " free of " + Bytes.human(g.totalBytes()) : ""));
        }
        out.println("driver:    " + d.driver().map(GpuCommand::driverText).orElse("not found"));
    }

    private static String driverText(NvidiaDriver dr) {
        return dr.version() + ", supports CUDA up to " + dr.cuda().map(Object::toString).orElse("unknown")
                + " (from " + dr.source() + ")";
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = "Detect the GPU and driver, download the matching CUDA libtorch (resumable, verified) and "
                    + "switch it on from the next start.")
    static final class Setup implements Runnable {
        @ParentCommand
        GpuCommand parent;

        @Option(names = "--sha256", paramLabel = "HEX",
                description = "Require this SHA-256 of the archive (default: FRAMEWISE_LIBTORCH_SHA256; the size "
                        + "and every zip entry's CRC are always checked).")
        String sha256;

        @Override
        public void run() {
            PrintWriter out = parent.spec.commandLine().getOut();
            GpuSetupOptions options = parent.options();
            if (sha256 != null) options = options.withSha256(Optional.of(sha256));
            GpuSetup setup = new GpuSetup(options);
            GpuDetection detection = GpuDetection.probe(System.getenv());
            describe(out, detection);
            GpuSetup.Plan plan = setup.plan(detection);
            plan.note().ifPresent(n -> out.println("note:      " + n));
            out.println("libtorch:  " + plan.build().version() + " " + plan.build().flavor() + " from " + plan.build().url());
            out.println("into:      " + options.gpuDir());
            out.flush();
            ProgressBar bar = new ProgressBar(out, System.console() != null);
            CancellationToken cancel = new CancellationToken();
            Thread hook = new Thread(cancel::cancel);
            Runtime.getRuntime().addShutdownHook(hook);
            GpuActivation a;
            try {
                a = setup.install(plan.build(), bar, cancel);
            } finally {
                bar.finish();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
            out.println("switched on: Framewise uses " + a.libraryPath() + " (" + a.flavor() + ") from its next start; "
                    + "check with framewise models doctor; framewise gpu remove switches back to the CPU");
            if (!a.sha256().isEmpty()) out.println("archive SHA-256: " + a.sha256());
            out.flush();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the GPU, the driver and which libtorch Framewise uses, and why.")
    static final class Status implements Runnable {
        @ParentCommand
        GpuCommand parent;

        @Override
        public void run() {
            PrintWriter out = parent.spec.commandLine().getOut();
            GpuSetupOptions options = parent.options();
            describe(out, GpuDetection.probe(System.getenv()));
            Optional<GpuActivation> a = GpuActivation.read(options.gpuDir());
            out.println("installed: " + a.map(x -> "libtorch " + x.version() + " " + x.flavor() + " in " + x.libraryPath()
                    + " (switched on " + x.activated() + ")").orElse("no CUDA libtorch (framewise gpu setup installs one)"));
            out.println("in use:    " + ActiveLibtorch.explanation().orElseGet(() -> ActiveLibtorch.select(System.getenv())));
            out.flush();
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Switch back to the bundled CPU libtorch and delete the CUDA one.")
    static final class Remove implements Runnable {
        @ParentCommand
        GpuCommand parent;

        @Override
        public void run() {
            PrintWriter out = parent.spec.commandLine().getOut();
            GpuSetupOptions options = parent.options();
            boolean removed = new GpuSetup(options).remove();
            out.println(removed ? "switched back to the CPU libtorch from the next start; deleted " + options.gpuDir()
                    : "nothing to remove: Framewise already uses the CPU libtorch");
            out.flush();
        }
    }
}
