package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

import java.util.List;

/** The Qwen2 text program with prompt_attention_bench.py's helpers, for the prompt attention test and measurement. */
final class PromptAttentionPrograms {
    private PromptAttentionPrograms() {
    }

    static TensorProgram load() {
        return TensorProgram.loadModelProgram("PromptAttention", List.of(
                "/dev/framewise/engine/family/qwen25vl/qwen2_text.py",
                "/dev/framewise/engine/family/qwen25vl/prompt_attention_bench.py"));
    }

    /** Random inputs of the given shape (pa_inputs): q, k_cache, v_cache; the caller closes them. */
    static TorchValue[] inputs(TensorProgram p, long heads, long kv, long headDim, long past, long length, long seed) {
        try (TorchValue h = TorchValue.from(heads); TorchValue k = TorchValue.from(kv); TorchValue d = TorchValue.from(headDim);
             TorchValue pa = TorchValue.from(past); TorchValue l = TorchValue.from(length); TorchValue s = TorchValue.from(seed);
             TorchValue t = p.call("pa_inputs", h, k, d, pa, l, s)) {
            return t.tupleElements();
        }
    }

    /** One kind's output `reps` times over the inputs (pa_run); the caller closes it. */
    static TorchValue run(TensorProgram p, String kind, TorchValue[] in, long heads, long kv, long headDim, long past,
                          long length, long blockBytes, long reps) {
        try (TorchValue k = TorchValue.from(kind); TorchValue pa = TorchValue.from(past); TorchValue l = TorchValue.from(length);
             TorchValue dims = TorchValue.listFrom(1, heads, kv, headDim); TorchValue b = TorchValue.from(blockBytes);
             TorchValue r = TorchValue.from(reps)) {
            return p.call("pa_run", k, in[0], in[1], in[2], pa, l, dims, b, r);
        }
    }

    static TorchValue reference(TensorProgram p, TorchValue[] in, long heads, long kv, long headDim, long past, long length) {
        try (TorchValue pa = TorchValue.from(past); TorchValue l = TorchValue.from(length);
             TorchValue dims = TorchValue.listFrom(1, heads, kv, headDim)) {
            return p.call("pa_reference", in[0], in[1], in[2], pa, l, dims);
        }
    }

    static double difference(TensorProgram p, TorchValue a, TorchValue b) {
        try (TorchValue d = p.call("pa_max_diff", a, b)) {
            return d.toDouble();
        }
    }

    /** The largest absolute difference between two kinds' outputs at random inputs. */
    static double kindDifference(TensorProgram p, String a, String b, long heads, long kv, long headDim, long past,
                                 long length) {
        TorchValue[] in = inputs(p, heads, kv, headDim, past, length, 7);
        try (TorchValue x = run(p, a, in, heads, kv, headDim, past, length, 0, 1);
             TorchValue y = run(p, b, in, heads, kv, headDim, past, length, 0, 1)) {
            return difference(p, x, y);
        } finally {
            for (TorchValue v : in) v.close();
        }
    }

    /** The largest absolute difference between a kind's output and the float64 reference at random inputs. */
    static double maxDifference(TensorProgram p, String kind, long heads, long kv, long headDim, long past, long length,
                                long blockBytes) {
        TorchValue[] in = inputs(p, heads, kv, headDim, past, length, 7);
        try (TorchValue out = run(p, kind, in, heads, kv, headDim, past, length, blockBytes, 1);
             TorchValue ref = reference(p, in, heads, kv, headDim, past, length)) {
            return difference(p, out, ref);
        } finally {
            for (TorchValue v : in) v.close();
        }
    }
}
