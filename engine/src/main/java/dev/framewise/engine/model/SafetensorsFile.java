package dev.framewise.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the data. Only the header is read here; tensor bytes stay on disk and are
 * memory-mapped on demand, so opening a 4 GB shard costs a few kilobytes. Every byte range is checked
 * against the file size when the file is opened, so a truncated download fails here, naming the tensor.
 */
public final class SafetensorsFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private final Path path;
    private final long dataStart;
    private final long fileSize;
    private final Map<String, TensorInfo> tensors;

    private SafetensorsFile(Path path, long dataStart, long fileSize, Map<String, TensorInfo> tensors) {
        this.path = path;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Element types Framewise reads (the published Qwen checkpoints are BF16; AWQ's packed int4 weights I32). */
    public enum DType {
        BF16(2), F16(2), F32(4), I32(4);

        public final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }
    }

    /** A tensor's place in the file; {@code begin}/{@code end} are offsets from the start of the data section. */
    public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
        public long numel() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }

        public String shapeText() {
            return java.util.Arrays.toString(shape);
        }
    }

    public static SafetensorsFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw corrupt(path, "it is " + size + " bytes long, shorter than the 8-byte header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw corrupt(path, "its header length " + headerLen + " does not fit a " + size + "-byte file");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(header.array());
            } catch (IOException e) {
                throw corrupt(path, "its header is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (root == null || !root.isObject()) throw corrupt(path, "its header is not a JSON object");
            long dataStart = 8 + headerLen;
            return new SafetensorsFile(path, dataStart, size, parseEntries(path, root, size - dataStart));
        } catch (IOException e) {
            throw new ModelFormatException("cannot read weights file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorInfo> parseEntries(Path path, JsonNode root, long dataBytes) {
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("__metadata__")) continue;
            JsonNode t = e.getValue();
            JsonNode dtype = t.get("dtype");
            JsonNode shape = t.get("shape");
            JsonNode offsets = t.get("data_offsets");
            if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                    || !offsets.isArray() || offsets.size() != 2) {
                throw corrupt(path, "tensor '" + name + "' lacks a valid dtype, shape or data_offsets");
            }
            DType type;
            try {
                type = DType.valueOf(dtype.textValue());
            } catch (IllegalArgumentException ex) {
                throw new ModelFormatException(path + ": tensor '" + name + "' has dtype " + dtype.textValue()
                        + ", which Framewise does not read (BF16, F16, F32 or I32 only)");
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                if (!shape.get(i).canConvertToLong() || shape.get(i).longValue() < 0) {
                    throw corrupt(path, "tensor '" + name + "' has an invalid shape " + shape);
                }
                dims[i] = shape.get(i).longValue();
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            TensorInfo info = new TensorInfo(name, type, dims, begin, end);
            if (begin < 0 || end < begin || end - begin != info.numel() * type.bytes) {
                throw corrupt(path, "tensor '" + name + "' has data_offsets [" + begin + ", " + end
                        + "] that do not match its shape " + shape + " of " + type);
            }
            if (end > dataBytes) {
                throw new ModelFormatException(path + " is truncated: tensor '" + name + "' ends at byte "
                        + end + " of the data section but the file holds only " + dataBytes
                        + " data bytes (download the file again)");
            }
            out.put(name, info);
        }
        return out;
    }

    public Path path() {
        return path;
    }

    /** Byte offset of the data section from the start of the file. */
    public long dataStart() {
        return dataStart;
    }

    public long fileSize() {
        return fileSize;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) throw new ModelFormatException(path + " has no tensor '" + name + "'");
        return t;
    }

    /**
     * Maps one tensor's bytes read-only, little-endian. Never hand the buffer to a native in-place operation
     * (writing to a read-only mapping is a SIGSEGV, not an exception). Tensors over 2 GiB cannot be mapped as
     * one Java buffer.
     */
    public ByteBuffer map(String name) {
        TensorInfo t = info(name);
        long len = t.end() - t.begin();
        if (len > Integer.MAX_VALUE) {
            throw new ModelFormatException(path + ": tensor '" + name + "' is too large to map into one Java buffer");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), len).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelFormatException("cannot map tensor '" + name + "' of " + path + ": " + e.getMessage(), e);
        }
    }

    /** A tensor's values widened to float (for small tensors: tests, configuration-sized parameters). */
    public float[] readFloats(String name) {
        TensorInfo t = info(name);
        ByteBuffer b = map(name);
        float[] out = new float[Math.toIntExact(t.numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (t.dtype()) {
                case F32 -> b.getFloat(i * 4);
                case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                case F16 -> halfToFloat(b.getShort(i * 2));
                case I32 -> b.getInt(i * 4);
            };
        }
        return out;
    }

    public List<String> names() {
        return new ArrayList<>(tensors.keySet());
    }

    /** IEEE half to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) throw new IOException("unexpected end of file");
        }
    }

    private static ModelFormatException corrupt(Path path, String what) {
        return new ModelFormatException(path + " is not a valid safetensors file: " + what
                + " (download it again)");
    }
}
