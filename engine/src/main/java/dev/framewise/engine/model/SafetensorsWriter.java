package dev.framewise.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.model.SafetensorsFile.DType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a safetensors file tensor by tensor, streaming (synthetic benchmark checkpoints are gigabytes).
 * The header is space-padded to a multiple of 8 bytes, as upstream writers do, so every tensor is aligned.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    public record Spec(String name, DType dtype, long[] shape) {
        long bytes() {
            long n = dtype.bytes;
            for (long d : shape) n *= d;
            return n;
        }
    }

    /** Fills one tensor's little-endian bytes; {@code out} has exactly the tensor's size remaining. */
    @FunctionalInterface
    public interface Filler {
        void fill(Spec spec, ByteBuffer out);
    }

    public static void write(Path file, List<Spec> specs, Filler filler) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Spec s : specs) {
            ObjectNode t = header.putObject(s.name());
            t.put("dtype", s.dtype().name());
            var shape = t.putArray("shape");
            for (long d : s.shape()) shape.add(d);
            t.putArray("data_offsets").add(offset).add(offset + s.bytes());
            offset += s.bytes();
        }
        byte[] unpadded = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] headerBytes = java.util.Arrays.copyOf(unpadded, (unpadded.length + 7) / 8 * 8);
        java.util.Arrays.fill(headerBytes, unpadded.length, headerBytes.length, (byte) ' ');
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer start = ByteBuffer.allocate(8 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(headerBytes.length).put(headerBytes).flip();
            writeFully(ch, start);
            for (Spec s : specs) {
                long remaining = s.bytes();
                // Fill in chunks of whole rows so a 1 GB embedding never needs one heap buffer.
                long rowBytes = s.shape().length == 0 ? remaining : remaining / Math.max(1, s.shape()[0]);
                long rowsPerChunk = Math.max(1, (16L << 20) / Math.max(1, rowBytes));
                while (remaining > 0) {
                    int n = (int) Math.min(remaining, rowsPerChunk * rowBytes);
                    ByteBuffer chunk = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
                    filler.fill(s, chunk);
                    chunk.clear();
                    writeFully(ch, chunk);
                    remaining -= n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
