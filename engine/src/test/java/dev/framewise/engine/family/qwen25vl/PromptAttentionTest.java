package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.torch.TensorProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "heads {0}, kv {1}, head_dim {2}, past {3}, length {4}")
    @CsvSource({
            "2, 2, 16, 0, 9",     // group 1, first chunk
            "14, 2, 16, 0, 7",    // group 7, first chunk
            "4, 4, 32, 37, 5",    // group 1 after a prefix
            "14, 2, 64, 100, 13", // group 7 after a prefix (the 0.5B heads)
            "28, 4, 32, 300, 3",  // the 7B's grouping
            "14, 2, 16, 50, 20",  // 140 stacked rows per key/value head: several blocks below
            "7, 7, 8, 1, 1",
            "14, 2, 64, 8192, 4"}) // past at MERGED_ATTENTION_PAST: prompt takes the merged path
    void everyKindMatchesTheReference(long heads, long kv, long headDim, long past, long length) {
        // block_bytes 0: the program's own cap; 1: the 64-row floor (a boundary inside a head's rows);
        // 100 rows' worth: a block boundary that falls elsewhere.
        long hundredRows = 100 * (past + length) * 4;
        for (long blockBytes : new long[] {0, 1, hundredRows}) {
            assertClose("grouped", heads, kv, headDim, past, length, blockBytes);
        }
        if (past > 0) assertClose("merged", heads, kv, headDim, past, length, 0);
        assertClose("prompt", heads, kv, headDim, past, length, 0);
        assertClose("repeated", heads, kv, headDim, past, length, 0);
    }

    private static void assertClose(String kind, long heads, long kv, long headDim, long past, long length,
                                    long blockBytes) {
        double diff = PromptAttentionPrograms.maxDifference(program, kind, heads, kv, headDim, past, length, blockBytes);
        assertTrue(diff <= TOLERANCE, kind + " (block bytes " + blockBytes + ") differs from the reference by " + diff);
    }
}
