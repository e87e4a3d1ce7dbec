package dev.framewise.engine.generate;

import dev.framewise.engine.api.PromptTooLongException;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.Precision;

import java.util.Locale;

/**
 * What a prompt may cost before it is prefilled: prompt tokens plus the answer budget must fit the context length
 * ({@code max_position_embeddings}, or a smaller user setting), and the memory the generation adds to the loaded
 * weights (KV cache for every position plus the prefill's working set) must fit the free memory. A request over
 * either is refused with the counts and what to lower, instead of growing until the OS kills the process.
 *
 * <p>The memory figures follow the tensor program (qwen2_text.py): the KV cache holds
 * {@code 2 · layers · kv_heads · head_dim} values per position (float32 on the CPU, the model's precision
 * elsewhere); prefill runs all prompt rows through one layer at a time, so its working set per prompt row is the
 * residual, the normed input, q/k/v, the attention output and the MLP's gate, up and product rows in the
 * compute precision (float32 on the CPU), plus the layer's float copy of the cached keys and values and the
 * boolean causal mask {@code L × L}. Attention scores are not counted: scaled_dot_product_attention does not
 * materialise them. Deliberately rough: it catches requests that are far too large, not borderline ones.
 *
 * @param contextLength       positions the model may use
 * @param kvBytesPerToken     KV cache bytes per position
 * @param prefillBytesPerToken working-set bytes per prompt row, besides the mask
 * @param freeBytes           memory free on the device with the weights loaded; 0: unknown, not checked
 * @param device              where it runs, for the message
 */
public record ContextBudget(int contextLength, long kvBytesPerToken, long prefillBytesPerToken, long freeBytes,
                            String device) {
    private static final double GIB = 1024.0 * 1024 * 1024;

    /** What to lower, in words both the CLI's and the server's users act on. */
    static final String LOWER = "lower max tokens (--max-tokens / max_tokens), shorten the prompt, or give the vision "
            + "fewer tokens (--fps, --nframes, --max-pixels, --start/--end)";

    public ContextBudget {
        if (contextLength < 1) throw new IllegalArgumentException("the context length must be at least 1 token");
    }

    /**
     * The budget of a loaded language model. {@code contextLimit} above 0 lowers the model's own context length
     * ({@code --max-model-len}); it never raises it.
     */
    public static ContextBudget of(TextConfig text, Precision precision, ComputeDevice device, int contextLimit,
                                   long freeBytes) {
        int context = contextLimit > 0 ? Math.min(contextLimit, text.maxPositionEmbeddings()) : text.maxPositionEmbeddings();
        int cacheBytes = device == ComputeDevice.CPU ? 4 : precision.bytes();
        int computeBytes = device == ComputeDevice.CPU ? 4 : precision.bytes();
        long kv = 2L * text.numLayers() * text.kvDim() * cacheBytes;
        long qkv = (long) (text.numHeads() + 2 * text.numKvHeads()) * text.headDim();
        long perRow = computeBytes * (4L * text.hiddenSize() + qkv + 2L * text.kvDim() + 3L * text.intermediateSize());
        return new ContextBudget(context, kv, perRow, freeBytes, device.toString().toLowerCase(Locale.ROOT));
    }

    /** Bytes the generation adds to the loaded weights: KV cache, prefill working set and causal mask. */
    public long neededBytes(int promptTokens, int maxTokens) {
        long positions = (long) promptTokens + maxTokens;
        return kvBytesPerToken * positions + prefillBytesPerToken * promptTokens + (long) promptTokens * promptTokens;
    }

    /**
     * Refuses a prompt of {@code promptTokens} (counted, or {@code estimated} from the media's sampling plans before
     * decoding them) with {@code maxTokens} to generate, when it does not fit.
     *
     * @throws PromptTooLongException with the counts and what to lower
     */
    public void check(int promptTokens, int maxTokens, boolean estimated) {
        long total = (long) promptTokens + maxTokens;
        String prompt = String.format(Locale.ROOT, "the prompt is %s%,d tokens", estimated ? "about " : "", promptTokens);
        if (total > contextLength) {
            throw new PromptTooLongException(String.format(Locale.ROOT,
                    "%s and max tokens asks for %,d more: %,d in all, over this model's context length of %,d tokens; %s",
                    prompt, maxTokens, total, contextLength, LOWER), promptTokens, maxTokens);
        }
        long needed = neededBytes(promptTokens, maxTokens);
        if (freeBytes > 0 && needed > freeBytes) {
            throw new PromptTooLongException(String.format(Locale.ROOT,
                    "%s and max tokens asks for %,d more: that needs about %.1f GiB of memory (KV cache %.1f GiB, "
                            + "prompt processing %.1f GiB) besides the weights, but only %.1f GiB are free on %s; %s",
                    prompt, maxTokens, needed / GIB, kvBytesPerToken * total / GIB,
                    (needed - kvBytesPerToken * total) / GIB, freeBytes / GIB, device, LOWER), promptTokens, maxTokens);
        }
    }
}
