package dev.framewise.engine.model;

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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disk cache of quantised matrices ({@link QuantizedCache}): a second load maps the file instead of quantising
 * and computes the same logits; a truncated or damaged file is noted in one line and rebuilt; a changed checkpoint
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

    private record Loaded(float[] logits, List<String> notes) {
    }

    private static Loaded load(Path dir, Precision precision) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        float[] logits;
        try (LanguageModel model = LanguageModel.load(program, ModelFamilies.readConfig(dir).text(), Weights.open(dir),
                precision, ComputeDevice.CPU)) {
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
