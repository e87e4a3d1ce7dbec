package dev.framewise.engine.family.qwen3vl;

import ai.djl.ndarray.NDManager;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.PixelValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
/**
 * The Qwen3-VL vision tower on the tensor program ({@code q3_vision_tower} in qwen3_vl_vision.py): Java computes the
 * patch layout ({@link Qwen3PositionGrid}) and holds the weights; one TorchScript call encodes a batch of pixel values
 * into the merged vision embeddings and the DeepStack features.
 *
 * <p>Precision: weights in {@link Precision} (memory-mapped when they are already in it), computation in float32 on
 * the CPU and in the weights' precision on a GPU. Not thread-safe.
 */
public final class Qwen3VisionTower implements AutoCloseable {
    private final TensorProgram program;
    private final Qwen3VisionConfig config;
    private final ComputeDevice device;
    private final int computeScalarType;
    private final TorchValue weights;        // Q3VisionWeights (named tuples of qwen3_vl_vision.py)
    private final TorchValue deepstackBlocks;
    private final TorchValue vdims;          // [depth, num_heads, head_dim, spatial_merge_unit]

    /** The tower's outputs for one batch: float32, row-major [tokens, out_hidden] each. */
    public record Output(float[] embeddings, List<float[]> deepstack) {
    }

    private Qwen3VisionTower(TensorProgram program, Qwen3VisionConfig config, ComputeDevice device,
                             int computeScalarType, TorchValue weights) {
        this.program = program;
        this.config = config;
        this.device = device;
        this.computeScalarType = computeScalarType;
        this.weights = weights;
        this.deepstackBlocks = TorchValue.listFrom(config.deepstackVisualIndexes().stream().mapToLong(Integer::longValue)
                .toArray());
        int merge = config.spatialMergeSize();
        this.vdims = TorchValue.listFrom(config.depth(), config.numHeads(), config.headDim(), (long) merge * merge);
    }

    /** Maps the tower's weights (each shape checked against the config) onto the device. */
    public static Qwen3VisionTower load(TensorProgram program, Qwen3VisionConfig config, Weights checkpoint,
                                        Precision precision, ComputeDevice device) {
        return new Qwen3VisionTower(program, config, device, VisionEncoder.computeScalarType(precision, device),
                VisionEncoder.placeWeights(program, "q3_vision_weights", tensorShapes(config), checkpoint, precision,
                        device));
    }

    /** The tower's tensors (canonical names; q3_vision_weights in qwen3_vl_vision.py looks them up by name). */
    public static List<TensorShape> tensorShapes(Qwen3VisionConfig c) {
        long h = c.hiddenSize();
        long merged = h * c.spatialMergeSize() * c.spatialMergeSize();
        long out = c.outHiddenSize();
        List<TensorShape> list = new ArrayList<>();
        list.add(new TensorShape("visual.patch_embed.proj.weight", h, c.inChannels(), c.temporalPatchSize(),
                c.patchSize(), c.patchSize()));
        list.add(new TensorShape("visual.patch_embed.proj.bias", h));
        list.add(new TensorShape("visual.pos_embed.weight", c.numPositionEmbeddings(), h));
        addMerger(list, "visual.merger.", h, merged, out);
        for (int k = 0; k < c.deepstackVisualIndexes().size(); k++) {
            addMerger(list, "visual.deepstack_merger_list." + k + ".", merged, merged, out);
        }
        for (int i = 0; i < c.depth(); i++) {
            String p = "visual.blocks." + i + ".";
            list.add(new TensorShape(p + "norm1.weight", h));
            list.add(new TensorShape(p + "norm1.bias", h));
            list.add(new TensorShape(p + "norm2.weight", h));
            list.add(new TensorShape(p + "norm2.bias", h));
            list.add(new TensorShape(p + "attn.qkv.weight", 3 * h, h));
            list.add(new TensorShape(p + "attn.qkv.bias", 3 * h));
            list.add(new TensorShape(p + "attn.proj.weight", h, h));
            list.add(new TensorShape(p + "attn.proj.bias", h));
            list.add(new TensorShape(p + "mlp.linear_fc1.weight", c.intermediateSize(), h));
            list.add(new TensorShape(p + "mlp.linear_fc1.bias", c.intermediateSize()));
            list.add(new TensorShape(p + "mlp.linear_fc2.weight", h, c.intermediateSize()));
            list.add(new TensorShape(p + "mlp.linear_fc2.bias", h));
        }
        return list;
    }

    private static void addMerger(List<TensorShape> list, String p, long norm, long merged, long out) {
        list.add(new TensorShape(p + "norm.weight", norm));
        list.add(new TensorShape(p + "norm.bias", norm));
        list.add(new TensorShape(p + "linear_fc1.weight", merged, merged));
        list.add(new TensorShape(p + "linear_fc1.bias", merged));
        list.add(new TensorShape(p + "linear_fc2.weight", out, merged));
        list.add(new TensorShape(p + "linear_fc2.bias", out));
    }

    public Qwen3VisionConfig config() {
        return config;
    }

