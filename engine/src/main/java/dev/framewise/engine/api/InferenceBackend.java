package dev.framewise.engine.api;

import java.util.OptionalDouble;

/**
 * Where answers come from: the embedded engine or an OpenAI-compatible server. The CLI, the server and
 * the workbench all go through this interface.
 *
 * <p>{@link #generate} blocks the calling thread until generation ends; tokens stream to the listener
 * meanwhile. Cancelling the token ends it at the next token with {@link FinishReason#CANCELLED} and
 * returns what was generated so far. Failures are {@link EngineException}s with a user-facing message.
 */
public interface InferenceBackend extends AutoCloseable {

    /** A short human description, e.g. "Cosmos-Reason1-7B on CUDA (bf16)" or "vLLM at http://gpu:8000". */
    String describe();

    /**
     * How the convenience inputs (the workbench, {@code ask --prompt}) ask this backend's model a question: its
     * family's convention where the backend knows the family, Cosmos-Reason1's otherwise (a server's model).
     */
    default PromptConvention convention() {
        return PromptConvention.COSMOS_REASON1;
    }

    GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel);

    /**
     * The request's prompt as the model will read it, with its length in tokens; blocks while the media are read (and,
     * for a model folder, encoded through the vision cache, which the next question about them then re-uses). A
     * backend that does not see its model's template (a server) refuses with an {@link EngineException}.
     */
    default RenderedPrompt renderedPrompt(GenerationRequest request) {
        throw new EngineException(describe() + " renders its prompt on the server; the prompt can be shown for a model "
                + "folder run in Framewise");
    }

    /**
     * What this backend's caches would save on {@code request} now (vision embeddings, prompt prefix), without
     * computing anything: for the cost preview. Never blocks on a generation in progress; {@link CachedWork#NONE} for
     * a backend without caches it can see (a server).
     */
    default CachedWork cachedWork(GenerationRequest request) {
        return CachedWork.NONE;
    }

    /**
     * FLOP/s of the loaded language model's prefill matrix kernel on one of its own matrices at a prefill chunk's
     * rows, measured once when first asked (a fraction of a second): what the cost preview's first estimate prefers
     * to a random matrix. Empty for a backend that runs no model here (a server).
     */
    default OptionalDouble prefillKernelFlopsPerSecond() {
        return OptionalDouble.empty();
    }

    @Override
    void close();
}
