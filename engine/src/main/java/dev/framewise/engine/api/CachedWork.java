package dev.framewise.engine.api;

import java.util.List;

/**
 * What a loaded model would not have to compute again for a request, from its caches as they are now: which of
 * the request's images and videos (in order of appearance) are in the vision-embedding cache at the same sampling
 * and pixel settings (no decode, no vision tower), and how many of the prompt's first tokens the prompt-prefix cache
 * holds (a follow-up prefills only the rest). The cost preview counts only the work that will run.
 *
 * @param mediaCached        per image or video part of the request, in order: whether its embeddings are cached
 * @param reusedPromptTokens prompt tokens whose keys and values are cached (0 where unknown)
 */
public record CachedWork(List<Boolean> mediaCached, int reusedPromptTokens) {
    /** Nothing cached (a fresh model, a server, no model loaded). */
    public static final CachedWork NONE = new CachedWork(List.of(), 0);

    public CachedWork {
        mediaCached = List.copyOf(mediaCached);
        if (reusedPromptTokens < 0) throw new IllegalArgumentException("reused tokens must not be negative");
    }

    /** Whether the {@code index}-th image or video of the request is cached (false past the list's end). */
    public boolean isMediaCached(int index) {
        return index < mediaCached.size() && mediaCached.get(index);
    }
}
