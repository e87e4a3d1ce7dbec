package dev.framewise.cli;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.MachineRates;
import dev.framewise.engine.gpu.ActiveLibtorch;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.device.DecodeSpeed;
import dev.framewise.engine.store.device.DeviceDoctor;
import dev.framewise.engine.store.device.DeviceProbe;
import dev.framewise.engine.store.device.MemoryStatus;
import dev.framewise.engine.store.discovery.HubCache;
import dev.framewise.engine.store.discovery.LocalModel;
import dev.framewise.engine.store.discovery.ModelNotFoundException;
import dev.framewise.engine.store.discovery.ModelRef;
import dev.framewise.engine.store.discovery.ModelStore;
import dev.framewise.engine.store.discovery.RepoId;
import dev.framewise.engine.store.discovery.StoreLocations;
import dev.framewise.engine.store.hub.DownloadOptions;
import dev.framewise.engine.store.hub.HubClient;
import dev.framewise.engine.store.hub.ModelDownloader;
import dev.framewise.engine.store.hub.ModelVerifier;
import dev.framewise.engine.store.sizing.SizeReport;
import dev.framewise.engine.store.sizing.SizeRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code framewise models …}: find, download, verify, size up and remove models; explain the device. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Find, download, verify and size up models; explain which device will be used.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Pull.class, ModelsCommand.Verify.class,
                ModelsCommand.Info.class, ModelsCommand.Remove.class, ModelsCommand.Doctor.class})
