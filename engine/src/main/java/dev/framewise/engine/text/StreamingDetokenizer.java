package dev.framewise.engine.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns generated token ids into text pieces as they arrive. Each id is mapped to its bytes (inverse of the
 * byte-level alphabet) and fed to one stateful UTF-8 decoder, so a character whose bytes are split over
 * several tokens comes out whole, in the piece of the token that completes it. The concatenation of all
 * pieces plus {@link #finish()} equals {@code decode(allIds)}; invalid byte sequences become U+FFFD as in
 * upstream's {@code errors="replace"}. Not thread-safe: one per generation.
 */
public final class StreamingDetokenizer {
    private final TokenizerVocabulary vocabulary;
    private final boolean skipSpecialTokens;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(64); // bytes of an unfinished character, in write mode

    StreamingDetokenizer(TokenizerVocabulary vocabulary, boolean skipSpecialTokens) {
        this.vocabulary = vocabulary;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    /** Adds one token; returns the text it completes (empty while a multi-byte character is unfinished). */
    public String accept(int id) {
        if (skipSpecialTokens && vocabulary.isSpecial(id)) return "";
        byte[] bytes = vocabulary.bytes(id);
        if (pending.remaining() < bytes.length) {
            pending = ByteBuffer.allocate(pending.position() + bytes.length).put(pending.flip());
        }
        pending.put(bytes);
        return decodePending(false);
    }

    /** Whether bytes of an unfinished character are waiting for the next token. */
    public boolean hasPendingBytes() {
        return pending.position() > 0;
    }

    /** Ends the stream: an unfinished character at the very end comes out as U+FFFD, like upstream decode. */
    public String finish() {
        String rest = decodePending(true);
        CharBuffer out = CharBuffer.allocate(4);
        utf8.flush(out);
        utf8.reset();
        return rest + out.flip();
    }

    private String decodePending(boolean endOfInput) {
        pending.flip();
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 2);
        utf8.decode(pending, out, endOfInput);
        pending.compact();
        return out.flip().toString();
    }
}
