package dev.framewise.engine.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive (what {@code torch.jit.save} produces) from TorchScript source, without
 * Python: a STORED zip holding {@code version}, {@code constants.pkl} (an empty tuple), {@code data.pkl}
 * (a pickle that creates one object of class {@code __torch__.NAME} with state {@code {"training": False}})
 * and {@code code/__torch__.py}, the class's source.
 *
 * <p>The class body is the concatenation of source resources. Each resource holds top-level
 * {@code def name(self, ...)} functions in TorchScript; they become methods of the one class, so functions in
 * different resources call each other as {@code self.name(...)}.
 */
public final class TorchScriptArchive {
    private final String className;
    private final List<String> sources;

    private TorchScriptArchive(String className, List<String> sources) {
        this.className = className;
        this.sources = List.copyOf(sources);
    }

    /** An archive whose class concatenates the given class-path resources, in order. */
    public static TorchScriptArchive fromResources(String className, List<String> resourcePaths) {
        return new TorchScriptArchive(className, resourcePaths.stream().map(TorchScriptArchive::readResource).toList());
    }

    /** The generated {@code code/__torch__.py}. */
    public String classSource() {
        String qualified = "__torch__." + className;
        StringBuilder code = new StringBuilder();
        code.append("class ").append(className).append("(Module):\n")
                .append("  __parameters__ = []\n")
                .append("  __buffers__ = []\n")
                .append("  training : bool\n");
        for (String source : sources) {
            for (String line : source.split("\n", -1)) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
                // Serialized TorchScript names the type of self explicitly.
                code.append("  ").append(line.replace("(self,", "(self: " + qualified + ",")
                        .replace("(self)", "(self: " + qualified + ")")).append('\n');
            }
        }
        return code.toString();
    }

    public void write(Path file) {
        String root = "program";
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, root + "/data.pkl", dataPickle());
            stored(zip, root + "/code/__torch__.py", classSource().getBytes(StandardCharsets.UTF_8));
            stored(zip, root + "/constants.pkl", new byte[] {(byte) 0x80, 0x02, 0x29, 0x2e});
            stored(zip, root + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TorchScript archive " + file, e);
        }
    }

    /** Pickle protocol 2: {@code __torch__.NAME.__new__()} then BUILD with {@code {"training": False}}. */
    private byte[] dataPickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(0x02);
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE
        p.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
        p.writeBytes(key);
        p.write(0x89); // NEWFALSE
        p.write('s'); // SETITEM
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static String readResource(String path) {
        try (InputStream in = TorchScriptArchive.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("TorchScript source resource " + path + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TorchScript source " + path, e);
        }
    }
}
