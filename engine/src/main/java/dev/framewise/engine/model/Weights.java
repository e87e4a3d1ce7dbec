package dev.framewise.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.model.SafetensorsFile.TensorInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * All tensors of a checkpoint by canonical name ({@link WeightNames}), from one {@code model.safetensors} or
 * the shards listed in {@code model.safetensors.index.json}. Holds only headers; data stays mapped from disk.
 */
public final class Weights {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    /** A tensor and the file it lives in. */
    public record Entry(SafetensorsFile file, TensorInfo info) {
    }

    private final Map<String, Entry> entries;

    private Weights(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static Weights open(Path modelDir) {
        Path index = modelDir.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) return fromIndex(modelDir, index);
        Path single = modelDir.resolve(SINGLE_FILE);
        if (!Files.isRegularFile(single)) {
            throw new ModelFormatException(modelDir + " has neither " + SINGLE_FILE + " nor " + INDEX_FILE
                    + ": it is not a complete Hugging Face checkpoint");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        addAll(entries, SafetensorsFile.open(single));
        return new Weights(entries);
    }

    private static Weights fromIndex(Path modelDir, Path index) {
        JsonNode map;
        try {
            JsonNode root = new ObjectMapper().readTree(index.toFile());
            map = root == null ? null : root.get("weight_map");
        } catch (IOException e) {
            throw new ModelFormatException(index + " is not valid JSON: " + e.getMessage(), e);
        }
        if (map == null || !map.isObject()) throw new ModelFormatException(index + " has no 'weight_map' object");
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String shardName = e.getValue().asText();
            SafetensorsFile shard = shards.computeIfAbsent(shardName, n -> {
                Path p = modelDir.resolve(n);
                if (!Files.isRegularFile(p)) {
                    throw new ModelFormatException(index + " lists shard " + n + ", which is missing from "
                            + modelDir + " (download the whole checkpoint)");
                }
                return SafetensorsFile.open(p);
            });
            if (!shard.tensors().containsKey(e.getKey())) {
                throw new ModelFormatException(index + " places tensor '" + e.getKey() + "' in " + shard.path()
                        + ", which does not contain it");
            }
        }
        shards.values().forEach(s -> addAll(entries, s));
        return new Weights(entries);
    }

    private static void addAll(Map<String, Entry> entries, SafetensorsFile file) {
        for (TensorInfo t : file.tensors().values()) {
            Entry previous = entries.put(WeightNames.canonical(t.name()), new Entry(file, t));
            if (previous != null) {
                throw new ModelFormatException("tensor '" + t.name() + "' appears twice: in " + previous.file().path()
                        + " and in " + file.path());
            }
        }
    }

    public boolean contains(String canonicalName) {
        return entries.containsKey(canonicalName);
    }

    public Set<String> names() {
        return entries.keySet();
    }

    /** The tensor, checked to have exactly {@code expectedShape} (what the config implies). */
    /** A tensor whatever its shape, or null. */
    public Entry find(String canonicalName) {
        return entries.get(canonicalName);
    }

    public Entry require(String canonicalName, long... expectedShape) {
        Entry e = entries.get(canonicalName);
        if (e == null) {
            throw new ModelFormatException("the checkpoint has no tensor '" + canonicalName
                    + "' (is config.json from the same model as the safetensors files?)");
        }
        if (!Arrays.equals(e.info().shape(), expectedShape)) {
            throw new ModelFormatException(e.file().path() + ": tensor '" + e.info().name() + "' has shape "
                    + e.info().shapeText() + " but config.json implies " + Arrays.toString(expectedShape));
        }
        return e;
    }
}
