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
 * header (key, data bytes, CRC-32C, and per matrix: its checkpoint tensors, dtype code, shape and offset), then the
 * matrices at 64-byte-aligned offsets, each as {@code quantize} in quantized_linear.py made it.
 *
 * <p>A matrix is cached under the checkpoint tensors it is made of (q/k/v and gate/up are fused, see
 * qwen2_text.py's prepare_layer): on a hit the first of them is replaced by the cached matrix and the others by
 * none of its rows, so the program's concatenation yields the matrix and add_matrices takes it as it is; the
 * checkpoint's bf16 copies of those tensors are never read.
 */
final class QuantizedCache {
    static final int FORMAT = 1;
    private static final byte[] MAGIC = "FWQCACHE".getBytes(StandardCharsets.US_ASCII);
    private static final int ALIGN = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<String>> LAYER_GROUPS = List.of(
            List.of("self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight"),
            List.of("self_attn.o_proj.weight"),
            List.of("mlp.gate_proj.weight", "mlp.up_proj.weight"),
            List.of("mlp.down_proj.weight"));

    /** The checkpoint tensors (indices in the layout's list) one quantised matrix is made of, in order. */
    record Group(List<Integer> entries) {
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
     * The quantised matrices, in the order add_matrices meets them (lm_head, then per layer q/k/v, o, gate/up, down),
     * that the program will quantise: every one at int8; at int4 those whose shape its kernel takes (outputs in
     * blocks of 16, inputs in groups of {@link Precision#INT4_GROUP}), as quantizable in quantized_linear.py.
     */
    static List<Group> groups(List<TensorShape> shapes, int numLayers, Precision precision, Precision lmHead) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < shapes.size(); i++) index.put(shapes.get(i).name(), i);
        List<Group> out = new ArrayList<>();
        if (lmHead.quantized() && quantizable(shapes.get(2).shape()[0], shapes.get(2).shape()[1], lmHead)) {
            out.add(new Group(List.of(2)));
        }
        for (int layer = 0; layer < numLayers; layer++) {
            for (List<String> names : LAYER_GROUPS) {
                List<Integer> entries = new ArrayList<>();
                long rows = 0;
                long cols = -1;
                for (String n : names) {
                    Integer at = index.get(WeightNames.layer(layer) + n);
                    if (at == null) return List.of(); // a layout this cache does not know: cache nothing
                    entries.add(at);
                    rows += shapes.get(at).shape()[0];
                    cols = shapes.get(at).shape()[1];
                }
                if (quantizable(rows, cols, precision)) out.add(new Group(List.copyOf(entries)));
            }
        }
        return out;
    }

    private static boolean quantizable(long rows, long cols, Precision p) {
        return p == Precision.INT8 || rows % 16 == 0 && cols % Precision.INT4_GROUP == 0;
    }

    /** The SHA-256 (hex) naming a checkpoint's cache in a scheme (see the class comment). */
    static String key(Weights checkpoint, Precision precision, Precision lmHead) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("framewise-quantized " + FORMAT + " " + precision + " " + lmHead + " " + Precision.INT4_GROUP)
                    .getBytes(StandardCharsets.UTF_8));
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
     * The cached matrices placed into the checkpoint list's indices (the first tensor of each group: the matrix;
     * the others: none of its rows), or empty where there is no trustworthy file (a note says why where there was
     * one). The values are views of the file, mapped copy-on-write.
     */
    Optional<Map<Integer, TorchValue>> read(TensorProgram program) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        JsonNode header;
        long dataStart;
        try {
            Header h = readHeader();
            header = h.json;
            dataStart = h.dataStart;
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
        Map<Integer, TorchValue> out = new HashMap<>();
        long size = dataStart + header.get("dataBytes").asLong();
        try (TorchValue path = TorchValue.from(file.toAbsolutePath().toString()); TorchValue numel = TorchValue.from(size);
             TorchValue u8 = TorchValue.from(0L); TorchValue i8 = TorchValue.from(1L);
             TorchValue asUint8 = program.call("map_file", path, numel, u8);
             TorchValue asInt8 = program.call("map_file", path, numel, i8); TorchValue cpu = TorchValue.from("cpu")) {
            for (JsonNode m : header.get("matrices")) {
                int dtype = m.get("dtype").asInt();
                long[] shape = new long[m.get("shape").size()];
                for (int d = 0; d < shape.length; d++) shape[d] = m.get("shape").get(d).asLong();
                List<Integer> entries = new ArrayList<>();
                m.get("entries").forEach(e -> entries.add(e.asInt()));
                try (TorchValue offset = TorchValue.from(dataStart + m.get("offset").asLong());
                     TorchValue dims = TorchValue.listFrom(shape); TorchValue code = TorchValue.from((long) dtype)) {
                    TorchValue matrix = program.call("weight_view", dtype == 1 ? asInt8 : asUint8, offset, dims, code, cpu);
                    out.put(entries.get(0), matrix);
                    for (int j = 1; j < entries.size(); j++) out.put(entries.get(j), program.call("empty_rows", matrix));
                }
            }
            return Optional.of(out);
        } catch (RuntimeException e) {
            out.values().forEach(TorchValue::close);
            notes.accept("the quantised cache " + file.getFileName() + " cannot be mapped (" + e.getMessage().lines()
                    .findFirst().orElse("") + "); quantising again");
            return Optional.empty();
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
            List<Integer> entries = new ArrayList<>();
            matrices.get(i).path("entries").forEach(e -> entries.add(e.asInt()));
            if (!entries.equals(groups.get(i).entries())) return "lists other matrices than this load quantises";
        }
        if (!json.path("crc32c").asText().equals(crcHex(crc(file, h.dataStart, dataBytes)))) {
            return "is damaged (its data's checksum differs)";
        }
        return null;
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

    /**
     * Writes the quantised matrices of a prepared list (before split_quantized) into the cache file: into a
     * temporary file first, renamed once complete, so a crash leaves no file that looks whole. A failure (disk
     * full, read-only folder) is a note, never a failed load.
     */
    void write(TensorProgram program, TorchValue prepared, NDManager scope) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (TorchValue list = program.call("quantized_list", prepared);
             TorchValue table = program.call("quantized_table", list)) {
            long[] rows = table.toTensor(scope).toLongArray();
            int n = rows.length / 5;
            if (n != groups.size()) {
                notes.accept("not caching the quantised weights: " + n + " quantised matrices, " + groups.size()
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
                ObjectNode m = matrices.addObject();
                ArrayNode entries = m.putArray("entries");
                groups.get(i).entries().forEach(entries::add);
                m.put("dtype", rows[5 * i]);
                ArrayNode shape = m.putArray("shape");
                for (int d = 1; d <= 3 && rows[5 * i + d] > 0; d++) shape.add(rows[5 * i + d]);
                offsets[i] = offset;
                m.put("offset", offset);
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
            long[] absolute = new long[n];
            for (int i = 0; i < n; i++) absolute[i] = dataStart + offsets[i];
            try (TorchValue path = TorchValue.from(tmp.toAbsolutePath().toString());
                 TorchValue size = TorchValue.from(dataStart + dataBytes); TorchValue at = TorchValue.listFrom(absolute)) {
                program.call("write_quantized", path, size, list, at).close();
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
        } catch (IOException | RuntimeException e) {
            notes.accept("cannot cache the quantised weights in " + file.getParent() + " (" + String.valueOf(
                    e.getMessage()).lines().findFirst().orElse("") + "); the next load quantises again");
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary file is replaced by the next write
            }
        }
    }

    /**
     * Deletes the cache files of checkpoints that are gone (a deleted model folder, a benchmark's temporary one):
     * nothing else would ever read them. Files that cannot be read are left alone.
     */
    private void removeOrphans() {
        try (var files = Files.list(file.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".fwq")).toList()) {
                try {
                    JsonNode other = new QuantizedCache(f, key, sources, groups, notes).readHeader().json();
                    boolean gone = other.path("sources").size() > 0;
                    for (JsonNode source : other.path("sources")) gone &= !Files.exists(Path.of(source.asText()));
                    if (gone) Files.deleteIfExists(f);
                } catch (IOException | RuntimeException e) {
                    // not ours to judge: left as it is
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: nothing to clean
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