public final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cache-dir", scope = CommandLine.ScopeType.INHERIT, description = "Hugging Face hub cache (default: HF_HUB_CACHE, HF_HOME/hub, "
            + "~/.cache/huggingface/hub)")
    Path cacheDir;

    @Option(names = "--models-dir", scope = CommandLine.ScopeType.INHERIT, description = "Framewise's own models folder (default: FRAMEWISE_MODELS_DIR, "
            + "else the platform's user data folder)")
    Path modelsDir;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand (see framewise models --help)");
    }

    ModelStore store() {
        StoreLocations detected = StoreLocations.detect();
        return new ModelStore(new StoreLocations(modelsDir != null ? modelsDir : detected.modelsDir(),
                cacheDir != null ? cacheDir : detected.hubCache()));
    }

    /** The folder of a model, complete or not: verify reports what is missing, info needs only the config. */
    Path resolveFolder(String reference) {
        try {
            return store().find(ModelRef.parse(reference));
        } catch (IllegalArgumentException e) {
            throw new ModelNotFoundException(e.getMessage());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models on this machine.")
    static final class ListModels implements Runnable {
        @ParentCommand
        ModelsCommand parent;

        @Option(names = "--add-folder", paramLabel = "DIR", description = "Also search this folder from now on.")
        Path addFolder;

        @Option(names = "--remove-folder", paramLabel = "DIR", description = "Stop searching this folder.")
        Path removeFolder;

        @Override
        public void run() {
            ModelStore store = parent.store();
            Path own = store.locations().modelsDir();
            if (addFolder != null) store.settings().withFolder(addFolder).save(own);
            if (removeFolder != null) store.settings().withoutFolder(removeFolder).save(own);
            PrintWriter out = parent.spec.commandLine().getOut();
            out.println("searched: " + own + ", " + store.locations().hubCache()
                    + store.settings().folders().stream().map(p -> ", " + p).reduce("", String::concat));
            List<LocalModel> models = store.list();
            if (models.isEmpty()) out.println("no models found; get one with: framewise models pull nvidia/Cosmos-Reason1-7B");
            for (LocalModel m : models) {
                out.printf(Locale.ROOT, "%-44s %-11s %-10s %9s  %s%n", m.name(), m.source().name().toLowerCase(Locale.ROOT),
                        m.modelType(), Bytes.human(m.bytes()), m.complete() ? m.folder()
                                : "INCOMPLETE (missing " + String.join(", ", m.missing()) + ") " + m.folder());
            }
            out.flush();
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Download a model from the Hugging Face Hub into the hub cache (resumes an interrupted pull).")
    static final class Pull implements Runnable {
        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "REPO[@REV]", description = "e.g. nvidia/Cosmos-Reason1-7B")
        String repo;

        @Option(names = "--endpoint", description = "Hub endpoint or mirror (default: HF_ENDPOINT, else https://huggingface.co)")
        URI endpoint;

        @Option(names = "--parallel", defaultValue = "4", description = "Files downloaded at once (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Override
        public void run() {
            RepoId id;
            try {
                id = RepoId.parse(repo);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(), e.getMessage());
            }
            HubClient fromEnv = HubClient.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
            HubClient client = endpoint == null ? fromEnv : fromEnv.withEndpoint(endpoint);
            DownloadOptions options = DownloadOptions.defaults().withParallelFiles(parallel);
            HubCache cache = parent.store().hubCache();
            PrintWriter out = parent.spec.commandLine().getOut();
            out.println("pulling " + id + " from " + client.endpoint() + " into " + cache.root()
                    + (client.hasToken() ? " (with HF_TOKEN)" : ""));
            out.flush();
            ProgressBar bar = new ProgressBar(out, System.console() != null);
            Path snapshot;
            try {
                snapshot = new ModelDownloader(client, cache, options).pull(id, bar, new CancellationToken());
            } finally {
                bar.finish();
            }
            out.println("done: " + snapshot);
            out.flush();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a model's files: one line per problem, exit code 1 if any.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "DIR|REPO")
        String model;

        @Option(names = "--no-hash", description = "Skip hashing the files against the download manifest.")
        boolean noHash;

        @Override
        public Integer call() {
            Path folder = parent.resolveFolder(model);
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            ModelVerifier.Report report = new ModelVerifier(!noHash).verify(folder, hashingLine(err),
                    new CancellationToken());
            report.problems().forEach(err::println);
            if (report.ok()) out.println("ok: " + folder + " (" + report.filesChecked() + " files checked)");
            out.flush();
            err.flush();
            return report.ok() ? 0 : 1;
        }

        /**
         * "hashing 1.20 GiB of 15.6 GiB  7 %" on one terminal line (stderr), erased at the end; nothing when stderr
         * is not a terminal. Ctrl-C stops the check (it changes nothing on disk).
         */
        private static ModelVerifier.HashProgress hashingLine(PrintWriter err) {
            if (System.console() == null) return ModelVerifier.HashProgress.NONE;
            long[] shownPercent = {-1};
            return (done, total) -> {
                long percent = total == 0 ? 100 : done * 100 / total;
                if (percent == shownPercent[0]) return;
                shownPercent[0] = percent;
                String line = "hashing " + Bytes.human(done) + " of " + Bytes.human(total) + "  " + percent + " %";
                err.print("\r" + line + "   " + (done >= total ? "\r" + " ".repeat(line.length() + 3) + "\r" : ""));
                err.flush();
            };
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Size up a model: parameters, weights, KV cache, vision load, and whether it fits here.")
    static final class Info implements Runnable {
        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "DIR|REPO")
        String model;

        @Option(names = "--context", defaultValue = "32768", description = "Tokens the KV cache holds (default: ${DEFAULT-VALUE}).")
        int context;

        @Option(names = "--fps", defaultValue = "0", description = "Video sampling rate (with --seconds).")
        double fps;

        @Option(names = "--seconds", defaultValue = "0", description = "Video length in seconds (with --fps).")
        double seconds;

        @Option(names = "--frame-size", defaultValue = "1280x720", paramLabel = "WxH",
                description = "Source video frame size (default: ${DEFAULT-VALUE}).")
        String frameSize;

        @Option(names = "--dtype", defaultValue = "bf16", converter = PlacementOptions.PrecisionConverter.class,
                description = "CPU precision: bf16 or fp32 (default: ${DEFAULT-VALUE}).")
        Precision dtype;

        @Option(names = "--endpoint", description = "Hub endpoint for a model not downloaded yet (default: HF_ENDPOINT).")
        URI endpoint;

        @Option(names = "--bandwidth", paramLabel = "GB/s",
                description = "CPU memory bandwidth for the speed estimate (default: measured on this machine as "
                        + "bench decode reads it, kept for " + MachineRates.MAX_AGE_DAYS + " days).")
        Double bandwidth;

        @Option(names = "--overhead", paramLabel = "MS",
                description = "Fixed cost of a decoding step for the speed estimate (default: measured on this "
                        + "machine by decoding tiny checkpoints, kept with the bandwidth).")
        Double overheadMs;

        @Option(names = "--measure", description = "Measure bandwidth and step overhead again now.")
        boolean measure;

        @Override
        public void run() {
            String[] wh = frameSize.toLowerCase(Locale.ROOT).split("x");
            SizeRequest request;
            try {
                if (wh.length != 2) throw new IllegalArgumentException("--frame-size must look like 1280x720");
                request = new SizeRequest(context, dtype == Precision.FP32, fps, seconds,
                        Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()), 30);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(), e.getMessage());
            }
            DecodeSpeed bytesPerSecond = decodeSpeed();
            MemoryStatus memory = new DeviceProbe(System.getenv()).memory();
            PrintWriter out = parent.spec.commandLine().getOut();
            Path folder;
            try {
                folder = parent.resolveFolder(model);
            } catch (ModelNotFoundException notLocal) {
                if (!(ModelRef.parse(model) instanceof ModelRef.Hub hub)) throw notLocal;
                sizeFromHub(hub.id(), request, memory, bytesPerSecond, out);
                return;
            }
            ModelInfoPrinter.print(SizeReport.assess(folder, request, memory, bytesPerSecond), folder.toString(), out);
        }

        /**
         * What {@code --bandwidth} and {@code --overhead} give; what they leave out comes from this machine's stored
         * rates, measured now when there are none, they are stale, or {@code --measure} asks.
         */
        private DecodeSpeed decodeSpeed() {
            if (bandwidth != null && overheadMs != null) {
                if (!(bandwidth > 0) || !(overheadMs >= 0)) {
                    throw new CommandLine.ParameterException(parent.spec.commandLine(),
                            "--bandwidth must be above 0 and --overhead 0 or more");
                }
                return new DecodeSpeed(bandwidth * 1e9, overheadMs / 1e3, 0, "given: --bandwidth " + bandwidth
                        + " GB/s, --overhead " + overheadMs + " ms per step");
            }
            PrintWriter err = parent.spec.commandLine().getErr();
            Calibration calibration = Calibration.forThisUser();
            MachineRates stored = calibration.readMachine("cpu");
            if (measure || stored == null || stored.staleOn(LocalDate.now())) {
                err.println("measuring this machine's memory bandwidth and decoding overhead (kept for a month; takes a few seconds)…");
                err.flush();
            }
            DecodeSpeed measured = MachineRatesProbe.cpuRates(calibration, measure, LocalDate.now()).speed();
            if (bandwidth == null && overheadMs == null) return measured;
            try {
                return new DecodeSpeed(bandwidth != null ? bandwidth * 1e9 : measured.bandwidthBytesPerSecond(),
                        overheadMs != null ? overheadMs / 1e3 : measured.stepSeconds(),
                        overheadMs != null ? 0 : measured.layerSeconds(), (bandwidth != null ? "given bandwidth "
                        + bandwidth + " GB/s; " : "given overhead " + overheadMs + " ms per step; ") + measured.basis());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(), e.getMessage());
            }
        }

        /** Not downloaded yet: size it from its config.json and weights index fetched from the Hub. */
        private void sizeFromHub(RepoId id, SizeRequest request, MemoryStatus memory, DecodeSpeed bytesPerSecond,
                                 PrintWriter out) {
            HubClient fromEnv = HubClient.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
            HubClient client = endpoint == null ? fromEnv : fromEnv.withEndpoint(endpoint);
            Path metadata;
            try {
                metadata = Files.createTempDirectory("framewise-info");
            } catch (IOException e) {
                throw new ModelNotFoundException("cannot create a temporary folder: " + e.getMessage());
            }
            try {
                String commit = new ModelDownloader(client, parent.store().hubCache(), DownloadOptions.defaults())
                        .fetchMetadata(id, metadata);
                ModelInfoPrinter.print(SizeReport.assess(metadata, request, memory, bytesPerSecond), id
                        + " (not downloaded; config.json of commit " + commit.substring(0, 12) + " at " + client.endpoint()
                        + ")", out);
            } finally {
                try (var files = Files.list(metadata)) {
                    for (Path f : files.toList()) Files.delete(f);
                    Files.delete(metadata);
                } catch (IOException ignored) {
                    // a leftover temporary folder of two small JSON files is harmless
                }
            }
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Delete a downloaded model from the hub cache (or Framewise's own models folder).")
    static final class Remove implements Runnable {
        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "REPO")
        String repo;

        @Override
        public void run() {
            ModelStore store = parent.store();
            RepoId id;
            try {
                id = RepoId.parse(repo);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(), e.getMessage());
            }
            PrintWriter out = parent.spec.commandLine().getOut();
            try {
                if (store.hubCache().remove(id)) {
                    out.println("removed " + store.hubCache().repoFolder(id));
                } else if (store.removeOwnCopy(id)) {
                    out.println("removed " + id + " from " + store.locations().modelsDir());
                } else {
                    throw new ModelNotFoundException(id.repo() + " is not in " + store.locations().hubCache() + " nor in "
                            + store.locations().modelsDir() + " (folders you added are never deleted by Framewise)");
                }
            } catch (IOException e) {
                throw new ModelNotFoundException("cannot delete " + id.repo() + ": " + e.getMessage());
            }
            out.flush();
        }
    }

    @Command(name = "doctor", mixinStandardHelpOptions = true,
            description = "Explain which libtorch build and device Framewise will use, and why.")
    static final class Doctor implements Runnable {
        @ParentCommand
        ModelsCommand parent;

        @Option(names = "--no-load", description = "Do not load libtorch (faster; the final device is then not confirmed).")
        boolean noLoad;

        @Override
        public void run() {
            PrintWriter out = parent.spec.commandLine().getOut();
            out.printf(Locale.ROOT, "  %-16s %s%n", "libtorch choice:", ActiveLibtorch.select(System.getenv()));
            for (DeviceDoctor.Line line : new DeviceDoctor(System.getenv()).examine(!noLoad)) {
                out.printf(Locale.ROOT, "%s %-16s %s%n", line.warning() ? "!" : " ", line.label() + ":", line.text());
            }
            out.flush();
        }
    }
}
