package dev.framewise.engine.api;

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

    GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel);

    @Override
    void close();
}
