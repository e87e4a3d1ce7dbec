package dev.framewise.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.StreamSupport;

/** One case of the fixture's cases.json. */
public record GoldenCase(JsonNode json) {

    public static GoldenCase named(String id) {
        try {
            JsonNode root = new ObjectMapper().readTree(TinyModel.dir().resolve("cases.json").toFile());
            return StreamSupport.stream(root.get("cases").spliterator(), false)
                    .filter(c -> c.get("id").asText().equals(id)).findFirst().map(GoldenCase::new)
                    .orElseThrow(() -> new IllegalArgumentException("no case " + id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int[] inputIds() {
        return ints(json.get("input_ids"));
    }

    public long[][] positionIds() {
        JsonNode p = json.get("position_ids");
        long[][] out = new long[3][];
        for (int axis = 0; axis < 3; axis++) {
            JsonNode row = p.get(axis);
            out[axis] = new long[row.size()];
            for (int i = 0; i < row.size(); i++) out[axis][i] = row.get(i).asLong();
        }
        return out;
    }

    public int ropeDeltas() {
        return json.get("rope_deltas").asInt();
    }

    public float[] logitsLast() {
        return TinyModel.goldenFloats(json.get("logits_last").get("file").asText().substring("golden/".length()));
    }

    public int[] top5() {
        int[] out = new int[5];
        for (int i = 0; i < 5; i++) out[i] = json.get("top5").get(i).get("id").asInt();
        return out;
    }

    public int[] greedyTokens() {
        return ints(json.get("greedy").get("tokens"));
    }

    public JsonNode messages() {
        return json.get("messages");
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
