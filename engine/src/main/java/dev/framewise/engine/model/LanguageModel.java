package dev.framewise.engine.model;

import ai.djl.ndarray.NDManager;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.LoadProgress;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.SafetensorsFile.DType;
import dev.framewise.engine.torch.NativeProcess;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * The Qwen2 language model of a Qwen2.5-VL checkpoint (or of a plain Qwen2 model) on the tensor program:
 * Java owns the weights (the program's named tuples {@code TextWeights}/{@code DecoderLayer}/{@code Linear}), the
 * caches and the positions; every forward pass is one TorchScript call
 * ({@code language_model} / {@code decode_step} in {@code qwen2_text.py}).
 *
 * <p>Precision: weights are held in {@link Precision}, decoding computes in it, except on the CPU. There the
 * matrices are prepared for libtorch's CPU kernels ({@link CpuKernels}; one copy, read from the memory-mapped
 * safetensors files once at load; the embedding stays mapped, only its looked-up rows are read), the KV cache is
 * float32, and prefill computes in float32 (bf16 matrix products were several times slower there); bf16 weights
 * on fbgemm also decode with float32 activations.
 *
 * <p>Not thread-safe: one generation at a time.
 */
public final class LanguageModel implements AutoCloseable {
    private final TensorProgram program;
    private final TextConfig config;
    private final Precision precision;
    private final ComputeDevice device;
    private final TorchValue weights;     // TextWeights (named tuples of qwen2_text.py)
    private final TorchValue dims;        // [num_layers, num_heads, num_kv_heads, head_dim]
    private final TorchValue mropeSection;
    private final TorchValue eps;
    private final TorchValue invFreq;     // [head_dim / 2] float32 on the device
    private final TorchValue stopFlag;    // int32 [1] on the CPU: raised, a prefill call ends before its next layer
    private final Object stopLock = new Object();
    private boolean stopWatched;          // guarded by stopLock: a prefill is under way and may be stopped
    private final long weightBytes;
    private final CpuKernels kernels;
    private final DecoderLayout layout;
    private final Precision lmHead;     // the output projection's precision

    private LanguageModel(TensorProgram program, TextConfig config, Precision precision, ComputeDevice device,
                          TorchValue weights, long weightBytes, CpuKernels kernels, DecoderLayout layout,
                          Precision lmHead) {
        this.lmHead = lmHead;
        this.program = program;
        this.layout = layout;
        this.config = config;
        this.precision = precision;
        this.device = device;
        this.weights = weights;
        this.weightBytes = weightBytes;
        this.kernels = kernels;
        this.dims = TorchValue.listFrom((long) config.numLayers(), config.numHeads(), config.numKvHeads(), config.headDim());
        this.mropeSection = TorchValue.listFrom(config.mropeSection().stream().mapToLong(Integer::longValue).toArray());
        this.eps = TorchValue.from(config.rmsNormEps());
        try (TorchValue hd = TorchValue.from((long) config.headDim()); TorchValue theta = TorchValue.from(config.ropeTheta());
             TorchValue dev = TorchValue.from(device.torchName)) {
            this.invFreq = program.call("rotary_inv_freq", hd, theta, dev);
        }
        this.stopFlag = program.call("new_stop_flag");
    }

    /** What a prefill call stopped between two layers (check_stop in common.py) ends with. */
    private static final String STOPPED = "framewise: stopped";

    /** How often a prefill under way asks whether it should stop. */
    private static final long STOP_POLL_MILLIS = 20;

