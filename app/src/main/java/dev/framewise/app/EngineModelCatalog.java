package dev.framewise.app;

import dev.framewise.app.viewmodel.ModelCatalog;
import dev.framewise.app.viewmodel.ModelChoice;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.MachineRates;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.store.FileTrees;
import dev.framewise.engine.store.device.DecodeSpeed;
import dev.framewise.engine.store.device.DeviceProbe;
import dev.framewise.engine.store.device.MemoryBandwidth;
import dev.framewise.engine.store.device.MemoryStatus;
import dev.framewise.engine.store.discovery.LocalModel;
import dev.framewise.engine.store.discovery.ModelStore;
import dev.framewise.engine.store.discovery.RepoId;
import dev.framewise.engine.store.discovery.StoreLocations;
import dev.framewise.engine.store.hub.DownloadException;
import dev.framewise.engine.store.hub.DownloadOptions;
import dev.framewise.engine.store.hub.DownloadProgress;
import dev.framewise.engine.store.hub.HubClient;
import dev.framewise.engine.store.hub.ModelDownloader;
import dev.framewise.engine.store.hub.ModelVerifier;
import dev.framewise.engine.store.sizing.FitCheck;
import dev.framewise.engine.store.sizing.SizeReport;
import dev.framewise.engine.store.sizing.SizeRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The product's {@link ModelCatalog}: the engine's model store, sizer and downloader, the same that
 * {@code framewise models list}, {@code info}, {@code pull} and {@code verify} use, so the picker and the command
 * line never disagree. The one class of the app that uses the store (see {@code ArchitectureTest}).
 */
public final class EngineModelCatalog implements ModelCatalog {
    /** {@code framewise models info}'s defaults: bf16, its default context, no video. */
    private static final SizeRequest INFO_DEFAULTS =
            new SizeRequest(FitCheck.DEFAULT_CONTEXT_TOKENS, false, 0, 0, 1280, 720, 30);

    private final ModelStore store;
    private final HubClient hub;
    private final DownloadOptions options;
    private final Supplier<MemoryStatus> memory;
    private final Supplier<DecodeSpeed> speed;

    /**
     * @param memory    this machine's free memory, asked at each listing and check
     * @param bandwidth the CPU's memory bandwidth in bytes/s, for the decoding speed of a model that fits in RAM
     */
    public EngineModelCatalog(ModelStore store, HubClient hub, DownloadOptions options, Supplier<MemoryStatus> memory,
                              DoubleSupplier bandwidth) {
        this(store, hub, options, memory, (Supplier<DecodeSpeed>) () -> DecodeSpeed.bandwidthOnly(bandwidth.getAsDouble()));
    }

    /** @param speed the CPU's decoding speed model, for a model that fits in RAM */
    public EngineModelCatalog(ModelStore store, HubClient hub, DownloadOptions options, Supplier<MemoryStatus> memory,
                              Supplier<DecodeSpeed> speed) {
        this.store = store;
        this.hub = hub;
        this.options = options;
        this.memory = memory;
        this.speed = speed;
    }

    /**
     * The user's folders and Hub settings from the environment, as the command line finds them. The decoding speed is
     * {@code framewise models info}'s (bandwidth and step overhead it measured, kept in the calibration folder) while
     * those are fresh; else the bandwidth alone, measured once here.
     */
    public static EngineModelCatalog forUser() {
        Map<String, String> env = System.getenv();
        DecodeSpeed[] measured = {null};
        return new EngineModelCatalog(new ModelStore(StoreLocations.detect()),
                HubClient.fromEnvironment(env, Path.of(System.getProperty("user.home"))), DownloadOptions.defaults(),
                () -> new DeviceProbe(env).memory(), (Supplier<DecodeSpeed>) () -> {
                    synchronized (measured) { // measured once, on first need: it takes a moment and 128 MiB
                        if (measured[0] == null) {
                            MachineRates stored = Calibration.forThisUser().readMachine("cpu");
                            measured[0] = stored != null && !stored.staleOn(LocalDate.now()) ? stored.speed()
                                    : DecodeSpeed.bandwidthOnly(MemoryBandwidth.measure());
                        }
                        return measured[0];
                    }
                });
    }

    @Override
    public List<ModelChoice> findModels() {
        MemoryStatus now = memory.get();
        List<ModelChoice> found = new ArrayList<>();
        for (LocalModel m : store.list()) {
            ModelChoice.Source source = switch (m.source()) {
                case FRAMEWISE -> ModelChoice.Source.FRAMEWISE;
                case USER_FOLDER -> ModelChoice.Source.USER_FOLDER;
                case HUB_CACHE -> ModelChoice.Source.HUB_CACHE;
            };
            String family = ModelFamilies.find(m.modelType()).map(f -> f.name()).orElse(m.modelType());
            try {
                SizeReport report = SizeReport.assess(m.folder(), INFO_DEFAULTS, now, speed.get());
                found.add(new ModelChoice(m.name(), source, m.folder(), null, m.bytes(), family, precision(report),
                        shortFit(report.verdict()), report.verdict().text(), m.missing()));
            } catch (EngineException | IllegalArgumentException e) {
                found.add(new ModelChoice(m.name(), source, m.folder(), null, m.bytes(), family, "", "cannot tell",
                        "cannot be sized up: " + e.getMessage(), m.missing()));
            }
        }
        return found;
    }

