package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.torch.TensorProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * qwen2_text.py's prompt attention (what a prefill chunk runs over the cache) against the plain math:
 * softmax(q k^T / sqrt(head_dim) + causal mask) v with the key/value heads repeated, in float64.
 */
class PromptAttentionTest {
    /** float32 against the float64 reference. */
    private static final double TOLERANCE = 1e-4;

    private static TensorProgram program;

    @BeforeAll
    static void compile() {
        program = PromptAttentionPrograms.load();
    }

    @AfterAll
    static void close() {
        program.close();
    }

    @ParameterizedTest(name = "heads {0}, kv {1}, head_dim {2}, past {3}, length {4}: prompt takes {5}")
    @CsvSource({
            "2, 2, 16, 0, 9, repeated",      // group 1, first chunk
            "14, 2, 16, 0, 7, repeated",     // group 7, first chunk
            "4, 4, 32, 37, 5, grouped",      // group 1 after a prefix
            "14, 2, 64, 100, 13, grouped",   // group 7 after a prefix (the 0.5B heads)
            "28, 4, 32, 300, 3, grouped",    // the 7B's grouping
            "7, 7, 8, 1, 1, grouped",
            "14, 2, 16, 9300, 128, merged"}) // the stacked rows' mask over GROUPED_MASK_BYTES
    void everyKindMatchesTheReference(long heads, long kv, long headDim, long past, long length, String taken) {
        if (past > 0) {
            assertClose("grouped", heads, kv, headDim, past, length);
            assertClose("merged", heads, kv, headDim, past, length);
        }
        assertClose("repeated", heads, kv, headDim, past, length);
        assertClose("prompt", heads, kv, headDim, past, length);
        assertEquals(0.0, PromptAttentionPrograms.kindDifference(program, "prompt", taken, heads, kv, headDim, past, length),
                "prompt_attention takes " + taken);
    }

    private static void assertClose(String kind, long heads, long kv, long headDim, long past, long length) {
        double diff = PromptAttentionPrograms.maxDifference(program, kind, heads, kv, headDim, past, length, 0);
        assertTrue(diff <= TOLERANCE, kind + " differs from the reference by " + diff);
    }
}
