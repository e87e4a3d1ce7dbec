package dev.framewise.engine.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * different resources call each other as {@code self.name(...)}. A resource may also declare named tuples
 * ({@code class Name(NamedTuple):} with one {@code field: Type} line each) and use them by their plain names:
 * they are placed beside the class as {@code __torch__.Name}; and named constants ({@code FLOAT32 : Final[int] = 6}),
 * whose values are written where the source names them.
 */
public final class TorchScriptArchive {
    /** A top-level {@code class Name(NamedTuple):} in a source: its indented lines are its fields. */
    private static final Pattern NAMED_TUPLE = Pattern.compile("class (\\w+)\\(NamedTuple\\):\\s*");
    /**
     * A top-level {@code NAME : Final[int] = 6} in a source: a named constant. Serialized TorchScript can neither
     * name {@code torch.float32} as a value nor read a class's constants, so the archive writes the value wherever
     * the source says {@code NAME} (no cost when the program runs).
     */
    private static final Pattern CONSTANT = Pattern.compile("([A-Z][A-Z0-9_]*)\\s*:\\s*Final\\[\\w+\\]\\s*=\\s*(\\S+)\\s*");

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

    /** An archive whose class concatenates the given source texts (a measurement's variant of a shared source). */
    static TorchScriptArchive fromSources(String className, List<String> sources) {
        return new TorchScriptArchive(className, sources);
    }

    /** The generated {@code code/__torch__.py}. */
    public String classSource() {
        String qualified = "__torch__." + className;
        StringBuilder types = new StringBuilder();
        Map<String, String> constants = new LinkedHashMap<>();
        StringBuilder methods = new StringBuilder();
        List<String> typeNames = new ArrayList<>();
        for (String source : sources) {
            boolean inType = false;
            for (String line : source.split("\n", -1)) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
                Matcher type = NAMED_TUPLE.matcher(line);
                if (type.matches()) {
                    typeNames.add(type.group(1));
                    types.append(line).append('\n');
                    inType = true;
                } else if (CONSTANT.matcher(line).matches()) {
                    inType = false;
                    Matcher constant = CONSTANT.matcher(line);
                    constant.matches();
                    constants.put(constant.group(1), constant.group(2));
                } else if (inType && line.startsWith(" ")) {
                    types.append(line).append('\n'); // a field of the named tuple
                } else {
                    inType = false;
                    // Serialized TorchScript names the type of self explicitly.
                    methods.append("  ").append(line.replace("(self,", "(self: " + qualified + ",")
                            .replace("(self)", "(self: " + qualified + ")")).append('\n');
                }
            }
        }
        StringBuilder code = new StringBuilder(types);
        code.append("class ").append(className).append("(Module):\n")
                .append("  __parameters__ = []\n")
                .append("  __buffers__ = []\n")
                .append("  training : bool\n")
                .append(methods);
        return substituteConstants(qualifyTypes(code.toString(), typeNames), constants);
    }

    private static String substituteConstants(String code, Map<String, String> constants) {
        String result = code;
        for (Map.Entry<String, String> c : constants.entrySet()) {
            result = result.replaceAll("(?<![\\w.])" + c.getKey() + "\\b", c.getValue());
        }
        return result;
    }

    /** Serialized TorchScript refers to a type by its qualified name, {@code __torch__.Name}. */
    private static String qualifyTypes(String code, List<String> typeNames) {
        String result = code;
        for (String name : typeNames) {
            result = result.replaceAll("(?<![\\w.])" + name + "\\b(?!\\(NamedTuple\\))", "__torch__." + name);
        }
        return result;
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

    static String readResource(String path) {
        try (InputStream in = TorchScriptArchive.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("TorchScript source resource " + path + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TorchScript source " + path, e);
        }
    }
}