    private static final ScheduledExecutorService STOP_WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framewise-prefill-stop");
        t.setDaemon(true);
        return t;
    });

    /**
     * Maps the language model's weights (checking every shape against the config), places them on the device in
     * the given precision and prepares them for the program ({@code prepare_weights}, {@code prepare_layer}: fused
     * projections, and on the CPU prepared for the fastest of libtorch's kernels this machine can run, see
     * {@link CpuKernels}).
     */
    public static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint,
                                     Precision precision, ComputeDevice device) {
        return load(program, config, checkpoint, precision, device, fraction -> { });
    }

    /**
     * As {@link #load(TensorProgram, TextConfig, Weights, Precision, ComputeDevice)}, reporting 0..1 as it goes after
     * each layer; a {@link CancellationException} the callback throws stops the load there and is thrown as it is.
     */
    public static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint,
                                     Precision precision, ComputeDevice device, DoubleConsumer progress) {
        return load(program, config, checkpoint, precision, device, progress, Precision.BF16);
    }

    /**
     * As {@link #load(TensorProgram, TextConfig, Weights, Precision, ComputeDevice, DoubleConsumer)}, with the output
     * projection quantised to {@code lmHead} (int8 or int4) where the model's precision is quantised, in bf16
     * otherwise: it is the largest matrix of a small model (a third of Qwen2.5-0.5B's bytes per token), and its
     * rounding errors go straight into the logits.
     */
    public static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint,
                                     Precision precision, ComputeDevice device, DoubleConsumer progress,
                                     Precision lmHead) {
        return load(program, config, checkpoint, precision, device, progress, DecoderLayout.QWEN2, lmHead);
    }

    /** As {@link #load(TensorProgram, TextConfig, Weights, Precision, ComputeDevice, DoubleConsumer)} for a decoder of another family. */
    public static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint,
                                     Precision precision, ComputeDevice device, DoubleConsumer progress,
                                     DecoderLayout layout) {
        return load(program, config, checkpoint, precision, device, progress, layout, Precision.BF16);
    }

    /** As {@link #load(TensorProgram, TextConfig, Weights, Precision, ComputeDevice, DoubleConsumer, Precision)} for a decoder of another family. */
    public static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint,
                                     Precision precision, ComputeDevice device, DoubleConsumer progress,
                                     DecoderLayout layout, Precision lmHead) {
        if (precision.quantized() && device != ComputeDevice.CPU) {
            throw new EngineException(precision.name().toLowerCase(java.util.Locale.ROOT)
                    + " weights run on the CPU only; use --dtype bf16 on " + device + " or --device cpu");
        }
        if (precision.quantized() && !CpuKernels.quantizedAgrees(program, precision)) {
            throw new EngineException("this machine's libtorch has no correct " + precision.name().toLowerCase(
                    java.util.Locale.ROOT) + " kernel (its products disagree with plain ones); use --dtype bf16");
        }
        CpuKernels kernels = device == ComputeDevice.CPU
                ? CpuKernels.choose(program, precision) : CpuKernels.PLAIN;
        return load(program, config, checkpoint, precision, device, progress, kernels, layout, lmHead);
    }

    /** Tests compare the kernels: {@link CpuKernels#PLAIN} (unprepared weights) against the others. */
    static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint, Precision precision,
                              ComputeDevice device, DoubleConsumer progress, CpuKernels kernels) {
        return load(program, config, checkpoint, precision, device, progress, kernels, DecoderLayout.QWEN2,
                Precision.BF16);
    }

    static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint, Precision precision,
                              ComputeDevice device, DoubleConsumer progress, CpuKernels kernels, DecoderLayout layout) {
        return load(program, config, checkpoint, precision, device, progress, kernels, layout, Precision.BF16);
    }

    static LanguageModel load(TensorProgram program, TextConfig config, Weights checkpoint, Precision precision,
                              ComputeDevice device, DoubleConsumer progress, CpuKernels kernels, DecoderLayout layout,
                              Precision lmHead) {
        Precision head = !precision.quantized() ? precision : lmHead.quantized() ? lmHead : Precision.BF16;
        List<Weights.Entry> entries = requiredEntries(config, checkpoint, layout);
        List<TensorShape> shapes = layout.tensorShapes(config);
        Map<Integer, AwqMatrix> awq = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) awq.put(i, AwqMatrix.require(checkpoint, shapes.get(i)));
        }
        if (!awq.isEmpty() && precision != Precision.INT4) {
            throw new EngineException("this is an AWQ int4 checkpoint: load it with --dtype int4");
        }
        // A CPU load of int8 / int4 maps the matrices quantised by an earlier load, where that file can be trusted.
        Optional<QuantizedCache> cache = awq.isEmpty() && device == ComputeDevice.CPU
                ? QuantizedCache.of(checkpoint, shapes, config.numLayers(), precision, head, LanguageModel::note)
                : Optional.empty();
        List<QuantizedCache.Matrix> cached = new ArrayList<>(cache.flatMap(c -> c.read(program)).orElse(List.of()));
        boolean hit = !cached.isEmpty();
        Set<String> fromCache = new HashSet<>(); // checkpoint tensors a cached matrix stands for: never read
        cached.forEach(m -> fromCache.addAll(m.group().parts()));
        List<LoadStep> steps = LoadStep.of(config.numLayers());
        int perLayer = (shapes.size() - 3) / config.numLayers();
        long bytes = 0;
        LoadCounter counter = new LoadCounter(progress, steps.size(),
                precision.quantized() && awq.isEmpty() && !hit, cache.isPresent() && !hit);
        try (TorchValue dev = TorchValue.from(device.torchName); TorchValue dtype = TorchValue.from((long) precision.scalarType)) {
            for (int i = 0; i < entries.size(); i++) {
                // The model's own three tensors, then each layer's (see DecoderLayout.tensorShapes).
                LoadStep step = steps.get(i < 3 ? 0 : 1 + (i - 3) / perLayer);
                TensorShape shape = shapes.get(i);
                Weights.Entry e = entries.get(i);
                if (e == null) {
                    step.add(shape.name(), awq.get(i).tensor(program, dev));
                    bytes += Precision.INT4.matrixBytes(shape.shape()[0], shape.shape()[1]);
                    continue;
                }
                // A mapping per tensor: each tensor is released once its load step (prepare_layer) has made its own
                // copy, which unmaps the pages just read, so resident memory never holds the weights twice. The embedding
                // stays mapped; only its looked-up rows are ever read.
                if (!fromCache.contains(shape.name())) {
                    Map<String, TorchValue> mapping = new HashMap<>();
                    try {
                        step.add(shape.name(), weightTensor(program, e, mapping, dtype, dev));
                    } finally {
                        mapping.values().forEach(TorchValue::close);
                    }
                }
                long[] dims = e.info().shape();
                Precision p = shape.name().equals(LM_HEAD) ? head : precision;
                long tensorBytes = dims.length == 2 && p.quantized() && i != 0
                        ? p.matrixBytes(dims[0], dims[1]) : e.info().numel() * precision.bytes();
                bytes += tensorBytes;
                if (dims.length == 2 && i != 0) counter.add(steps.indexOf(step), tensorBytes); // the embedding stays mapped
            }
            for (QuantizedCache.Matrix m : cached) {
                LoadStep step = steps.get(m.group().layer() + 1);
                step.add(step.prefix + m.group().name() + ".codes", m.codes());
                step.add(step.prefix + m.group().name() + ".scales", m.scales());
            }
            cached.clear(); // the steps own them now
            // The steps' lists must hold the only references: Java lets each go once its step has used it.
            List<TorchValue> groups = LoadStep.arguments(steps);
            try (TorchValue pack = TorchValue.from(kernels.oneDnn()); TorchValue fp16 = TorchValue.from(kernels.fp16());
                 TorchValue pending = program.call("new_pending"); TorchValue none = TorchValue.from(0L);
                 TorchValue oneLayer = TorchValue.from((long) layout.matricesPerLayer());
                 TorchValue bits = TorchValue.from((long) (precision.quantized() ? precision.matrixBits : 0));
                 TorchValue lmHeadBits = TorchValue.from((long) (head.quantized() ? head.matrixBits : 0));
                 TorchValue group = TorchValue.from((long) Precision.INT4_GROUP)) {
                TorchValue prepared = null;
                try {
                    try (TorchValue names = groups.get(0); TorchValue own = groups.get(1)) {
                        prepared = program.call("prepare_weights", names, own, pending, pack, fp16, lmHeadBits, group);
                    }
                    // Quantising leaves each matrix's float temporaries in malloc's arenas; handing them back
                    // after every step keeps a first load's peak near the quantised model's own size.
                    boolean quantising = (precision.quantized() || head.quantized()) && !hit;
                    if (quantising) NativeProcess.releaseFreeHeap();
                    counter.stepDone(0);
                    for (int layer = 0; layer < config.numLayers(); layer++) {
                        try (TorchValue names = groups.get(2 + 2 * layer); TorchValue own = groups.get(3 + 2 * layer)) {
                            program.call(layout.entry("prepare_layer"), prepared, names, own, pending, pack, fp16,
                                    bits, group).close();
                        }
                        program.call("finish_packing", pending, oneLayer).close();
                        if (quantising) NativeProcess.releaseFreeHeap();
                        counter.stepDone(layer + 1);
                    }
                    program.call("finish_packing", pending, none).close();
                    if (cache.isPresent() && !hit) {
                        try (NDManager scope = program.newScope()) {
                            cache.get().write(program, prepared, scope, counter::written);
                        }
                        progress.accept(1); // also where writing failed (a note): the load is complete
                    }
                    NativeProcess.releaseFreeHeap();
                    return new LanguageModel(program, config, precision, device, prepared, bytes, kernels, layout,
                            head);
                } catch (RuntimeException e) {
                    if (prepared != null) prepared.close();
                    groups.forEach(TorchValue::close);
                    NativeProcess.releaseFreeHeap(); // a cancelled or failed load gives its memory back at once
                    throw e;
                } finally {
                    groups.forEach(TorchValue::close); // those a failure left unused; closing twice is harmless
                }
            }
        } catch (EngineException | CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException("cannot place the language model's weights on " + device + " in " + precision
                    + " (" + e.getMessage().lines().findFirst().orElse("") + "); free memory or try --dtype bf16", e);
        } finally {
            steps.forEach(LoadStep::close);
            cached.forEach(QuantizedCache.Matrix::close);
        }
    }

    /**
     * Tells a load's progress callback how far it is: 0..1 over the load steps (the model's own tensors, then each
     * layer), weighted by their matrices' bytes, and where the callback listens ({@link LoadProgress.Listener}) the
     * matrices and bytes done of the stage: quantising where int8 / int4 weights are made from the checkpoint,
     * loading otherwise. Where the quantised cache is written after, its writing is the last quarter of the load.
     */
    private static final class LoadCounter {
        private static final double WRITE_SHARE = 0.25;
        private final DoubleConsumer progress;
        private final LoadProgress.Stage stage;
        private final boolean writes;
        private final long[] stepMatrices;
        private final long[] stepBytes;
        private long matrices;
        private long bytes;

        LoadCounter(DoubleConsumer progress, int steps, boolean quantising, boolean writes) {
            this.progress = progress;
            this.stage = quantising ? LoadProgress.Stage.QUANTISING : LoadProgress.Stage.LOADING;
            this.writes = writes;
            this.stepMatrices = new long[steps];
            this.stepBytes = new long[steps];
        }

        void add(int step, long matrixBytes) {
            stepMatrices[step]++;
            stepBytes[step] += matrixBytes;
        }

        /** After a load step; the callback may throw CancellationException, which stops the load there. */
        void stepDone(int step) {
            long totalMatrices = Arrays.stream(stepMatrices).sum();
            long totalBytes = Arrays.stream(stepBytes).sum();
            matrices += stepMatrices[step];
            bytes += stepBytes[step];
            LoadProgress.Listener.tell(progress, new LoadProgress(stage, matrices, totalMatrices, bytes, totalBytes));
            double fraction = totalBytes == 0 ? (step + 1.0) / stepBytes.length : (double) bytes / totalBytes;
            progress.accept(writes ? (1 - WRITE_SHARE) * fraction : fraction);
        }

        /** After each matrix written to the quantised cache. */
        void written(int done, int total, long doneBytes, long totalBytes) {
            LoadProgress.Listener.tell(progress,
                    new LoadProgress(LoadProgress.Stage.WRITING_CACHE, done, total, doneBytes, totalBytes));
            progress.accept(1 - WRITE_SHARE + WRITE_SHARE * (totalBytes == 0 ? 1 : (double) doneBytes / totalBytes));
        }
    }

    /**
     * The tensors of one of the program's load steps ({@code prepare_weights}, then {@code prepare_layer} per layer),
     * by their names relative to the step's prefix ({@code model.layers.N.} for a layer's), as the program looks them up.
     */
    private static final class LoadStep implements AutoCloseable {
        final String prefix;
        private final List<TorchValue> names = new ArrayList<>();
        private final List<TorchValue> tensors = new ArrayList<>();

        private LoadStep(String prefix) {
            this.prefix = prefix;
        }

        /** The model's own step, then one per layer. */
        static List<LoadStep> of(int numLayers) {
            List<LoadStep> steps = new ArrayList<>();
            steps.add(new LoadStep(""));
            for (int layer = 0; layer < numLayers; layer++) steps.add(new LoadStep(WeightNames.layer(layer)));
            return steps;
        }

        /** Takes {@code tensor} (this step closes it) under {@code name}, a full checkpoint name. */
        void add(String name, TorchValue tensor) {
            if (!name.startsWith(prefix)) {
                tensor.close();
                throw new IllegalStateException(name + " is not under " + prefix);
            }
            tensors.add(tensor);
            names.add(TorchValue.from(name.substring(prefix.length())));
        }

        /**
         * Per step its names and its tensors as two program lists, in order; the steps' own handles are closed, so
         * that the lists hold the only references to the tensors.
         */
        static List<TorchValue> arguments(List<LoadStep> steps) {
            List<TorchValue> out = new ArrayList<>();
            try {
                for (LoadStep s : steps) {
                    out.add(TorchValue.listFrom(s.names.toArray(TorchValue[]::new)));
                    out.add(TorchValue.listFrom(s.tensors.toArray(TorchValue[]::new)));
                    s.close();
                }
                return out;
            } catch (RuntimeException e) {
                out.forEach(TorchValue::close);
                throw e;
            }
        }

        @Override
        public void close() {
            names.forEach(TorchValue::close);
            tensors.forEach(TorchValue::close);
            names.clear();
            tensors.clear();
        }
    }

    /**
     * The tensors in the layout's order, each checked against the config; null for a matrix that an AWQ checkpoint
     * holds packed ({@link AwqMatrix}).
     */
    private static List<Weights.Entry> requiredEntries(TextConfig c, Weights w, DecoderLayout layout) {
        List<Weights.Entry> out = new ArrayList<>();
        for (TensorShape t : layout.tensorShapes(c)) {
            boolean tiedToEmbedding = t.name().equals(LM_HEAD) && c.tieWordEmbeddings() && !w.contains(LM_HEAD);
            boolean awq = !w.contains(t.name()) && AwqMatrix.present(w, t.name());
            out.add(tiedToEmbedding ? out.get(0) : awq ? null : w.require(t.name(), t.shape()));
        }
        return out;
    }

    public static final String LM_HEAD = "lm_head.weight";

    /** A one-line note about loading that does not stop it (the quantised cache's), on the error stream. */
    private static void note(String text) {
        System.err.println("framewise: " + text);
    }

    /**
     * The Qwen2 language model's tensors with the shapes the config implies: the model's own three, then each
     * layer's (the load steps of qwen2_text.py look them up by name); lm_head is listed even when tied to the
     * embedding (a checkpoint may then omit it).
     */
    public static List<TensorShape> tensorShapes(TextConfig c) {
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = c.kvDim();
        long inter = c.intermediateSize();
        long vocab = c.vocabSize();
        List<TensorShape> out = new ArrayList<>();
        out.add(new TensorShape("model.embed_tokens.weight", vocab, h));
        out.add(new TensorShape("model.norm.weight", h));
        out.add(new TensorShape(LM_HEAD, vocab, h));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = WeightNames.layer(i);
            out.add(new TensorShape(p + "input_layernorm.weight", h));
            out.add(new TensorShape(p + "self_attn.q_proj.weight", q, h));
            out.add(new TensorShape(p + "self_attn.q_proj.bias", q));
            out.add(new TensorShape(p + "self_attn.k_proj.weight", kv, h));
            out.add(new TensorShape(p + "self_attn.k_proj.bias", kv));
            out.add(new TensorShape(p + "self_attn.v_proj.weight", kv, h));
            out.add(new TensorShape(p + "self_attn.v_proj.bias", kv));
            out.add(new TensorShape(p + "self_attn.o_proj.weight", h, q));
            out.add(new TensorShape(p + "post_attention_layernorm.weight", h));
            out.add(new TensorShape(p + "mlp.gate_proj.weight", inter, h));
            out.add(new TensorShape(p + "mlp.up_proj.weight", inter, h));
            out.add(new TensorShape(p + "mlp.down_proj.weight", h, inter));
        }
        return out;
    }

    /** One weight as a view of its memory-mapped file (one mapping per file and dtype in {@code mapped}), converted. */
    public static TorchValue weightTensor(TensorProgram program, Weights.Entry e, Map<String, TorchValue> mapped,
                                       TorchValue dtype, TorchValue dev) {
        SafetensorsFile file = e.file();
        DType type = e.info().dtype();
        long start = file.dataStart() + e.info().begin();
        if (start % type.bytes != 0) {
            throw new ModelFormatException(file.path() + ": tensor '" + e.info().name() + "' starts at byte " + start
                    + ", not a multiple of its " + type + " element size; the file cannot be memory-mapped");
        }
        TorchValue flat = mapped.computeIfAbsent(file.path() + "|" + type, k -> {
            try (TorchValue path = TorchValue.from(file.path().toAbsolutePath().toString());
                 TorchValue numel = TorchValue.from(file.fileSize() / type.bytes);
                 TorchValue code = TorchValue.from((long) torchCode(type))) {
                return program.call("map_file", path, numel, code);
            }
        });
        try (TorchValue offset = TorchValue.from(start / type.bytes); TorchValue shape = TorchValue.listFrom(e.info().shape())) {
            return program.call("weight_view", flat, offset, shape, dtype, dev);
        }
    }

    private static int torchCode(DType type) {
        return switch (type) {
            case BF16 -> 15;
            case F16 -> 5;
            case F32 -> 6;
            case I32 -> 3;
        };
    }

    public TextConfig config() {
        return config;
    }

    public Precision precision() {
        return precision;
    }

    public ComputeDevice device() {
        return device;
    }

    /** The kernels the matrices were prepared for ({@link CpuKernels#PLAIN} off the CPU). */
    public CpuKernels kernels() {
        return kernels;
    }

    /** The output projection's precision: the model's, or int8 / int4 beside a quantised model's (see load). */
    public Precision lmHeadPrecision() {
        return lmHead;
    }

    /** Bytes of weights one decoding step reads (all layers plus the output projection, embeddings aside). */
    public long weightBytesPerToken() {
        long embed = (long) config.vocabSize() * config.hiddenSize() * precision.bytes();
        // The weights count the embedding matrix once as input (only one row is read) and once as lm_head.
        return weightBytes - embed;
    }

    /**
     * A float32 buffer on the model's device as large as one decoding step's weights, at most 1 GiB (enough for a
     * steady figure, and a 7B model's 15 GB twice would not fit); {@link BandwidthProbe#bytesPerSecond()} reads it
     * once with {@code torch.sum}: the memory bandwidth a step's weights can be read at, at that moment.
     */
    public BandwidthProbe bandwidthProbe() {
        return bandwidthProbe(Math.min(weightBytesPerToken(), 1L << 30));
    }

    /** As {@link #bandwidthProbe()} over a buffer of {@code bytes} (rounded down to whole floats). */
    public BandwidthProbe bandwidthProbe(long bytes) {
        bytes = bytes / 4 * 4;
        try (TorchValue numel = TorchValue.from(bytes / 4); TorchValue dev = TorchValue.from(device.torchName)) {
            return new BandwidthProbe(program.call("bandwidth_buffer", numel, dev), bytes);
        }
    }

    /** See {@link #bandwidthProbe()}. */
    public final class BandwidthProbe implements AutoCloseable {
        private final TorchValue buffer;
        private final long bytes;

        private BandwidthProbe(TorchValue buffer, long bytes) {
            this.buffer = buffer;
            this.bytes = bytes;
        }

        public long bytes() {
            return bytes;
        }

        public double bytesPerSecond() {
            long t = System.nanoTime();
            program.call("read_all", buffer).close();
            return bytes / ((System.nanoTime() - t) / 1e9);
        }

        /**
         * The rate at which the output projection's matrix-vector product alone reads its matrix (the same kernel
         * as every matrix of a step): the ceiling of decoding on this machine's matrix kernels.
         */
        public double lmHeadBytesPerSecond() {
            long matrixBytes = lmHead.quantized() ? lmHead.matrixBytes(config.vocabSize(), config.hiddenSize())
                    : (long) config.vocabSize() * config.hiddenSize() * precision.bytes();
            long t = System.nanoTime();
            try (TorchValue dtype = TorchValue.from((long) decodeScalarType())) {
                program.call("lm_head_product", weights, dtype).close();
            }
            return matrixBytes / ((System.nanoTime() - t) / 1e9);
        }

        @Override
        public void close() {
            buffer.close();
        }
    }

    /**
     * FLOP/s of the prefill's own matrix kernel, measured now: {@code rows} rows (one prefill chunk) times the first
     * layer's gate/up matrix ({@code [rows × hidden] × [hidden × 2·intermediate]}, a layer's largest product) through
     * the same path and packed matrix as prefill at this precision; the median of {@code runs} ({@link KernelTimer}). The
     * yardstick of {@code bench prefill}'s "% of GEMM": what the prefill's products could reach at that shape.
     */
    public double prefillProductFlopsPerSecond(int rows, int runs) {
        double flops = 2.0 * rows * config.hiddenSize() * 2L * config.intermediateSize();
        try (TorchValue r = TorchValue.from((long) rows); TorchValue dtype = TorchValue.from((long) prefillScalarType());
             TorchValue x = program.call("product_rows", weights, r, dtype)) {
            return flops / KernelTimer.medianSeconds(() -> program.call("layer_product", weights, x).close(), runs);
        }
    }

    public KvCache newCache(int capacity) {
        Precision cacheType = device == ComputeDevice.CPU ? Precision.FP32 : precision; // see new_kv_cache
        try (TorchValue len = TorchValue.from((long) capacity); TorchValue dtype = TorchValue.from((long) cacheType.scalarType);
             TorchValue dev = TorchValue.from(device.torchName)) {
            long bytesPerPosition = 2L * config.numLayers() * config.kvDim() * cacheType.bytes();
            return new KvCache(program.call("new_kv_cache", dims, len, dtype, dev), capacity, bytesPerPosition);
        } catch (RuntimeException e) {
            throw new EngineException("not enough memory for a KV cache of " + capacity
                    + " positions; lower --max-tokens or shorten the prompt", e);
        }
    }

    /** Embeddings {@code [L, hidden]} of the prompt's token ids, in the prefill precision. */
    public TorchValue embed(int[] ids) {
        try (NDManager scope = program.newScope(); TorchValue idv = TensorProgram.longs(scope, ids, ids.length);
             TorchValue dtype = TorchValue.from((long) prefillScalarType())) {
            return program.call("embed_tokens", idv, weights, dtype);
        }
    }

    /**
     * Replaces the given rows of {@code embeds} (the vision pad tokens, in order) by {@code replacement}
     * {@code [rows.length, hidden]}; returns a new handle and leaves both arguments open.
     */
    public TorchValue replaceRows(TorchValue embeds, int[] rows, TorchValue replacement) {
        try (NDManager scope = program.newScope(); TorchValue r = TensorProgram.longs(scope, rows, rows.length)) {
            return program.call("replace_rows", embeds, r, replacement);
        }
    }

    /**
     * Runs prompt embeddings {@code [L, hidden]} at M-RoPE positions {@code [3][L]} (temporal, height, width;
     * three equal rows for text) through the model, appending them to the cache; returns the float32 logits of
     * the last position. The embeddings handle stays open.
     */
    public float[] prefill(KvCache cache, TorchValue embeds, long[][] positionIds) {
        return prefill(cache, embeds, positionIds, 0);
    }

    /**
     * Prefills only the prompt's rows from {@code from} on (the rest is already in the cache, a re-used prefix):
     * the embeddings and position ids given are the whole prompt's, the cache must hold exactly {@code from}
     * positions. Returns the float32 logits of the last position.
     */
    public float[] prefill(KvCache cache, TorchValue embeds, long[][] positionIds, int from) {
        return prefill(cache, embeds, positionIds, from, null);
    }

    /**
     * As {@link #prefill(KvCache, TorchValue, long[][], int)}, with the prompt's DeepStack features (null for none) for a
     * decoder that takes them (Qwen3-VL): their rows at or after {@code from} get them.
     */
    public float[] prefill(KvCache cache, TorchValue embeds, long[][] positionIds, int from, DeepstackFeatures deepstack) {
        return prefill(cache, embeds, positionIds, from, deepstack, defaultPrefillChunk(), ChunkProgress.NONE);
    }

    /**
     * Prompt tokens per prefill call by default. A call's working set (activations, the MLP's intermediate rows,
     * attention scores of its queries over the cache) grows with its rows; in chunks, peak memory is the weights,
     * the KV cache and one chunk's working set, whatever the prompt's length, and progress and cancellation get a
     * point between chunks. Small chunks are also faster on the CPU: the matrices' kernels (fbgemm's fp16 one above
     * all) and attention over the cache lose more to rows that no longer fit the caches than per-call costs add
     * (docs/performance.md, bench prefill --chunk).
     */
    public static final int DEFAULT_PREFILL_CHUNK = 128;

    /**
     * Prompt tokens per prefill call by default for int8 / int4 weights on the CPU. Their kernels convert each weight
     * once per few rows and cost per row falls steeply with the rows of a call, where fbgemm's fp16 kernel (bf16) is
     * already fast at 128 (docs/decode-speed.md, "Quantised prefill in larger calls"); the program takes a call's
     * matrix in blocks of outputs and checks the stop flag between them, so cancel stays prompt.
     */
    public static final int QUANTIZED_PREFILL_CHUNK = 1024;

    /** A prefill chunk of 0: the model's own default ({@link #defaultPrefillChunk()}). */
    public static final int AUTO_PREFILL_CHUNK = 0;

    /** {@link #QUANTIZED_PREFILL_CHUNK} for int8 / int4 weights on the CPU, {@link #DEFAULT_PREFILL_CHUNK} otherwise. */
    public int defaultPrefillChunk() {
        return precision.quantized() && device == ComputeDevice.CPU ? QUANTIZED_PREFILL_CHUNK : DEFAULT_PREFILL_CHUNK;
    }

    /**
     * As {@link #prefill(KvCache, TorchValue, long[][], int, DeepstackFeatures)}, in calls of at most
     * {@code chunkTokens} rows ({@link #AUTO_PREFILL_CHUNK}: {@link #defaultPrefillChunk()}), each appending to the
     * cache and attending to everything before it (the same
     * keys and values as one call: upstream's chunked prefill); {@code progress} hears after each chunk and may
     * stop the prefill by throwing {@link java.util.concurrent.CancellationException}.
     */
    public float[] prefill(KvCache cache, TorchValue embeds, long[][] positionIds, int from, DeepstackFeatures deepstack,
                           int chunkTokens, ChunkProgress progress) {
        if (cache.length() != from) {
            throw new IllegalArgumentException("the cache holds " + cache.length() + " positions, not " + from);
        }
        if (chunkTokens < 0) throw new IllegalArgumentException("prefill chunks must hold at least one token");
        if (chunkTokens == AUTO_PREFILL_CHUNK) chunkTokens = defaultPrefillChunk();
        int end = positionIds[0].length;
        int total = end - from;
        float[] logits = null;
        int start = from;
        // A chunk of a large model takes seconds on a CPU: a stop asked meanwhile raises the program's flag, which
        // it reads between layers, instead of waiting for the chunk's end.
        synchronized (stopLock) {
            stopWatched = true;
        }
        ScheduledFuture<?> watch = STOP_WATCH.scheduleWithFixedDelay(() -> raiseStopIfRequested(progress),
                STOP_POLL_MILLIS, STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
        try {
            do {
                raiseStopIfRequested(progress); // asked before the chunk: it ends at its first layer
                int length = Math.min(chunkTokens, end - start);
                logits = prefillRows(cache, embeds, positionIds, start, length, deepstack);
                start += length;
                progress.done(start - from, total);
            } while (start < end);
            return logits;
        } catch (RuntimeException e) {
            if (stopped(e)) throw new CancellationException("the prefill was stopped");
            throw e;
        } finally {
            watch.cancel(false);
            synchronized (stopLock) {
                stopWatched = false;
                program.call("clear_stop_flag", stopFlag).close();
            }
        }
    }

    private void raiseStopIfRequested(ChunkProgress progress) {
        if (!progress.stopRequested()) return;
        synchronized (stopLock) {
            if (stopWatched) program.call("raise_stop_flag", stopFlag).close();
        }
    }

    private static boolean stopped(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(STOPPED)) return true;
        }
        return false;
    }

    /** One prefill call: the prompt rows {@code [from, from + length)}, the cache holding {@code from} positions. */
    private float[] prefillRows(KvCache cache, TorchValue embeds, long[][] positionIds, int from, int length,
                                DeepstackFeatures deepstack) {
        long[] flat = new long[3 * length];
        for (int axis = 0; axis < 3; axis++) System.arraycopy(positionIds[axis], from, flat, axis * length, length);
        try (NDManager scope = program.newScope(); TorchValue pos = TensorProgram.longs(scope, flat, 3, length);
             TorchValue past = TorchValue.from((long) cache.length()); TorchValue count = TorchValue.from((long) length);
             TorchValue rows = program.call("rows_between", embeds, past, count)) {
            float[] logits;
            if (layout.takesDeepstack()) {
                int[] visual = deepstack == null ? new int[0] : deepstack.rowsIn(from, from + length);
                try (TorchValue r = TensorProgram.longs(scope, visual, visual.length);
                     TorchValue features = deepstack == null ? TensorProgram.floats(scope, new float[0], 0, 0, 0) : null;
                     TorchValue first = TorchValue.from((long) (deepstack == null ? 0 : deepstack.firstRowFrom(from)))) {
                    logits = TensorProgram.floats(scope, program.call(layout.entry("language_model"), rows, pos,
                            weights, cache.tensors, past, dims, mropeSection, eps, invFreq, r,
                            features != null ? features : deepstack.features(), first, stopFlag));
                }
            } else {
                logits = TensorProgram.floats(scope, program.call("language_model", rows, pos, weights,
                        cache.tensors, past, dims, mropeSection, eps, invFreq, stopFlag));
            }
            cache.append(length);
            return logits;
        }
    }

    /**
     * Decodes one token whose M-RoPE position is {@code position} on all three axes (for Qwen2.5-VL
     * {@code cache_position + rope_deltas}); returns the float32 logits of the next token.
     */
    public float[] decode(KvCache cache, int token, long position) {
        try (NDManager scope = program.newScope();
             TorchValue id = TensorProgram.longs(scope, new long[] {token}, 1);
             TorchValue pos = TensorProgram.longs(scope, new long[] {position, position, position}, 3, 1);
             TorchValue past = TorchValue.from((long) cache.length());
             TorchValue dtype = TorchValue.from((long) decodeScalarType())) {
            float[] logits = TensorProgram.floats(scope, program.call(layout.entry("decode_step"), id, pos, weights, cache.tensors,
                    past, dims, mropeSection, eps, invFreq, dtype));
            cache.append(1);
            return logits;
        }
    }

    /**
     * Frame evidence: runs the tokens {@code ids} that sit at cache positions {@code [start, start + n)} (at M-RoPE
     * positions {@code [3][n]}) through the model again, attending the cache without writing it, and returns for
     * every layer the attention probabilities summed over heads and these queries per key position: row-major
     * {@code [num_layers][start + n]}. Those positions must already be in the cache.
     */
    public float[] attentionMass(KvCache cache, int[] ids, long[][] positionIds, int start) {
        int length = ids.length;
        if (start + length > cache.length()) {
            throw new IllegalArgumentException("positions up to " + (start + length) + " are not in the cache ("
                    + cache.length() + ")");
        }
        long[] flat = new long[3 * length];
        for (int axis = 0; axis < 3; axis++) System.arraycopy(positionIds[axis], 0, flat, axis * length, length);
        try (NDManager scope = program.newScope(); TorchValue idv = TensorProgram.longs(scope, ids, length);
             TorchValue pos = TensorProgram.longs(scope, flat, 3, length); TorchValue from = TorchValue.from((long) start);
             TorchValue dtype = TorchValue.from((long) prefillScalarType())) {
            return TensorProgram.floats(scope, program.call(layout.entry("attention_mass"), idv, pos, weights, cache.tensors, from,
                    dims, mropeSection, eps, invFreq, dtype));
        }
    }

    private int decodeScalarType() {
        // Quantised products take float32 rows (rounded to bf16 inside, see quantized_linear.py).
        return kernels.fp16() || precision.quantized() ? Precision.FP32.scalarType : precision.scalarType;
    }

    private int prefillScalarType() {
        return device == ComputeDevice.CPU ? Precision.FP32.scalarType : precision.scalarType;
    }

    @Override
    public void close() {
        weights.close();
        dims.close();
        mropeSection.close();
        eps.close();
        invFreq.close();
        stopFlag.close();
    }
}
