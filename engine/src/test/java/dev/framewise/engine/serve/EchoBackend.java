package dev.framewise.engine.serve;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A backend for the server's tests whose output is known in advance: it answers with the words of the last
 * user text, one token each (id 100 + position, logprob -0.5, alternatives [that id, 7]). It records each
 * request and the bytes of its media files; {@code gate}, when given, holds every
 * generation until released (to fill the server's queue).
 */
final class EchoBackend implements InferenceBackend {
    final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    /** The bytes of each media file as the backend saw them while it ran (temporary files are gone afterwards). */
    final List<byte[]> mediaBytes = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final List<FinishReason> finishes = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate;
    private final long tokenDelayMillis;
    /** The convention it reports, as a model of that family would. */
    volatile PromptConvention convention = PromptConvention.COSMOS_REASON1;

    EchoBackend(CountDownLatch gate) {
        this(gate, 0);
    }

    /** @param tokenDelayMillis a pause before each token, so that a client can go away mid-answer */
    EchoBackend(CountDownLatch gate, long tokenDelayMillis) {
        this.gate = gate;
        this.tokenDelayMillis = tokenDelayMillis;
    }

    @Override
    public String describe() {
        return "echo";
    }

    @Override
    public PromptConvention convention() {
        return convention;
    }

    static List<String> words(GenerationRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        StringBuilder text = new StringBuilder();
        for (ContentPart part : last.content()) {
            if (part instanceof ContentPart.Text t) text.append(t.text());
        }
        List<String> words = new ArrayList<>();
        for (String w : text.toString().trim().split("\\s+")) words.add(words.isEmpty() ? w : " " + w);
        return words;
    }

    @Override
    public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
        requests.add(request);
        for (ChatMessage m : request.messages()) {
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.Image i) mediaBytes.add(read(i.path()));
                if (p instanceof ContentPart.Video v) mediaBytes.add(read(v.path()));
            }
        }
        entered.countDown();
        if (gate != null) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> words = words(request);
        int limit = Math.min(words.size(), request.params().maxTokens());
        List<TokenEvent> tokens = new ArrayList<>();
        FinishReason finish = limit < words.size() ? FinishReason.LENGTH : FinishReason.EOS;
        for (int i = 0; i < limit; i++) {
            pause(tokenDelayMillis);
            if (cancel.isCancelled()) {
                finish = FinishReason.CANCELLED;
                break;
            }
            TokenEvent token = new TokenEvent(i, 100 + i, words.get(i), -0.5,
                    List.of(new TokenEvent.TopLogprob(100 + i, -0.5), new TokenEvent.TopLogprob(7, -2.0)));
            tokens.add(token);
            listener.onToken(token);
        }
        finishes.add(finish);
        StringBuilder text = new StringBuilder();
        tokens.forEach(t -> text.append(t.text()));
        long seed = request.params().seed() == null ? 0 : request.params().seed();
        return new GenerationResult("echo", new int[] {1, 2, 3}, tokens, text.toString(), "", text.toString(), List.of(),
                List.of(), new Timings(0, 0, 0, 0, 0, 0, 3, tokens.size()), finish, seed, List.of());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
    }
}
