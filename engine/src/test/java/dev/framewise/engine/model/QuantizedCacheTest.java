package dev.framewise.engine.model;

import dev.framewise.engine.api.LoadProgress;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.torch.TensorProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The disk cache of quantised matrices ({@link QuantizedCache}): a second load copies the matrices out of the file
 * instead of quantising and computes the same logits; a truncated or damaged file is noted in one line and rebuilt; a changed checkpoint
 * gets a file of its own, and the file of a checkpoint that is gone is removed.
 */
class QuantizedCacheTest {
    private static TensorProgram program;
    private static final GoldenCase CASE = GoldenCase.named("a_text");

    @TempDir
    Path cacheDir;
    private String previous;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
    }

    @AfterAll
    static void close() {
        program.close();
    }

    @BeforeEach
    void useTempCache() {
        previous = System.getProperty("framewise.quantizedCacheDir");
        System.setProperty("framewise.quantizedCacheDir", cacheDir.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) System.clearProperty("framewise.quantizedCacheDir");
        else System.setProperty("framewise.quantizedCacheDir", previous);
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8", "INT4"})
    void aSecondLoadMapsTheCachedMatricesAndComputesTheSameLogits(Precision precision) throws IOException {
        Loaded first = load(TinyModel.dir(), precision);
        Path file = onlyCacheFile();
        FileTime written = Files.getLastModifiedTime(file);
        Loaded second = load(TinyModel.dir(), precision);
        assertThat(second.logits()).containsExactly(first.logits());
        assertThat(second.notes()).isEmpty();
        assertThat(onlyCacheFile()).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written); // read, not written again
        assertThat(new String(Files.readAllBytes(file), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("FWQCACHE");
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8", "INT4"})
    void aModelLoadedFromTheFileHoldsCopiesOfItsMatrices(Precision precision) throws IOException {
        float[] expected = load(TinyModel.dir(), precision).logits();
        Path file = onlyCacheFile();
        long start = dataStart(file);
        try (LanguageModel model = LanguageModel.load(program, ModelFamilies.readConfig(TinyModel.dir()).text(),
                Weights.open(TinyModel.dir()), precision, ComputeDevice.CPU, fraction -> { })) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(start);
                f.write(new byte[(int) (Files.size(file) - start)]);
            }
            // a model that still read the file's pages would now multiply by zeros
            assertThat(QuantizedWeightsTest.lastLogits(program, model, CASE)).containsExactly(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8"})
    void aTruncatedOrDamagedFileIsNotedAndRebuilt(Precision precision) throws IOException {
        float[] expected = load(TinyModel.dir(), precision).logits();
        Path file = onlyCacheFile();
        long size = Files.size(file);

        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size - 100);
        }
        Loaded truncated = load(TinyModel.dir(), precision);
        assertThat(truncated.logits()).containsExactly(expected);
        assertThat(truncated.notes()).hasSize(1);
        assertThat(truncated.notes().get(0)).startsWith("framewise: the quantised cache").contains("truncated")
                .endsWith("quantising again");
        assertThat(Files.size(file)).isEqualTo(size);

        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(size - 200);
            int b = f.read();
            f.seek(size - 200);
            f.write(b ^ 0x55);
        }
        Loaded damaged = load(TinyModel.dir(), precision);
        assertThat(damaged.logits()).containsExactly(expected);
        assertThat(damaged.notes()).singleElement().asString().contains("damaged");
        assertThat(load(TinyModel.dir(), precision).notes()).isEmpty(); // rebuilt whole
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8"})
    void aChangedCheckpointGetsItsOwnFileAndAGoneOnesFileIsRemoved(Precision precision, @TempDir Path models)
            throws IOException {
        Path copy = models.resolve("tiny");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(TinyModel.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        load(copy, precision);
        Path first = onlyCacheFile();
        Path weights = copy.resolve(Weights.SINGLE_FILE);
        Files.setLastModifiedTime(weights, FileTime.fromMillis(Files.getLastModifiedTime(weights).toMillis() + 60_000));
        load(copy, precision);
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".fwq")).toList()).hasSize(2).contains(first);
        }
        // the copy is deleted: the next file written (the fixture's own) removes both of the copy's
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
        load(TinyModel.dir(), precision);
        assertThat(onlyCacheFile()).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8"})
    void aFileOfAnOlderFormatIsRemovedWhenANewOneIsWritten(Precision precision) throws IOException {
        Path older = cacheDir.resolve("0123456789abcdef0123456789abcdef.fwq");
        ByteBuffer header = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        header.put("FWQCACHE".getBytes(StandardCharsets.US_ASCII)).putInt(QuantizedCache.FORMAT - 1).putInt(2)
                .put("{}".getBytes(StandardCharsets.US_ASCII));
        Files.write(older, header.array());
        Loaded loaded = load(TinyModel.dir(), precision);
        assertThat(loaded.notes()).isEmpty();
        assertThat(older).doesNotExist();
        assertThat(onlyCacheFile()).isNotEqualTo(older);
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8", "INT4"})
    void aFileOfTheFormerInt8LayoutIsRemovedWhenANewOneIsWritten(Precision precision) throws IOException {
        // int8 codes of dtype int8 ([out, in] with bf16 scales), whose checkpoint is still there
        Path former = cacheDir.resolve("0123456789abcdef0123456789abcdef.fwq");
        String json = "{\"sources\":[\"" + TinyModel.dir().resolve(Weights.SINGLE_FILE).toRealPath()
                + "\"],\"matrices\":[{\"codes\":{\"dtype\":1,\"shape\":[8,10],\"offset\":0}}]}";
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(16 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put("FWQCACHE".getBytes(StandardCharsets.US_ASCII)).putInt(QuantizedCache.FORMAT).putInt(text.length)
                .put(text);
        Files.write(former, header.array());
        assertThat(load(TinyModel.dir(), precision).notes()).isEmpty();
        assertThat(former).doesNotExist();
        assertThat(onlyCacheFile()).isNotEqualTo(former);
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8", "INT4"})
    void progressCountsQuantisingThenWritingToTheEndAndASecondLoadOnlyLoading(Precision precision) throws IOException {
        Heard first = new Heard(-1, null);
        load(TinyModel.dir(), precision, first);
        assertThat(first.stages()).containsExactly(LoadProgress.Stage.QUANTISING, LoadProgress.Stage.WRITING_CACHE);
        first.assertMonotonicAndComplete();
        LoadProgress written = first.steps.get(first.steps.size() - 1);
        assertThat(written.totalMatrices()).isEqualTo(QuantizedCache.groups(
                DecoderLayout.QWEN2.tensorShapes(config()), config().numLayers(), precision,
                Precision.BF16).size());
        assertThat(written.totalBytes()).isEqualTo(Files.size(onlyCacheFile()) - dataStart(onlyCacheFile()));

        Heard second = new Heard(-1, null);
        load(TinyModel.dir(), precision, second);
        assertThat(second.stages()).containsExactly(LoadProgress.Stage.LOADING);
        second.assertMonotonicAndComplete();
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8", "INT4"})
    void aLoadCancelledWhileQuantisingOrWritingLeavesNoFileAndTheNextLoadRebuildsIt(Precision precision)
            throws IOException {
        float[] expected = load(TinyModel.dir(), precision).logits();
        clearCache();
        for (LoadProgress.Stage stage : List.of(LoadProgress.Stage.QUANTISING, LoadProgress.Stage.WRITING_CACHE)) {
            Heard cancelling = new Heard(2, stage);
            assertThatThrownBy(() -> load(TinyModel.dir(), precision, cancelling))
                    .isInstanceOf(CancellationException.class);
            LoadProgress last = cancelling.steps.get(cancelling.steps.size() - 1);
            assertThat(last.stage()).isEqualTo(stage);
            assertThat(last.matrices()).isBetween(2L, last.totalMatrices() - 1); // stopped there, mid-way
            try (Stream<Path> files = Files.list(cacheDir)) {
                assertThat(files.toList()).as("after a cancel while " + stage.label()).isEmpty();
            }
            Loaded next = load(TinyModel.dir(), precision);
            assertThat(next.logits()).containsExactly(expected);
            assertThat(next.notes()).isEmpty();
            assertThat(onlyCacheFile()).exists();
            clearCache();
        }
    }

    /** Records a load's steps and fractions; throws CancellationException at {@code cancelAt} matrices of a stage. */
    private static final class Heard implements LoadProgress.Listener {
        final List<LoadProgress> steps = new ArrayList<>();
        final List<Double> fractions = new ArrayList<>();
        private final int cancelAt;
        private final LoadProgress.Stage cancelIn;

        Heard(int cancelAt, LoadProgress.Stage cancelIn) {
            this.cancelAt = cancelAt;
            this.cancelIn = cancelIn;
        }

        @Override
        public void step(LoadProgress progress) {
            steps.add(progress);
            if (progress.stage() == cancelIn && progress.matrices() >= cancelAt) {
                throw new CancellationException("cancelled by the test");
            }
        }

        @Override
        public void accept(double fraction) {
            fractions.add(fraction);
        }

        List<LoadProgress.Stage> stages() {
            return steps.stream().map(LoadProgress::stage).distinct().toList();
        }

        void assertMonotonicAndComplete() {
            assertThat(fractions).isSorted();
            assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
            for (LoadProgress.Stage stage : stages()) {
                List<LoadProgress> of = steps.stream().filter(p -> p.stage() == stage).toList();
                assertThat(of).extracting(LoadProgress::matrices).isSorted();
                assertThat(of).extracting(LoadProgress::bytes).isSorted();
                LoadProgress last = of.get(of.size() - 1);
                assertThat(last.matrices()).isEqualTo(last.totalMatrices()).isPositive();
                assertThat(last.bytes()).isEqualTo(last.totalBytes()).isPositive();
            }
        }
    }

    private static ModelConfig.TextConfig config() {
        return ModelFamilies.readConfig(TinyModel.dir()).text();
    }

    /** Where a cache file's data begins: after the fixed part and the JSON header, 64-byte aligned. */
    private static long dataStart(Path file) throws IOException {
        ByteBuffer fixed = ByteBuffer.wrap(Files.readAllBytes(file), 12, 4).order(ByteOrder.LITTLE_ENDIAN);
        return (16 + fixed.getInt() + 63) / 64 * 64;
    }

    private void clearCache() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
    }

    private record Loaded(float[] logits, List<String> notes) {
    }

    private static Loaded load(Path dir, Precision precision) {
        return load(dir, precision, fraction -> { });
    }

    private static Loaded load(Path dir, Precision precision, DoubleConsumer progress) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        float[] logits;
        try (LanguageModel model = LanguageModel.load(program, ModelFamilies.readConfig(dir).text(), Weights.open(dir),
                precision, ComputeDevice.CPU, progress)) {
            logits = QuantizedWeightsTest.lastLogits(program, model, CASE);
        } finally {
            System.setErr(err);
        }
        String notes = captured.toString(StandardCharsets.UTF_8);
        return new Loaded(logits, notes.lines().filter(l -> l.startsWith("framewise:")).toList());
    }

    private Path onlyCacheFile() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".fwq")).toList();
            assertThat(list).hasSize(1);
            return list.get(0);
        }
    }
}
