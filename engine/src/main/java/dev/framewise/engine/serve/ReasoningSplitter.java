package dev.framewise.engine.serve;

/**
 * vLLM's {@code --reasoning-parser qwen3} for {@code framewise serve}: the reasoning between {@code <think>} and
 * {@code </think>} goes to {@code reasoning_content}, the rest to {@code content}, whole or as stream deltas.
 * As the Qwen3ReasoningParser of the vLLM releases cosmos-reason2 was written against: the tags go to neither;
 * text after {@code </think>} is content (none when empty); an output without {@code <think>} is all content,
 * verbatim. Where those releases' streaming and whole answers disagree, this follows the streaming path so that
 * both always say the same: a {@code <think>} never closed (cut at max tokens) leaves everything after it
 * reasoning, and text before {@code <think>} stays content. (Later vLLM releases, for templates that open the
 * think block in the prompt, also treat an output with only {@code </think>} as reasoning up to it; Cosmos-Reason2
 * writes its own {@code <think>}.)
 *
 * <p>Streaming feeds each piece to {@link #accept}; a piece that ends with what could be the start of a tag is held
 * back until the next one decides (tags are single tokens in Qwen3 tokenizers, so this seldom waits).
 */
final class ReasoningSplitter {
    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    /** A piece of each kind; either may be empty. */
    record Split(String reasoning, String content) {
        boolean isEmpty() {
            return reasoning.isEmpty() && content.isEmpty();
        }
    }

    private final StringBuilder text = new StringBuilder();
    private int reasoningSent;
    private int contentSent;

    /** The whole output split; {@code reasoning} null when it has no think block (vLLM then sends none). */
    static Split whole(String output) {
        return split(output);
    }

    /** The new reasoning and content a streamed piece completes. */
    Split accept(String piece) {
        text.append(piece);
        return emit(safeLength());
    }

    /** What is still held back, at the end of the stream. */
    Split finish() {
        return emit(text.length());
    }

    private Split emit(int upTo) {
        String visible = text.substring(0, upTo);
        Split all = split(visible);
        String reasoning = all.reasoning() == null ? "" : all.reasoning();
        Split delta = new Split(reasoning.length() > reasoningSent ? reasoning.substring(reasoningSent) : "",
                all.content().length() > contentSent ? all.content().substring(contentSent) : "");
        reasoningSent = Math.max(reasoningSent, reasoning.length());
        contentSent = Math.max(contentSent, all.content().length());
        return delta;
    }

    private static Split split(String output) {
        int open = output.indexOf(OPEN);
        if (open < 0) return new Split(null, output);
        int close = output.indexOf(CLOSE, open + OPEN.length());
        String before = output.substring(0, open);
        if (close < 0) return new Split(output.substring(open + OPEN.length()), before);
        return new Split(output.substring(open + OPEN.length(), close), before + output.substring(close + CLOSE.length()));
    }

    /** The length of text that cannot change meaning: all of it unless it ends with a proper prefix of a tag. */
    private int safeLength() {
        int n = text.length();
        for (int keep = Math.min(CLOSE.length() - 1, n); keep > 0; keep--) {
            String tail = text.substring(n - keep);
            if (OPEN.startsWith(tail) || CLOSE.startsWith(tail)) return n - keep;
        }
        return n;
    }
}
