package dev.framewise.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a profiled stretch of work went, by operator: each operator's self time (its duration less that of the
 * operators it called, so that {@code aten::linear} does not count its {@code aten::addmm} again) summed over its
 * calls, from a Chrome trace of libtorch's profiler ({@code TorchProfiler}). Also each call's own duration of one
 * operator, in order, to compare the calls of one chunk with another's.
 */
public final class OpProfile {
    /** An operator: its calls and their summed self and total (inclusive) times. */
    public record Op(String name, int calls, double selfMs, double totalMs) {
    }

    private record Event(String name, long thread, double startUs, double durationUs) {
        double endUs() {
            return startUs + durationUs;
        }
    }

    private final List<Op> ops;
    private final Map<String, List<Double>> callsMs;
    private final double selfMs;

    private OpProfile(List<Op> ops, Map<String, List<Double>> callsMs) {
        this.ops = List.copyOf(ops);
        this.callsMs = callsMs;
        this.selfMs = ops.stream().mapToDouble(Op::selfMs).sum();
    }

    /** Reads a Chrome trace: an array of events, or an object whose {@code traceEvents} holds them. */
    public static OpProfile read(Path trace) {
        try {
            JsonNode root = new ObjectMapper().readTree(trace.toFile());
            return of(root.isArray() ? root : root.path("traceEvents"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile " + trace, e);
        }
    }

    static OpProfile of(JsonNode events) {
        Map<Long, List<Event>> byThread = new HashMap<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText()) || !e.has("dur")) continue; // complete events only
            Event event = new Event(e.path("name").asText(), e.path("tid").asLong(), e.path("ts").asDouble(),
                    e.path("dur").asDouble());
            byThread.computeIfAbsent(event.thread(), t -> new ArrayList<>()).add(event);
        }
        Map<String, double[]> totals = new LinkedHashMap<>(); // name -> calls, self µs, total µs
        Map<String, List<Double>> calls = new HashMap<>();
        for (List<Event> thread : byThread.values()) {
            // parents before their children: by start, the longer first where two start together
            thread.sort(Comparator.comparingDouble(Event::startUs).thenComparing(Event::durationUs, Comparator.reverseOrder()));
            Deque<Event> open = new ArrayDeque<>();
            Map<Event, Double> children = new IdentityHashMap<>(); // two calls may look alike
            for (Event e : thread) {
                while (!open.isEmpty() && open.peek().endUs() <= e.startUs()) open.pop();
                if (!open.isEmpty()) children.merge(open.peek(), e.durationUs(), Double::sum);
                open.push(e);
            }
            for (Event e : thread) {
                double[] t = totals.computeIfAbsent(e.name(), n -> new double[3]);
                t[0]++;
                t[1] += Math.max(0, e.durationUs() - children.getOrDefault(e, 0.0));
                t[2] += e.durationUs();
                calls.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(e.durationUs() / 1000);
            }
        }
        List<Op> ops = new ArrayList<>();
        totals.forEach((name, t) -> ops.add(new Op(name, (int) t[0], t[1] / 1000, t[2] / 1000)));
        ops.sort(Comparator.comparingDouble(Op::selfMs).reversed());
        return new OpProfile(ops, calls);
    }

    /** Every operator, the largest self time first. */
    public List<Op> ops() {
        return ops;
    }

    /** The profiled time: every operator's self time summed. */
    public double selfMs() {
        return selfMs;
    }

    /** The durations of each call of {@code name}, in the order they started (per thread); empty if none. */
    public List<Double> callsMs(String name) {
        return callsMs.getOrDefault(name, List.of());
    }
}
