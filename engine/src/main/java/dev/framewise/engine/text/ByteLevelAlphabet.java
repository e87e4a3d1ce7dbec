package dev.framewise.engine.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The byte-level BPE alphabet of GPT-2 and Qwen2: every byte is written as one printable character in
 * vocabulary strings ({@code Ġ} = space, {@code Ċ} = newline). Mirrors {@code bytes_to_unicode} in
 * transformers {@code models/gpt2/tokenization_gpt2.py} and the ByteLevel decoder of Hugging Face tokenizers.
 */
final class ByteLevelAlphabet {
    /** Byte value of each alphabet character, -1 for characters outside the alphabet. */
    private static final int[] BYTE_OF_CHAR = inverseBytesToUnicode();

    private ByteLevelAlphabet() {
    }

    /**
     * The bytes a vocabulary string stands for. As in the tokenizers ByteLevel decoder, a string with any
     * character outside the alphabet (an added token such as {@code <|im_start|>} in a non-ASCII form) is
     * taken as its own UTF-8 bytes.
     */
    static byte[] tokenBytes(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int b = c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
            if (b < 0) return token.getBytes(StandardCharsets.UTF_8);
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Inverse of upstream {@code bytes_to_unicode()}: printable Latin-1 bytes map to themselves, the rest to 256+n. */
    private static int[] inverseBytesToUnicode() {
        int[] byteOfChar = new int[256 + 256];
        java.util.Arrays.fill(byteOfChar, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable) {
                byteOfChar[b] = b;
            } else {
                byteOfChar[256 + n] = b;
                n++;
            }
        }
        return byteOfChar;
    }
}
