package dev.framewise.engine.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The language model's quantised matrices (int8 / int4) kept on disk, so that a second load maps them instead of
 * quantising the checkpoint again. One file per checkpoint and scheme in {@code <data folder>/quantized/} (the system
 * property {@code framewise.quantizedCacheDir} moves it), named by a SHA-256 of: the format version, the precisions of
 * the matrices and of lm_head, the int4 group, and per weights file its real path, size, modification time and
 * safetensors header. A changed checkpoint therefore gets a new file; a file whose header, size or CRC-32C of its
 * data disagrees is not trusted: a one-line note, and the load quantises and writes it anew.
 *
 * <p>Layout: {@code FWQCACHE}, the format version and the length of a JSON header (int32 little-endian each), the
 * header (key, data bytes, CRC-32C, and per matrix: the program's Linear it is, the checkpoint tensors it is made of,
 * and its codes and its scales, each with dtype code, shape and offset), then the codes and scales at 64-byte-aligned
 * offsets, as the program's {@code Linear} holds them (quantized_linear.py).
 *
 * <p>A matrix is cached under its Linear's name in the program's {@code TextWeights} ({@code lm_head},
 * {@code model.layers.N.self_attn.qkv_proj}, ...; q/k/v and gate/up are fused, see qwen2_text.py's prepare_layer): on
 * a hit loading passes its codes and scales to the layer's load step as {@code <name>.codes} and
 * {@code <name>.scales} instead of the checkpoint tensors it is made of, whose bf16 copies are then never read.
 */
final class QuantizedCache {
    static final int FORMAT = 3;
    /**
     * Names int8's layout in the key: int8 moved to fbgemm's fused rows within format 3, so that its old files
     * (another key) are quantised anew while every int4 file stays valid.
     */
    private static final String INT8_LAYOUT = "fbgemm-rowwise";
    private static final byte[] MAGIC = "FWQCACHE".getBytes(StandardCharsets.US_ASCII);
    private static final int ALIGN = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<String>> LAYER_GROUPS = List.of(
            List.of("self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight"),
            List.of("self_attn.o_proj.weight"),
            List.of("mlp.gate_proj.weight", "mlp.up_proj.weight"),
            List.of("mlp.down_proj.weight"));

    private static final List<String> LAYER_LINEARS = List.of("self_attn.qkv_proj", "self_attn.o_proj",
            "mlp.gate_up_proj", "mlp.down_proj");

    /**
     * One quantised matrix: the program's Linear it becomes, {@code name} relative to its load step's prefix
     * ({@code lm_head}, or {@code self_attn.qkv_proj} of decoder layer {@code layer}; -1 for the model's own), and
     * the checkpoint tensors it is made of, by their full names, in order.
     */
    record Group(int layer, String name, List<String> parts) {
        /** The full name ({@code model.layers.N.self_attn.qkv_proj}) the cache file lists it under. */
        String qualified() {
            return layer < 0 ? name : WeightNames.layer(layer) + name;
        }
    }

    /** A cached matrix as the program's Linear takes it: codes and scales, views of the mapped file. */
    record Matrix(Group group, TorchValue codes, TorchValue scales) implements AutoCloseable {
        @Override
        public void close() {
            codes.close();
            scales.close();
        }
    }

    private final Path file;
    private final String key;
    private final List<String> sources;
    private final List<Group> groups;
    private final Consumer<String> notes;

    private QuantizedCache(Path file, String key, List<String> sources, List<Group> groups, Consumer<String> notes) {
        this.file = file;
        this.key = key;
        this.sources = sources;
        this.groups = groups;
        this.notes = notes;
    }

    /** Where cache files go: {@code framewise.quantizedCacheDir}, else the data folder's {@code quantized}. */
    static Path directory() {
        String override = System.getProperty("framewise.quantizedCacheDir");
        if (override != null && !override.isBlank()) return Path.of(override);
        return DataFolder.detect().resolve("quantized");
    }

    /**
     * The cache of this checkpoint in this scheme, or empty where nothing is cached (not quantised, an AWQ
     * checkpoint: already int4).
     */
    static Optional<QuantizedCache> of(Weights checkpoint, List<TensorShape> shapes, int numLayers, Precision precision,
                                       Precision lmHead, Consumer<String> notes) {
        if (!precision.quantized()) return Optional.empty();
        List<Group> groups = groups(shapes, numLayers, precision, lmHead);
        if (groups.isEmpty()) return Optional.empty();
        String key = key(checkpoint, precision, lmHead);
        List<String> sources = new ArrayList<>();
        for (String name : checkpoint.names()) {
            String path = checkpoint.find(name).file().path().toAbsolutePath().toString();
            if (!sources.contains(path)) sources.add(path);
        }
        return Optional.of(new QuantizedCache(directory().resolve(key.substring(0, 32) + ".fwq"), key, sources, groups,
                notes));
    }

    Path file() {
        return file;
    }

    /**
     * The quantised matrices, in the order the program's quantized_linears lists them (lm_head, then per layer
     * qkv_proj, o_proj, gate_up_proj, down_proj), that the program will quantise: every one at int8; at int4 those
     * whose shape its kernel takes (outputs in blocks of 16, inputs in groups of {@link Precision#INT4_GROUP}), as
     * quantizable in quantized_linear.py.
     */
    static List<Group> groups(List<TensorShape> shapes, int numLayers, Precision precision, Precision lmHead) {
        Map<String, TensorShape> byName = new HashMap<>();
        for (TensorShape t : shapes) byName.put(t.name(), t);
        List<Group> out = new ArrayList<>();
        TensorShape head = byName.get(LanguageModel.LM_HEAD);
        if (lmHead.quantized() && head != null && quantizable(head.shape()[0], head.shape()[1], lmHead)) {
            out.add(new Group(-1, "lm_head", List.of(LanguageModel.LM_HEAD)));
        }
        for (int layer = 0; layer < numLayers; layer++) {
            for (int m = 0; m < LAYER_LINEARS.size(); m++) {
                List<String> parts = new ArrayList<>();
                long rows = 0;
                long cols = -1;
                for (String n : LAYER_GROUPS.get(m)) {
                    TensorShape t = byName.get(WeightNames.layer(layer) + n);
                    if (t == null) return List.of(); // a layout this cache does not know: cache nothing
                    parts.add(t.name());
                    rows += t.shape()[0];
                    cols = t.shape()[1];
                }
                if (quantizable(rows, cols, precision)) {
                    out.add(new Group(layer, LAYER_LINEARS.get(m), List.copyOf(parts)));
                }
            }
        }
        return out;
    }

    /** The matrices this cache holds (see {@link #groups}). */
    List<Group> groups() {
        return groups;
    }

    private static boolean quantizable(long rows, long cols, Precision p) {
        return p == Precision.INT8 || rows % 16 == 0 && cols % Precision.INT4_GROUP == 0;
    }

    /** The SHA-256 (hex) naming a checkpoint's cache in a scheme (see the class comment). */
    static String key(Weights checkpoint, Precision precision, Precision lmHead) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            boolean int8 = precision == Precision.INT8 || lmHead == Precision.INT8;
            sha.update(("framewise-quantized " + FORMAT + " " + precision + " " + lmHead + " " + Precision.INT4_GROUP
                    + (int8 ? " " + INT8_LAYOUT + " " + Precision.INT8_GROUP : "")).getBytes(StandardCharsets.UTF_8));
            Map<Path, SafetensorsFile> files = new LinkedHashMap<>();
            for (String name : checkpoint.names()) {
                SafetensorsFile f = checkpoint.find(name).file();
                files.putIfAbsent(f.path(), f);
            }
            for (SafetensorsFile f : files.values()) {
                Path real = f.path().toRealPath();
                sha.update(("\n" + real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
                try (FileChannel ch = FileChannel.open(real, StandardOpenOption.READ)) {
                    ByteBuffer header = ByteBuffer.allocate((int) Math.min(f.dataStart(), 256L << 20));
                    while (header.hasRemaining() && ch.read(header) > 0) {
                        // the safetensors header: names, dtypes, shapes and offsets of every tensor
                    }
                    header.flip();
                    sha.update(header);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new ModelFormatException("cannot read the weights files to name their quantised cache: "
                    + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cached matrices, in the order of {@link #groups}, or empty where there is no trustworthy file (a note says
     * why where there was one). Codes and scales are tensors of the process's own, read from the file
     * ({@link TensorReader}): the quantised kernels read such memory up to twice as fast as the file's mapped
     * page-cache pages (docs/decode-speed.md).
     */
    Optional<List<Matrix>> read(TensorProgram program) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        Header h;
        try {
            h = readHeader();
            String problem = check(h);
            if (problem != null) {
                notes.accept("the quantised cache " + file.getFileName() + " " + problem + "; quantising again");
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            notes.accept("the quantised cache " + file.getFileName() + " cannot be read (" + e.getMessage()
                    + "); quantising again");
            return Optional.empty();
        }
        List<Matrix> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            TensorReader reader = new TensorReader(program, ch, h.dataStart);
            JsonNode matrices = h.json.get("matrices");
            for (int i = 0; i < groups.size(); i++) {
                JsonNode m = matrices.get(i);
                TorchValue codes = reader.next(m.get("codes"));
                TorchValue scales;
                try {
                    scales = reader.next(m.get("scales"));
                } catch (IOException | RuntimeException e) {
                    codes.close();
                    throw e;
                }
                out.add(new Matrix(groups.get(i), codes, scales));
            }
            if (!h.json.path("crc32c").asText().equals(crcHex(reader.finish(h.json.get("dataBytes").asLong())))) {
                out.forEach(Matrix::close);
                notes.accept("the quantised cache " + file.getFileName()
                        + " is damaged (its data's checksum differs); quantising again");
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            out.forEach(Matrix::close);
            notes.accept("the quantised cache " + file.getFileName() + " cannot be read (" + String.valueOf(
                    e.getMessage()).lines().findFirst().orElse("") + "); quantising again");
            return Optional.empty();
        }
    }

    /**
     * Reads a cache file's tensors, in file order, into tensors of the process's own (the file is read, never
     * mapped), and takes the CRC-32C of every data byte on the way, the alignment between tensors included.
     */
    private static final class TensorReader {
        private static final int SLICE = 8 << 20; // read and checked while it is in the caches
        private final TensorProgram program;
        private final FileChannel ch;
        private final long dataStart;
        private final CRC32C crc = new CRC32C();
        private long position; // data bytes read so far

        TensorReader(TensorProgram program, FileChannel ch, long dataStart) {
            this.program = program;
            this.ch = ch;
            this.dataStart = dataStart;
        }

        /** The tensor a header entry describes ({@code dtype}, {@code shape}, {@code offset} from the data's start). */
        TorchValue next(JsonNode tensor) throws IOException {
            int dtype = tensor.get("dtype").asInt();
            long[] shape = new long[tensor.get("shape").size()];
            long bytes = dtype == Precision.BF16.scalarType ? 2 : 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = tensor.get("shape").get(d).asLong();
                bytes *= shape[d];
            }
            skipTo(tensor.get("offset").asLong());
            TorchValue t;
            try (TorchValue dims = TorchValue.listFrom(shape); TorchValue code = TorchValue.from((long) dtype)) {
                t = program.call("new_tensor", dims, code);
            }
            try {
                if (bytes > Integer.MAX_VALUE) throw new IOException("holds a tensor of more than 2 GiB");
                if (bytes > 0) {
                    try (NDManager scope = program.newScope()) {
                        ByteBuffer memory = t.memory(scope);
                        for (long done = 0; done < bytes; done += SLICE) {
                            fill(memory.slice((int) done, (int) Math.min(SLICE, bytes - done)));
                        }
                    }
                }
                return t;
            } catch (IOException | RuntimeException e) {
                t.close();
                throw e;
            }
        }

        /** The CRC-32C of the data's {@code dataBytes}, once every tensor has been read. */
        long finish(long dataBytes) throws IOException {
            skipTo(dataBytes);
            return crc.getValue();
        }

        /** Reads (and checks) the alignment bytes up to a tensor's offset, or to the data's end. */
        private void skipTo(long offset) throws IOException {
            if (offset < position || offset - position >= ALIGN) throw new IOException("lists its tensors out of place");
            if (offset > position) fill(ByteBuffer.allocate((int) (offset - position)));
        }

        private void fill(ByteBuffer target) throws IOException {
            long at = dataStart + position;
            while (target.hasRemaining()) {
                if (ch.read(target, at + target.position()) <= 0) throw new IOException("ends before its data does");
            }
            target.flip();
            crc.update(target);
            position += target.limit();
        }
    }

    /** Why the file is not to be trusted, or null. */
    private String check(Header h) throws IOException {
        JsonNode json = h.json;
        if (!key.equals(json.path("key").asText())) return "belongs to another checkpoint or scheme";
        long dataBytes = json.path("dataBytes").asLong(-1);
        long size = Files.size(file);
        if (dataBytes < 0 || size != h.dataStart + dataBytes) {
            return "is " + size + " bytes long, not " + (h.dataStart + dataBytes) + " (truncated?)";
        }
        JsonNode matrices = json.path("matrices");
        if (!matrices.isArray() || matrices.size() != groups.size()) return "lists other matrices than this load quantises";
        for (int i = 0; i < groups.size(); i++) {
            List<String> parts = new ArrayList<>();
            matrices.get(i).path("parts").forEach(e -> parts.add(e.asText()));
            if (!matrices.get(i).path("linear").asText().equals(groups.get(i).qualified())
                    || !parts.equals(groups.get(i).parts())) {
                return "lists other matrices than this load quantises";
            }
        }
        return null; // the data's CRC-32C is checked as it is read (TensorReader)
    }

    private record Header(JsonNode json, long dataStart) {
    }

    private Header readHeader() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer fixed = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            while (fixed.hasRemaining() && ch.read(fixed) > 0) {
                // the magic, the format and the header length
            }
            fixed.flip();
            byte[] magic = new byte[MAGIC.length];
            if (fixed.remaining() < 16) throw new IOException("shorter than its header");
            fixed.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException("not a Framewise quantised cache");
            int format = fixed.getInt();
            if (format != FORMAT) throw new IOException("format " + format + ", not " + FORMAT);
            int length = fixed.getInt();
            if (length <= 0 || length > ch.size() - 16) throw new IOException("its header is cut off");
            ByteBuffer json = ByteBuffer.allocate(length);
            while (json.hasRemaining() && ch.read(json) > 0) {
                // the JSON header
            }
            if (json.hasRemaining()) throw new IOException("its header is cut off");
            return new Header(JSON.readTree(json.array()), align(16 + length));
        }
    }

    /** Hears the cache file's writing after each matrix; may throw {@link CancellationException} to stop it. */
    @FunctionalInterface
    interface WriteProgress {
        WriteProgress NONE = (matrices, totalMatrices, bytes, totalBytes) -> { };

        void written(int matrices, int totalMatrices, long bytes, long totalBytes);
    }

    /** As {@link #write(TensorProgram, TorchValue, NDManager, WriteProgress)}, unheard. */
    void write(TensorProgram program, TorchValue weights, NDManager scope) {
        write(program, weights, scope, WriteProgress.NONE);
    }

    /**
     * Writes the quantised matrices of the program's weights ({@code TextWeights}, once loaded) into the cache file:
     * into a temporary file first, renamed once complete, so a crash leaves no file that looks whole; the temporary
     * file is deleted when the process ends before that (Ctrl+C during a load). A failure (disk full, read-only folder)
     * is a note, never a failed load. {@code progress} hears after each matrix; a {@link CancellationException} it
     * throws deletes the temporary file and is thrown as it is.
     */
    void write(TensorProgram program, TorchValue weights, NDManager scope, WriteProgress progress) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (TorchValue list = program.call("quantized_linears", weights);
             TorchValue table = program.call("quantized_table", list)) {
            long[] rows = table.toTensor(scope).toLongArray();
            int n = rows.length / 5; // codes and scales per matrix
            if (n != 2 * groups.size()) {
                notes.accept("not caching the quantised weights: " + n / 2 + " quantised matrices, " + groups.size()
                        + " expected");
                return;
            }
            ObjectNode json = JSON.createObjectNode();
            json.put("key", key);
            ArrayNode sourceList = json.putArray("sources");
            sources.forEach(sourceList::add);
            ArrayNode matrices = json.putArray("matrices");
            long[] offsets = new long[n];
            long offset = 0;
            for (int i = 0; i < n; i++) {
                ObjectNode m;
                if (i % 2 == 0) {
                    m = matrices.addObject();
                    Group g = groups.get(i / 2);
                    m.put("linear", g.qualified());
                    ArrayNode parts = m.putArray("parts");
                    g.parts().forEach(parts::add);
                } else {
                    m = (ObjectNode) matrices.get(i / 2);
                }
                ObjectNode tensor = m.putObject(i % 2 == 0 ? "codes" : "scales");
                tensor.put("dtype", rows[5 * i]);
                ArrayNode shape = tensor.putArray("shape");
                for (int d = 1; d <= 3 && rows[5 * i + d] >= 0; d++) shape.add(rows[5 * i + d]);
                offsets[i] = offset;
                tensor.put("offset", offset);
                offset = align(offset + rows[5 * i + 4]);
            }
            long dataBytes = offset;
            json.put("dataBytes", dataBytes);
            json.put("crc32c", crcHex(0)); // fixed width: the real value replaces it below without moving the data
            byte[] headerBytes = JSON.writeValueAsBytes(json);
            long dataStart = align(16 + headerBytes.length);
            Files.createDirectories(file.getParent());
            removeOrphans();
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {0}), dataStart + dataBytes - 1); // the file's full size
            }
            tmp.toFile().deleteOnExit();
            long[] absolute = new long[n];
            for (int i = 0; i < n; i++) absolute[i] = dataStart + offsets[i];
            progress.written(0, n / 2, 0, dataBytes);
            try (TorchValue path = TorchValue.from(tmp.toAbsolutePath().toString());
                 TorchValue size = TorchValue.from(dataStart + dataBytes); TorchValue at = TorchValue.listFrom(absolute)) {
                for (int m = 0; m < n / 2; m++) { // a matrix (its codes and its scales) at a time
                    try (TorchValue start = TorchValue.from((long) 2 * m); TorchValue end = TorchValue.from(2L * m + 2)) {
                        program.call("write_quantized", path, size, list, at, start, end).close();
                    }
                    progress.written(m + 1, n / 2, m + 1 < n / 2 ? offsets[2 * m + 2] : dataBytes, dataBytes);
                }
            }
            json.put("crc32c", crcHex(crc(tmp, dataStart, dataBytes)));
            headerBytes = JSON.writeValueAsBytes(json);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer head = ByteBuffer.allocate(16 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
                head.put(MAGIC).putInt(FORMAT).putInt(headerBytes.length).put(headerBytes).flip();
                ch.write(head, 0);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (CancellationException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (IOException | RuntimeException e) {
            notes.accept("cannot cache the quantised weights in " + file.getParent() + " (" + String.valueOf(
                    e.getMessage()).lines().findFirst().orElse("") + "); the next load quantises again");
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a leftover temporary file is replaced by the next write
        }
    }

    /**
     * Deletes the cache files of checkpoints that are gone (a deleted model folder, a benchmark's temporary one) and
     * those of an older format (their names hash the format, so no load looks for them again): nothing else would
     * ever read them. Files that cannot be read are left alone.
     */
    private void removeOrphans() {
        try (var files = Files.list(file.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".fwq")).toList()) {
                try {
                    if (olderFormat(f)) {
                        Files.deleteIfExists(f);
                        continue;
                    }
                    JsonNode other = new QuantizedCache(f, key, sources, groups, notes).readHeader().json();
                    boolean gone = other.path("sources").size() > 0;
                    for (JsonNode source : other.path("sources")) gone &= !Files.exists(Path.of(source.asText()));
                    // codes of dtype int8: the int8 layout before INT8_LAYOUT, which no key names any more
                    for (JsonNode m : other.path("matrices")) gone |= m.path("codes").path("dtype").asInt() == 1;
                    if (gone) Files.deleteIfExists(f);
                } catch (IOException | RuntimeException e) {
                    // not ours to judge: left as it is
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: nothing to clean
        }
    }

    /** Whether {@code f} is a cache file of a format before {@link #FORMAT}. */
    private static boolean olderFormat(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer fixed = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
            while (fixed.hasRemaining() && ch.read(fixed) > 0) {
                // the magic and the format
            }
            if (fixed.hasRemaining()) return false;
            fixed.flip();
            byte[] magic = new byte[MAGIC.length];
            fixed.get(magic);
            return java.util.Arrays.equals(magic, MAGIC) && fixed.getInt() < FORMAT;
        }
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static String crcHex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    /** CRC-32C of {@code length} bytes from {@code start}, read in slices. */
    private static long crc(Path f, long start, long length) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(8 << 20);
            long pos = start;
            long end = start + length;
            while (pos < end) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), end - pos));
                int read = ch.read(buf, pos);
                if (read <= 0) throw new IOException("ends before its data does");
                buf.flip();
                crc.update(buf);
                pos += read;
            }
        }
        return crc.getValue();
    }
}