    @Override
    public void addFolder(Path folder) {
        store.settings().withFolder(folder).save(store.locations().modelsDir());
    }

    @Override
    public RepoCheck check(String repo, String token) {
        RepoId id = parse(repo);
        Path metadata;
        try {
            metadata = Files.createTempDirectory("framewise-check");
        } catch (IOException e) {
            throw new Failure(Failure.Reason.OTHER, "cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            new ModelDownloader(client(token), store.hubCache(), options).fetchMetadata(id, metadata);
            SizeReport report = SizeReport.assess(metadata, INFO_DEFAULTS, memory.get(), speed.get());
            String family = ModelFamilies.forModelType(report.config().modelType()).name();
            return new RepoCheck(id.toString(), report.weights().bytes(), family, precision(report),
                    shortFit(report.verdict()), report.verdict().text());
        } catch (DownloadException e) {
            throw failure(e);
        } catch (EngineException e) {
            throw new Failure(Failure.Reason.OTHER, id + " cannot be run by Framewise: " + e.getMessage(), e);
        } finally {
            try {
                FileTrees.delete(metadata);
            } catch (IOException ignored) {
                // two small JSON files left in the temporary folder are harmless
            }
        }
    }

    @Override
    public Path download(String repo, String token, Consumer<DownloadProgress> progress, CancellationToken cancel) {
        try {
            return new ModelDownloader(client(token), store.hubCache(), options).pull(parse(repo), progress::accept,
                    cancel);
        } catch (DownloadException e) {
            throw failure(e);
        }
    }

    @Override
    public Verification verify(Path folder) {
        return verify(folder, (done, total) -> { }, new CancellationToken());
    }

    @Override
    public Verification verify(Path folder, BiConsumer<Long, Long> hashed, CancellationToken cancel) {
        try {
            ModelVerifier.Report report = new ModelVerifier(true).verify(folder, hashed::accept, cancel);
            return new Verification(report.filesChecked(), report.problems());
        } catch (DownloadException e) {
            throw failure(e);
        }
    }

    /** Without a finished snapshot the repository's whole cache folder goes; else only its partial blobs. */
    @Override
    public void discardPartial(String repo) {
        RepoId id = parse(repo);
        Path folder = store.hubCache().repoFolder(id);
        try {
            if (!Files.isDirectory(folder)) return;
            Path snapshots = folder.resolve("snapshots");
            boolean finished;
            try (Stream<Path> s = Files.isDirectory(snapshots) ? Files.list(snapshots) : Stream.empty()) {
                finished = s.findAny().isPresent();
            }
            if (!finished) {
                store.hubCache().remove(id);
                return;
            }
            Path blobs = folder.resolve("blobs");
            if (!Files.isDirectory(blobs)) return;
            try (Stream<Path> files = Files.list(blobs)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".incomplete")).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new Failure(Failure.Reason.OTHER, "cannot delete the partial download in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String modelPage(String repo) {
        return hub.endpoint() + "/" + parse(repo).repo();
    }

    private HubClient client(String token) {
        return token == null || token.isBlank() ? hub : new HubClient(hub.endpoint(), token);
    }

    private static RepoId parse(String repo) {
        try {
            return RepoId.parse(repo.strip());
        } catch (IllegalArgumentException e) {
            throw new Failure(Failure.Reason.NOT_FOUND, e.getMessage(), e);
        }
    }

    private static Failure failure(DownloadException e) {
        Failure.Reason reason = switch (e.reason()) {
            case GATED -> Failure.Reason.GATED;
            case NOT_FOUND -> Failure.Reason.NOT_FOUND;
            case CANCELLED -> Failure.Reason.CANCELLED;
            default -> Failure.Reason.OTHER;
        };
        return new Failure(reason, e.getMessage(), e);
    }

    /** The dtype most of the weights are stored in, by the names the engine's {@code --dtype} uses. */
    static String precision(SizeReport report) {
        return report.weights().byDtype().entrySet().stream().max(Comparator.comparingLong(e -> e.getValue()[1]))
                .map(e -> switch (e.getKey().toUpperCase(Locale.ROOT)) {
                    case "BF16", "BFLOAT16" -> "bf16";
                    case "F32", "FLOAT32" -> "fp32";
                    case "F16", "FLOAT16" -> "fp16";
                    default -> e.getKey().toLowerCase(Locale.ROOT);
                }).orElse("");
    }

    /** The verdict in a few words, for a table column: "fits in RAM (int8) · ~9 tokens/s". */
    static String shortFit(FitCheck.Verdict v) {
        return switch (v.kind()) {
            case FITS_GPU -> "fits on GPU";
            case FITS_RAM -> "fits in RAM" + (v.precision().quantized()
                    ? " (" + v.precision().name().toLowerCase(Locale.ROOT) + ")" : "")
                    + (v.tokensPerSecond() > 0 ? String.format(Locale.ROOT,
                    v.tokensPerSecond() >= 10 ? " · ~%.0f tokens/s" : " · ~%.1f tokens/s", v.tokensPerSecond()) : "");
            case DOES_NOT_FIT -> "does not fit";
        };
    }
}
