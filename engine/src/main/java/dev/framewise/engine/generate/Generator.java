package dev.framewise.engine.generate;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.WorkProgress;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.PreparedPrompt;
import dev.framewise.engine.text.StreamingDetokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The generation loop: prefill the prompt, then pick and decode one token at a time.
 *
 * <p>Contract of {@link #generate}:
 * <ul>
 *   <li>It takes a KV cache of at least {@code prompt + maxTokens} positions from the {@link PromptPrefixCache}
 *       (with {@link Context#prefixKey()} set, the cached prefix shared with an earlier prompt of the same key is
 *       re-used and only the rest is prefilled, nothing for a prompt equal to a kept one;
 *       {@link Outcome#prefilledTokens()} says how many), and hands it back
 *       holding the prompt before returning (closed instead on failure, or without a key). It mutates nothing
 *       else: the prompt's embeddings are left open for the caller, the model's weights are read only.</li>
 *   <li>With {@link GenerationParams#evidence()} and {@link Context#frameGroups()}, after the last token it
 *       computes {@link FrameEvidence} from the cache; otherwise the result's evidence is empty and decoding
 *       costs nothing extra.</li>
 *   <li>Per step the logits go through repetition penalty (over prompt and generated ids), presence and
 *       frequency penalties (over generated ids, as vLLM), temperature, then
 *       the {@link Sampler} (greedy at temperature 0). Each token's {@code logprob} and its {@code top}
 *       alternatives are log-probabilities under that processed distribution, before top-k / top-p.</li>
 *   <li>Tokens stream to {@code onToken} as they are chosen, with the text they complete (the
 *       {@link StreamingDetokenizer} never splits a UTF-8 character; text that could be the start of a stop
 *       string is held back until the next token decides). Text still held back when generation ends is
 *       streamed as one last event that repeats the last token's index and id with no alternatives; in the
 *       returned tokens it is part of the last token's text, so their texts concatenate to the result's text.</li>
 *   <li>It stops, and says why in {@link Outcome#finishReason()}: an end-of-sequence id of the generation
 *       config ({@code EOS}, the EOS token itself is neither streamed nor part of the text; ignored with
 *       {@code ignoreEos}), a stop string ({@code STOP_STRING}, the text ends before it), {@code maxTokens}
 *       tokens ({@code LENGTH}), or cancellation ({@code CANCELLED}), checked before every model call, so at
 *       most one more token is produced after {@link CancellationToken#cancel()}. The prompt is prefilled in
 *       chunks of {@code prefillChunk} tokens (the model's {@link LanguageModel#defaultPrefillChunk()} unless
 *       given), each reported to {@code onProgress} as {@link WorkProgress.Stage#PREFILL}; cancellation is checked after every
 *       chunk too, and a prefill cancelled there ends with no tokens and its cache closed.</li>
 *   <li>Decoded token {@code n} (cache position {@code prompt + n}) sits at M-RoPE position
 *       {@code cache_position + ropeDeltas} on all three axes, as upstream.</li>
 * </ul>
 */
public final class Generator {
    private final LanguageModel model;
    private final Set<Integer> eosIds;
    private final PromptPrefixCache prefixCache;
    private final int prefillChunk;

    /** A generator without prompt-prefix re-use. */
    public Generator(LanguageModel model, Set<Integer> eosIds) {
        this(model, eosIds, new PromptPrefixCache(0));
    }

    public Generator(LanguageModel model, Set<Integer> eosIds, PromptPrefixCache prefixCache) {
        this(model, eosIds, prefixCache, LanguageModel.AUTO_PREFILL_CHUNK);
    }

    /**
     * With prompts prefilled in chunks of at most {@code prefillChunk} tokens ({@link LanguageModel#AUTO_PREFILL_CHUNK}:
     * the model's default; see {@link LanguageModel#prefill}).
     */
    public Generator(LanguageModel model, Set<Integer> eosIds, PromptPrefixCache prefixCache, int prefillChunk) {
        if (prefillChunk < 0) throw new IllegalArgumentException("prefill chunks must hold at least one token");
        this.model = model;
        this.eosIds = Set.copyOf(eosIds);
        this.prefixCache = prefixCache;
        this.prefillChunk = prefillChunk;
    }

    /**
     * What the generator needs to know about a prompt beyond its tokens: {@code prefixKey} identifies everything
     * besides the token ids that its keys and values depend on (model, precision, device, media identities; null:
     * do not re-use or keep its cache), {@code frameGroups} the prompt rows of each frame group's vision tokens.
     */
    public record Context(String prefixKey, List<int[]> frameGroups) {
        public static final Context NONE = new Context(null, List.of());

        public Context {
            frameGroups = List.copyOf(frameGroups);
        }
    }

    /**
     * What a generation produced. Times in milliseconds from the start of prefill; {@code prefilledTokens} prompt
     * tokens were run (the rest came from the prompt-prefix cache); {@code frameEvidence} one share per frame
     * group, empty unless asked for.
     */
    public record Outcome(List<TokenEvent> tokens, String text, FinishReason finishReason, long seed,
                          double prefillMs, double firstTokenMs, double decodeMs, int prefilledTokens,
                          List<Double> frameEvidence) {
    }

    public Outcome generate(PreparedPrompt prompt, GenerationParams params, long seed, StreamingDetokenizer detokenizer,
                            Consumer<TokenEvent> onToken, CancellationToken cancel) {
        return generate(prompt, params, seed, detokenizer, onToken, cancel, Context.NONE);
    }

    public Outcome generate(PreparedPrompt prompt, GenerationParams params, long seed, StreamingDetokenizer detokenizer,
                            Consumer<TokenEvent> onToken, CancellationToken cancel, Context context) {
        return generate(prompt, params, seed, detokenizer, onToken, cancel, context, progress -> { });
    }

    public Outcome generate(PreparedPrompt prompt, GenerationParams params, long seed, StreamingDetokenizer detokenizer,
                            Consumer<TokenEvent> onToken, CancellationToken cancel, Context context,
                            Consumer<WorkProgress> onProgress) {
        long start = System.nanoTime();
        Sampler sampler = Sampler.of(params, seed);
        StopStrings stops = new StopStrings(params.stop());
        BitSet seen = new BitSet();
        for (int id : prompt.tokenIds()) seen.set(id);
        GeneratedCounts generated = new GeneratedCounts();
        List<TokenEvent> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int streamed = 0;
        FinishReason reason = FinishReason.LENGTH;
        double prefillMs;
        double firstTokenMs = 0;
        if (cancel.isCancelled()) {
            return new Outcome(List.of(), "", FinishReason.CANCELLED, seed, 0, 0, 0, 0, List.of());
        }
        String key = context.prefixKey();
        PromptPrefixCache.Lease lease = key == null
                ? new PromptPrefixCache.Lease(model.newCache(prompt.length() + params.maxTokens()), 0)
                : prefixCache.acquire(key, prompt.tokenIds(), prompt.length() + params.maxTokens(), model::newCache);
        KvCache cache = lease.cache();
        boolean kept = false;
        int[] decoded = new int[params.maxTokens()];
        int decodedCount = 0;
        List<Double> evidence = List.of();
        long decodeEnd;
        try {
            float[] logits = lease.lastLogits() != null ? lease.lastLogits()
                    : prefill(cache, prompt, lease.reused(), cancel, onProgress);
            if (logits == null) {
                return new Outcome(List.of(), "", FinishReason.CANCELLED, seed, millisSince(start), 0, 0,
                        cache.length() - lease.reused(), List.of());
            }
            float[] promptLogits = key == null ? null : logits.clone(); // the steps below change logits in place
            prefillMs = millisSince(start);
            for (int step = 0; step < params.maxTokens(); step++) {
                Logits.applyRepetitionPenalty(logits, seen, params.repetitionPenalty());
                generated.penalise(logits, params.presencePenalty(), params.frequencyPenalty());
                Logits.applyTemperature(logits, params.temperature());
                double logSumExp = Logits.logSumExp(logits);
                int token = sampler.sample(logits, logSumExp);
                if (step == 0) firstTokenMs = millisSince(start);
                if (eosIds.contains(token) && !params.ignoreEos()) {
                    reason = FinishReason.EOS;
                    break;
                }
                seen.set(token);
                generated.add(token);
                text.append(detokenizer.accept(token));
                int stopAt = stops.find(text, streamed);
                if (stopAt >= 0) text.setLength(stopAt);
                int emit = stopAt >= 0 ? text.length() : stops.safeLength(text);
                if (emit < streamed) emit = streamed;
                TokenEvent event = event(step, token, logits, logSumExp, text.substring(streamed, emit),
                        params.topLogprobs());
                streamed = emit;
                events.add(event);
                onToken.accept(event);
                if (stopAt >= 0) {
                    reason = FinishReason.STOP_STRING;
                    break;
                }
                if (step + 1 == params.maxTokens()) break;
                if (cancel.isCancelled()) {
                    reason = FinishReason.CANCELLED;
                    break;
                }
                logits = model.decode(cache, token, cache.length() + prompt.ropeDeltas());
                decoded[decodedCount++] = token;
            }
            decodeEnd = System.nanoTime();
            if (params.evidence() && !context.frameGroups().isEmpty()) {
                evidence = FrameEvidence.compute(model, cache, prompt, Arrays.copyOf(decoded, decodedCount),
                        context.frameGroups());
            }
            if (key != null) {
                prefixCache.release(key, prompt.tokenIds(), cache, promptLogits);
                kept = true;
            }
        } finally {
            if (!kept) cache.close();
        }
        if (reason != FinishReason.STOP_STRING) text.append(detokenizer.finish());
        if (streamed < text.length() && !events.isEmpty()) {
            // the held-back tail: flushed as a final piece of the last token
            TokenEvent last = events.remove(events.size() - 1);
            TokenEvent flushed = new TokenEvent(last.index(), last.id(), last.text() + text.substring(streamed),
                    last.logprob(), last.top());
            events.add(flushed);
            onToken.accept(new TokenEvent(last.index(), last.id(), text.substring(streamed), last.logprob(), List.of()));
        }
        double total = (decodeEnd - start) / 1e6;
        return new Outcome(events, text.toString(), reason, seed, prefillMs, firstTokenMs,
                events.isEmpty() ? 0 : total - firstTokenMs, prompt.length() - lease.reused(), evidence);
    }

    /** The prompt's rows from {@code from} on, in chunks; null when cancelled between two of them. */
    private float[] prefill(KvCache cache, PreparedPrompt prompt, int from, CancellationToken cancel,
                            Consumer<WorkProgress> onProgress) {
        ChunkProgress progress = ChunkProgress.stoppable((done, total) -> {
            onProgress.accept(new WorkProgress(WorkProgress.Stage.PREFILL, done, total));
            if (cancel.isCancelled()) throw new CancellationException();
        }, cancel::isCancelled);
        try {
            return model.prefill(cache, prompt.embeddings(), prompt.positionIds(), from, prompt.deepstack(),
                    prefillChunk, progress);
        } catch (CancellationException e) {
            return null;
        }
    }

    private static TokenEvent event(int index, int token, float[] logits, double norm, String piece,
                                    int topLogprobs) {
        List<TokenEvent.TopLogprob> top = new ArrayList<>();
        for (int id : Logits.topIndices(logits, topLogprobs)) top.add(new TokenEvent.TopLogprob(id, logits[id] - norm));
        return new TokenEvent(index, token, piece, logits[token] - norm, top);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