    /**
     * Encodes pixel values (one or more images, or one or more videos) into the merged vision embeddings and the
     * DeepStack features, in the order they replace the pad tokens.
     */
    public Output encode(PixelValues pixels) {
        Qwen3PositionGrid grid = layout(pixels);
        try (NDManager scope = program.newScope();
             TorchValue x = TensorProgram.floats(scope, pixels.values(), pixels.patches(), pixels.patchDim());
             TorchValue indices = TensorProgram.longs(scope, grid.indices(), 4, grid.patches());
             TorchValue posWeights = TensorProgram.floats(scope, grid.weights(), 4, grid.patches());
             TorchValue rowsCols = TensorProgram.longs(scope, grid.rowsCols(), grid.patches(), 2);
             TorchValue cu = TorchValue.listFrom(Arrays.stream(grid.cuSeqlens()).asLongStream().toArray());
             TorchValue dtype = TorchValue.from((long) computeScalarType);
             TorchValue dev = TorchValue.from(device.torchName);
             TorchValue outputs = program.call("q3_vision_tower", x, weights, indices, posWeights, rowsCols, cu,
                     deepstackBlocks, vdims, dtype, dev)) {
            TorchValue[] list = outputs.elements();
            try {
                List<float[]> deepstack = new ArrayList<>();
                for (int k = 1; k < list.length; k++) deepstack.add(host(scope, list[k]));
                return new Output(host(scope, list[0]), deepstack);
            } finally {
                for (TorchValue v : list) v.close();
            }
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException("the vision tower failed on " + pixels.patches() + " patches ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "); lower --max-pixels, --fps or --nframes to give it fewer patches", e);
        }
    }

    /**
     * As {@link #encode(PixelValues)}, a single video's temporal slices {@code slicesPerCall} at a time (images and
     * several items in one call). Attention never crosses a temporal slice ({@code cu_seqlens} has one segment per
     * slice) and the position embedding is interpolated per slice, so slices encoded apart give the same outputs,
     * and a long video's activations stay those of one group. {@code progress} hears slices done of the total after
     * each call and may stop the encoding by throwing {@link java.util.concurrent.CancellationException}.
     */
    public Output encode(PixelValues pixels, int slicesPerCall, ChunkProgress progress) {
        List<GridThw> grids = pixels.grids();
        if (grids.size() != 1 || grids.get(0).t() <= slicesPerCall) {
            Output all = encode(pixels);
            progress.done(grids.get(0).t(), grids.get(0).t());
            return all;
        }
        GridThw g = grids.get(0);
        long sliceFloats = (long) g.h() * g.w() * pixels.patchDim();
        List<Output> groups = new ArrayList<>();
        for (int t = 0; t < g.t(); t += slicesPerCall) {
            int n = Math.min(slicesPerCall, g.t() - t);
            float[] values = Arrays.copyOfRange(pixels.values(), (int) (t * sliceFloats), (int) ((t + n) * sliceFloats));
            groups.add(encode(new PixelValues(values, pixels.patchDim(), List.of(new GridThw(n, g.h(), g.w())))));
            progress.done(t + n, g.t());
        }
        return concatenate(groups);
    }

    /** The outputs of consecutive groups as one: embeddings after embeddings, each DeepStack level likewise. */
    private static Output concatenate(List<Output> groups) {
        float[] embeddings = joined(groups.stream().map(Output::embeddings).toList());
        List<float[]> deepstack = new ArrayList<>();
        for (int level = 0; level < groups.get(0).deepstack().size(); level++) {
            int k = level;
            deepstack.add(joined(groups.stream().map(o -> o.deepstack().get(k)).toList()));
        }
        return new Output(embeddings, deepstack);
    }

    private static float[] joined(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** The interpolated position embedding and the patch embedding (Conv3d output plus it), float32 [patches, hidden]. */
    public float[][] embeddings(PixelValues pixels) {
        Qwen3PositionGrid grid = layout(pixels);
        try (NDManager scope = program.newScope();
             TorchValue x = TensorProgram.floats(scope, pixels.values(), pixels.patches(), pixels.patchDim());
             TorchValue indices = TensorProgram.longs(scope, grid.indices(), 4, grid.patches());
             TorchValue posWeights = TensorProgram.floats(scope, grid.weights(), 4, grid.patches());
             TorchValue dtype = TorchValue.from((long) computeScalarType);
             TorchValue outputs = program.call("q3_vision_embeddings", x, weights, indices, posWeights, dtype)) {
            TorchValue[] list = outputs.elements();
            try {
                return new float[][] {host(scope, list[0]), host(scope, list[1])};
            } finally {
                for (TorchValue v : list) v.close();
            }
        }
    }

    private Qwen3PositionGrid layout(PixelValues pixels) {
        return Qwen3PositionGrid.of(pixels.grids(), config.positionGridSide(), config.spatialMergeSize());
    }

    private float[] host(NDManager scope, TorchValue tensor) {
        return TensorProgram.floats(scope, program.call("q3_host_float32", tensor));
    }

    @Override
    public void close() {
        weights.close();
        deepstackBlocks.close();
        vdims.close();
    }
}
