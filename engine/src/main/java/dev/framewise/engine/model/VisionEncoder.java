package dev.framewise.engine.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.PixelValues;
import dev.framewise.engine.vision.VisionWindows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Qwen2.5-VL vision tower on the tensor program ({@code vision_tower} in {@code qwen2_5_vl_vision.py}):
 * Java computes the layout (window order, attention segments, each patch's row and column) and holds the
 * weights; one TorchScript call encodes a batch of pixel values into merged vision embeddings.
 *
 * <p>Precision: weights in {@link Precision} (bf16 stays memory-mapped: the tower runs once per image, so packing its
 * matrices as the language model's would not pay), computation in float32 on the CPU and in the weights' precision
 * on a GPU. Not thread-safe.
 */
public final class VisionEncoder implements AutoCloseable {
    private static final double GIB = 1 << 30;

    private final TensorProgram program;
    private final VisionConfig config;
    private final ComputeDevice device;
    private final int computeScalarType;
    private final TorchValue weights;     // VisionWeights (named tuples of qwen2_5_vl_vision.py)
    private final TorchValue fullBlocks;  // fullatt_block_indexes
    private final TorchValue vdims;       // [depth, num_heads, head_dim, spatial_merge_unit]
    private int towerRuns;

    private VisionEncoder(TensorProgram program, VisionConfig config, ComputeDevice device, int computeScalarType,
                          TorchValue weights) {
        this.program = program;
        this.config = config;
        this.device = device;
        this.computeScalarType = computeScalarType;
        this.weights = weights;
        this.fullBlocks = TorchValue.listFrom(config.fullAttentionBlocks().stream().mapToLong(Integer::longValue).toArray());
        int merge = config.spatialMergeSize();
        this.vdims = TorchValue.listFrom(config.depth(), config.numHeads(), config.headDim(), (long) merge * merge);
    }

    /** Maps the vision tower's weights (each shape checked against the config) onto the device. */
    public static VisionEncoder load(TensorProgram program, VisionConfig config, Weights checkpoint,
                                     Precision precision, ComputeDevice device) {
        if (!config.hiddenAct().equals("silu")) {
            throw new ModelFormatException("vision_config.hidden_act '" + config.hiddenAct()
                    + "' is not supported: the Qwen2.5-VL vision tower uses silu");
        }
        return new VisionEncoder(program, config, device, computeScalarType(precision, device),
                placeWeights(program, "vision_weights", tensorShapes(config), checkpoint, precision, device));
    }

    /** The dtype a vision tower computes in: float32 on the CPU (no fast bf16 GEMM there), else the weights'. */
    public static int computeScalarType(Precision precision, ComputeDevice device) {
        return device == ComputeDevice.CPU ? Precision.FP32.scalarType : precision.scalarType;
    }

    /**
     * A vision tower's tensors (each shape checked against the config) on the device in the precision, as the
     * program's entry {@code build} makes its weights of them (named tuples) from their names relative to
     * {@code visual.} and the tensors; the caller owns the result. A tower that does not fit says what to do.
     */
    public static TorchValue placeWeights(TensorProgram program, String build, List<TensorShape> shapes,
                                          Weights checkpoint, Precision precision, ComputeDevice device) {
        List<Weights.Entry> entries = shapes.stream().map(t -> checkpoint.require(t.name(), t.shape())).toList();
        Map<String, TorchValue> mapped = new HashMap<>();
        List<TorchValue> names = new ArrayList<>();
        List<TorchValue> tensors = new ArrayList<>();
        try (TorchValue dev = TorchValue.from(device.torchName); TorchValue dtype = TorchValue.from((long) precision.scalarType)) {
            for (int i = 0; i < shapes.size(); i++) {
                String name = shapes.get(i).name();
                if (!name.startsWith(VISUAL)) throw new IllegalStateException(name + " is not under " + VISUAL);
                names.add(TorchValue.from(name.substring(VISUAL.length())));
                tensors.add(LanguageModel.weightTensor(program, entries.get(i), mapped, dtype, dev));
            }
            try (TorchValue nameList = TorchValue.listFrom(names.toArray(TorchValue[]::new));
                 TorchValue tensorList = TorchValue.listFrom(tensors.toArray(TorchValue[]::new))) {
                return program.call(build, nameList, tensorList);
            }
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException("cannot place the vision tower's weights on " + device + " in " + precision
                    + " (" + e.getMessage().lines().findFirst().orElse("") + "); free memory or try --dtype bf16", e);
        } finally {
            names.forEach(TorchValue::close);
            tensors.forEach(TorchValue::close);
            mapped.values().forEach(TorchValue::close);
        }
    }

    private static final String VISUAL = "visual.";

    /** The tower's tensors (vision_weights in qwen2_5_vl_vision.py looks them up by name). */
    public static List<TensorShape> tensorShapes(VisionConfig c) {
        long h = c.hiddenSize();
        long merged = h * c.spatialMergeSize() * c.spatialMergeSize();
        long inter = c.intermediateSize();
        List<TensorShape> out = new ArrayList<>();
        out.add(new TensorShape("visual.patch_embed.proj.weight", h, c.inChannels(), c.temporalPatchSize(),
                c.patchSize(), c.patchSize()));
        out.add(new TensorShape("visual.merger.ln_q.weight", h));
        out.add(new TensorShape("visual.merger.mlp.0.weight", merged, merged));
        out.add(new TensorShape("visual.merger.mlp.0.bias", merged));
        out.add(new TensorShape("visual.merger.mlp.2.weight", c.outHiddenSize(), merged));
        out.add(new TensorShape("visual.merger.mlp.2.bias", c.outHiddenSize()));
        for (int i = 0; i < c.depth(); i++) {
            String p = "visual.blocks." + i + ".";
            out.add(new TensorShape(p + "norm1.weight", h));
            out.add(new TensorShape(p + "norm2.weight", h));
            out.add(new TensorShape(p + "attn.qkv.weight", 3 * h, h));
            out.add(new TensorShape(p + "attn.qkv.bias", 3 * h));
            out.add(new TensorShape(p + "attn.proj.weight", h, h));
            out.add(new TensorShape(p + "attn.proj.bias", h));
            out.add(new TensorShape(p + "mlp.gate_proj.weight", inter, h));
            out.add(new TensorShape(p + "mlp.gate_proj.bias", inter));
            out.add(new TensorShape(p + "mlp.up_proj.weight", inter, h));
            out.add(new TensorShape(p + "mlp.up_proj.bias", inter));
            out.add(new TensorShape(p + "mlp.down_proj.weight", h, inter));
            out.add(new TensorShape(p + "mlp.down_proj.bias", h));
        }
        return out;
    }

    public VisionConfig config() {
        return config;
    }

    /**
     * Encodes pixel values (one or more images, or one or more videos) into the merged vision embeddings
     * {@code [tokens, out_hidden]}, in the order they replace the pad tokens; the handle must be closed.
     */
    public TorchValue encode(PixelValues pixels) {
        List<GridThw> grids = pixels.grids();
        checkFits(grids, config, computeScalarType == Precision.FP32.scalarType ? 4 : 2, DeviceMemory.freeBytes(device),
                device);
        int merge = config.spatialMergeSize();
        VisionWindows windows = VisionWindows.of(grids, config.windowSize(), merge, config.patchSize());
        try (NDManager scope = program.newScope();
             TorchValue x = pixelTensor(scope, pixels);
             TorchValue rowsCols = TensorProgram.longs(scope, patchRowsCols(grids, merge), pixels.patches(), 2);
             TorchValue windowIndex = TensorProgram.longs(scope, windows.windowIndex(), windows.windowIndex().length);
             TorchValue reverse = TensorProgram.longs(scope, windows.reverseIndex(), windows.windowIndex().length);
             TorchValue cuWindow = TorchValue.listFrom(Arrays.stream(windows.cuWindowSeqlens()).asLongStream().toArray());
             TorchValue cu = TorchValue.listFrom(Arrays.stream(windows.cuSeqlens()).asLongStream().toArray());
             TorchValue dtype = TorchValue.from((long) computeScalarType);
             TorchValue dev = TorchValue.from(device.torchName)) {
            towerRuns++;
            return program.call("vision_tower", x, weights, rowsCols, windowIndex, reverse, cuWindow, cu, fullBlocks,
                    vdims, dtype, dev);
        } catch (RuntimeException e) {
            throw new EngineException("the vision tower failed on " + pixels.patches() + " patches ("
                    + e.getMessage().lines().findFirst().orElse("")
                    + "); lower --max-pixels, --fps or --nframes to give it fewer patches", e);
        }
    }

    /**
     * Temporal slices of a video ({@code temporal_patch_size} frames each) per tower call in
     * {@link #encodeToHost}: the tower's attention, windowed or full, never crosses a slice ({@code cu_seqlens} has
     * one segment per slice), so slices encoded apart give the same embeddings, and a long video's activations
     * stay those of one group.
     */
    public static final int SLICES_PER_CALL = 8;

    /**
     * The merged vision embeddings of {@code pixels} as float32 on the host, a single video's temporal slices
     * encoded {@code slicesPerCall} at a time (images and several items in one call); {@code progress} hears
     * slices done of the total after each call and may stop by throwing
     * {@link java.util.concurrent.CancellationException}.
     */
    public float[] encodeToHost(PixelValues pixels, int slicesPerCall, ChunkProgress progress) {
        List<GridThw> grids = pixels.grids();
        if (grids.size() != 1 || grids.get(0).t() <= slicesPerCall) {
            float[] all;
            try (TorchValue embeddings = encode(pixels)) {
                all = toHostFloats(embeddings);
            }
            progress.done(grids.get(0).t(), grids.get(0).t());
            return all;
        }
        GridThw g = grids.get(0);
        int sliceFloats = g.h() * g.w() * pixels.patchDim();
        int merge = config.spatialMergeSize();
        int sliceOut = g.h() * g.w() / (merge * merge) * config.outHiddenSize();
        float[] out = new float[g.t() * sliceOut];
        for (int t = 0; t < g.t(); t += slicesPerCall) {
            int n = Math.min(slicesPerCall, g.t() - t);
            float[] values = Arrays.copyOfRange(pixels.values(), t * sliceFloats, (t + n) * sliceFloats);
            try (TorchValue embeddings = encode(new PixelValues(values, pixels.patchDim(), List.of(new GridThw(n, g.h(), g.w()))))) {
                float[] part = toHostFloats(embeddings);
                System.arraycopy(part, 0, out, t * sliceOut, part.length);
            }
            progress.done(t + n, g.t());
        }
        return out;
    }

    /**
     * Refuses an encode whose activations would not fit in the device's free memory, before starting it, with
     * what to change. The estimate ({@link #activationBytes}) is deliberately rough; it catches requests that are
     * far too large (a long video at full resolution), not borderline ones.
     */
    static void checkFits(List<GridThw> grids, VisionConfig config, int valueBytes, long free, ComputeDevice device) {
        long needed = activationBytes(grids, config, valueBytes);
        if (free > 0 && needed > free) {
            int patches = grids.stream().mapToInt(GridThw::patches).sum();
            throw new EngineException(String.format(Locale.ROOT, "encoding %d vision patches needs about "
                    + "%.1f GiB of memory for activations but only %.1f GiB are free on %s; lower --max-pixels, "
                    + "--fps or --nframes (or shorten the clip with --start/--end)", patches, needed / GIB,
                    free / GIB, device));
        }
    }

    /**
     * Peak activation bytes of one encode, roughly: per patch the residual stream, the normed input, q/k/v, q and k
     * rotated in float32, the attention output and the MLP's gate, up and product rows; plus the attention scores
     * of the largest full-attention segment (one image or temporal slice; the CPU's attention materialises them).
     */
    static long activationBytes(List<GridThw> grids, VisionConfig c, int valueBytes) {
        long patches = grids.stream().mapToLong(GridThw::patches).sum();
        long perPatch = valueBytes * (6L * c.hiddenSize() + 3L * c.intermediateSize()) + 4L * 2 * c.hiddenSize();
        long segment = grids.stream().mapToLong(g -> (long) g.h() * g.w()).max().orElse(0);
        return patches * perPatch + 4L * c.numHeads() * segment * segment;
    }

    /** The Conv3d patch embedding alone, float32 on the host, in processor patch order. */
    public float[] patchEmbed(PixelValues pixels) {
        try (NDManager scope = program.newScope(); TorchValue x = pixelTensor(scope, pixels);
             TorchValue dtype = TorchValue.from((long) computeScalarType)) {
            try (TorchValue embedded = program.call("vision_patch_embed", x, weights, dtype)) {
                return toHost(scope, embedded);
            }
        }
    }

    /** A float32 host copy of an embeddings handle (which stays open). */
    public float[] toHostFloats(TorchValue embeddings) {
        try (NDManager scope = program.newScope()) {
            return toHost(scope, embeddings);
        }
    }

    /** How many times the tower has run (each {@link #encode} call counts once). */
    public int towerRuns() {
        return towerRuns;
    }

    private float[] toHost(NDManager scope, TorchValue tensor) {
        return TensorProgram.floats(scope, program.call("host_float32", tensor));
    }

    private static TorchValue pixelTensor(NDManager scope, PixelValues pixels) {
        return TorchValue.from(scope.create(pixels.values(), new Shape(pixels.patches(), pixels.patchDim())));
    }

    /**
     * {@code rot_pos_emb}'s pos_ids: the (row, column) of every patch in processor order (2 × 2 merge groups
     * row-major, repeated for each temporal slice), flattened to [patches · 2].
     */
    static long[] patchRowsCols(List<GridThw> grids, int merge) {
        int total = grids.stream().mapToInt(GridThw::patches).sum();
        long[] out = new long[2 * total];
        int k = 0;
        for (GridThw g : grids) {
            for (int t = 0; t < g.t(); t++) {
                for (int bh = 0; bh < g.h() / merge; bh++) {
                    for (int bw = 0; bw < g.w() / merge; bw++) {
                        for (int mh = 0; mh < merge; mh++) {
                            for (int mw = 0; mw < merge; mw++) {
                                out[k++] = (long) bh * merge + mh;
                                out[k++] = (long) bw * merge + mw;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        weights.close();
        fullBlocks.close();
        vdims.close();
    }
}
