package dev.framewise.engine.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TorchScript value (libtorch's {@code IValue}: a tensor, a number, a string, a list, a tuple, a named tuple) held
 * by Java for the arguments and results of {@link TensorProgram} calls; close it when done. bf16 tensors may only
 * ever live behind such handles (DJL's NDArray API aborts the JVM on bf16).
 *
 * <p>This is the one file that uses DJL's internal JNI package ({@code ai.djl.pytorch.jni}: {@code IValue},
 * {@code IValueUtils}, {@code JniUtils}, {@code LibUtils}), for which DJL has no public API; a DJL upgrade that
 * moves or changes them touches this file only. Everything else uses DJL's public API or this class
 * ({@code FamilySeamArchitectureTest} checks it).
 */
public final class TorchValue implements AutoCloseable {
    // Counted so that tests can tell a handle left open (libtorch memory nobody frees) exactly, where the
    // process's resident size only hints at it through the allocator's and the JVM's own growth.
    private static final AtomicLong OPEN = new AtomicLong();

    private final IValue value;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TorchValue(IValue value) {
        this.value = value;
        OPEN.incrementAndGet();
    }

    /** Handles created and not yet closed, in the whole process. */
    public static long openHandles() {
        return OPEN.get();
    }

    public static TorchValue from(long v) {
        return new TorchValue(IValue.from(v));
    }

    public static TorchValue from(double v) {
        return new TorchValue(IValue.from(v));
    }

    public static TorchValue from(boolean v) {
        return new TorchValue(IValue.from(v));
    }

    public static TorchValue from(String v) {
        return new TorchValue(IValue.from(v));
    }

    /** A tensor handle sharing a host array of the PyTorch engine (from a {@link TensorProgram#newScope()}). */
    public static TorchValue from(NDArray array) {
        return new TorchValue(IValue.from((PtNDArray) array));
    }

    /** {@code List[int]}. */
    public static TorchValue listFrom(long... values) {
        return new TorchValue(IValue.listFrom(values));
    }

    /** A list of the given values (all of one type, e.g. {@code List[Tensor]} or {@code List[str]}). */
    public static TorchValue listFrom(TorchValue... values) {
        return new TorchValue(IValue.listFrom(Arrays.stream(values).map(v -> v.value).toArray(IValue[]::new)));
    }

    /** The elements of this list value, each a handle to close. */
    public TorchValue[] elements() {
        return Arrays.stream(value.toIValueArray()).map(TorchValue::new).toArray(TorchValue[]::new);
    }

    /** The elements of this tuple value, each a handle to close. */
    public TorchValue[] tupleElements() {
        return Arrays.stream(value.toIValueTuple()).map(TorchValue::new).toArray(TorchValue[]::new);
    }

    /** This value as a number ({@code float} results of a method). */
    public double toDouble() {
        return value.toDouble();
    }

    /**
     * The memory of this tensor (on the CPU, contiguous, under 2 GiB) as a buffer to fill in place, valid while this
     * value and {@code scope} are open: DJL's direct view of the tensor's data, no copy.
     */
    public java.nio.ByteBuffer memory(NDManager scope) {
        return ((ai.djl.pytorch.engine.PtNDArray) value.toTensor((PtNDManager) scope)).toByteBuffer(true);
    }

    /** A copy of this tensor on the host as an NDArray of {@code scope} (float32, int64 ...; never bf16). */
    public NDArray toTensor(NDManager scope) {
        return value.toTensor((PtNDManager) scope);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) OPEN.decrementAndGet();
        value.close();
    }

    /** Loads a TorchScript archive (see {@link TorchScriptArchive}) into {@code manager}. */
    static PtSymbolBlock loadModule(PtNDManager manager, Path file) {
        return JniUtils.loadModule(manager, file, false, new String[0], new String[0], false);
    }

    /** Runs a method of a loaded module; see {@link TensorProgram#call} for the optimiser setting. */
    static TorchValue runMethod(PtSymbolBlock module, String method, TorchValue... args) {
        JniUtils.setGraphExecutorOptimize(false);
        return new TorchValue(IValueUtils.runMethod(module, method,
                Arrays.stream(args).map(a -> a.value).toArray(IValue[]::new)));
    }

    /** libtorch's intra-op threads. */
    static int threads() {
        return JniUtils.getNumThreads();
    }

    static void setThreads(int threads) {
        JniUtils.setNumThreads(threads);
    }

    /** Returns the CUDA caching allocator's unused blocks to the device. */
    static void emptyCudaCache() {
        JniUtils.emptyCudaCache();
    }

    /** Starts libtorch's operator profiler on the CPU (see TorchProfiler). */
    static void startProfile() {
        JniUtils.startProfile(false, false, false);
    }

    /** Stops it and writes its Chrome trace to {@code file}. */
    static void stopProfile(String file) {
        JniUtils.stopProfile(file);
    }

    /** Where the loaded libtorch comes from. */
    static String libraryPath() {
        return LibUtils.getLibtorchPath();
    }
}
