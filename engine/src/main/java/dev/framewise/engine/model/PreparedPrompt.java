package dev.framewise.engine.model;

import dev.framewise.engine.torch.TorchValue;

/**
 * A prompt ready for prefill: its token ids, its input embeddings {@code [L, hidden]} (vision embeddings
 * already scattered into the pad positions, see {@link LanguageModel#replaceRows}), its M-RoPE position ids
 * {@code [3][L]} and {@code ropeDeltas} (upstream {@code get_rope_index}'s second result): generated token
 * number {@code cache_position} sits at position {@code cache_position + ropeDeltas} on all three axes.
 * {@code deepstack}: Qwen3-VL's DeepStack features of the prompt's visual tokens, null for other families and for
 * prompts without media. Owns the embeddings and DeepStack handles.
 */
public record PreparedPrompt(int[] tokenIds, TorchValue embeddings, long[][] positionIds, long ropeDeltas,
                             DeepstackFeatures deepstack) implements AutoCloseable {

    public PreparedPrompt(int[] tokenIds, TorchValue embeddings, long[][] positionIds, long ropeDeltas) {
        this(tokenIds, embeddings, positionIds, ropeDeltas, null);
    }

    public PreparedPrompt {
        if (positionIds.length != 3) throw new IllegalArgumentException("M-RoPE position ids need 3 rows");
        for (long[] row : positionIds) {
            if (row.length != tokenIds.length) {
                throw new IllegalArgumentException("position id rows must have one entry per token");
            }
        }
    }

    /** A text-only prompt: positions 0..L-1 on all three axes, no delta. */
    public static PreparedPrompt text(LanguageModel model, int[] tokenIds) {
        long[] row = new long[tokenIds.length];
        for (int i = 0; i < row.length; i++) row[i] = i;
        return new PreparedPrompt(tokenIds, model.embed(tokenIds), new long[][] {row, row.clone(), row.clone()}, 0);
    }

    public int length() {
        return tokenIds.length;
    }

    @Override
    public void close() {
        embeddings.close();
        if (deepstack != null) deepstack.close();
    }
}
