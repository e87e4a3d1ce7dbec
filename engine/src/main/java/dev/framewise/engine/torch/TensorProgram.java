package dev.framewise.engine.torch;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A TorchScript program loaded into libtorch through DJL: the model's arithmetic, called one method at a
 * time from Java. Method results are {@link TorchValue} handles the caller must close; bf16 tensors may only
 * ever live behind such handles (DJL's NDArray API aborts the JVM on bf16).
 */
public final class TensorProgram implements AutoCloseable {

    /**
     * The sources every family's program includes besides its own (helpers its functions call as
     * {@code self.name(...)}), and one of {@link #CPU_KERNELS} or {@link #PLAIN_LINEAR}.
     */
    public static final List<String> SHARED_SOURCES = List.of("/dev/framewise/engine/torch/common.py",
            "/dev/framewise/engine/torch/bandwidth_probe.py",
            "/dev/framewise/engine/torch/quantized_linear.py");
    static final String CPU_KERNELS = "/dev/framewise/engine/torch/linear_cpu.py";
    static final String PLAIN_LINEAR = "/dev/framewise/engine/torch/linear_plain.py";

    private final PtNDManager manager;
    private final PtSymbolBlock module;

    private TensorProgram(PtNDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
    }

    /**
     * Compiles a model family's program, class {@code className} (the family's own namespace: two families may
     * both define {@code attention}), from its sources plus the shared ones, with matrix products on the x86 CPU
     * kernels (oneDNN's mkldnn ops, fbgemm) where libtorch has them, on plain ones otherwise (e.g. builds for ARM
     * Macs).
     */
    public static TensorProgram loadModelProgram(String className, List<String> familySources) {
        try {
            return loadModelProgram(className, familySources, CPU_KERNELS);
        } catch (EngineException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("mkldnn") && !message.contains("fbgemm")) throw e;
            return loadPlainModelProgram(className, familySources);
        }
    }

    /** A family's program on plain matrix products only, as on a libtorch without oneDNN or fbgemm. */
    public static TensorProgram loadPlainModelProgram(String className, List<String> familySources) {
        return loadModelProgram(className, familySources, PLAIN_LINEAR);
    }

    private static TensorProgram loadModelProgram(String className, List<String> familySources, String linearSource) {
        List<String> sources = new ArrayList<>(familySources);
        sources.addAll(SHARED_SOURCES);
        sources.add(linearSource);
        return load(TorchScriptArchive.fromResources(className, sources));
    }

    public static TensorProgram load(TorchScriptArchive archive) {
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager("PyTorch");
        Path file = null;
        try {
            file = Files.createTempFile("framewise-program", ".pt");
            archive.write(file);
            PtSymbolBlock module = TorchValue.loadModule(manager, file);
            return new TensorProgram(manager, module);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            manager.close();
            throw new EngineException("the TorchScript model program does not compile: " + e.getMessage(), e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    /**
     * Calls a method; the arguments stay owned by the caller, the result must be closed. The graph
     * executor's optimiser is switched off (a thread-local setting): it re-specialises the graph for every new
     * KV-cache length, which made decoding ~20x slower and grew memory with every token.
     */
    public TorchValue call(String method, TorchValue... args) {
        return TorchValue.runMethod(module, method, args);
    }

    /** A manager for short-lived host tensors (inputs and outputs of calls); close it after the call. */
    public NDManager newScope() {
        return manager.newSubManager();
    }

    /** Host arrays still open in this program's scopes (each call's inputs and outputs are closed after it). */
    public int openHostArrays() {
        return manager.getManagedArrays().size();
    }

    /** An int64 tensor handle of the given shape (ids, positions). */
    public static TorchValue longs(NDManager scope, long[] data, long... shape) {
        return TorchValue.from(scope.create(data, new Shape(shape)));
    }

    /** As {@link #longs(NDManager, long[], long...)} for int values (token ids, indices), widened to int64. */
    public static TorchValue longs(NDManager scope, int[] data, long... shape) {
        return longs(scope, Arrays.stream(data).asLongStream().toArray(), shape);
    }

    /** A float32 tensor handle of the given shape. */
    public static TorchValue floats(NDManager scope, float[] data, long... shape) {
        return TorchValue.from(scope.create(data, new Shape(shape)));
    }

    /** Copies a float32 tensor result to Java and closes the handle. */
    public static float[] floats(NDManager scope, TorchValue result) {
        try (result) {
            return result.toTensor(scope).toFloatArray();
        }
    }

    /** libtorch's intra-op threads (what matrix products split over). */
    public static int threads() {
        return TorchValue.threads();
    }

    /** Sets libtorch's intra-op threads for the whole process. */
    public static void setThreads(int threads) {
        TorchValue.setThreads(threads);
    }

    /** Gives the CUDA caching allocator's unused blocks back to the device (after a model is closed). */
    public static void emptyCudaCache() {
        TorchValue.emptyCudaCache();
    }

    /** Where the loaded libtorch library comes from. */
    public static String libtorchPath() {
        return TorchValue.libraryPath();
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
