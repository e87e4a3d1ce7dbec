package dev.framewise.engine.store.hub;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.media.ContentHash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * The hash the Hub publishes for a file: SHA-256 of the content for LFS files, the git blob id (SHA-1 of
 * {@code "blob SIZE\0"} + content) for plain git files. Fed incrementally so a resumed download hashes the
 * bytes already on disk first, then the new ones.
 */
final class HubHash {
    private final MessageDigest digest;
    private final String expected;

    private HubHash(MessageDigest digest, String expected) {
        this.digest = digest;
        this.expected = expected;
    }

    static HubHash forFile(HubFile file) {
        if (file.isLfs()) return new HubHash(ContentHash.sha256Digest(), file.lfsSha256());
        HubHash h = new HubHash(newDigest("SHA-1"), file.gitBlobId());
        h.digest.update(("blob " + file.size() + "\0").getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    String algorithm() {
        return digest.getAlgorithm().equals("SHA-256") ? "SHA-256" : "git blob id";
    }

    void update(byte[] buffer, int offset, int length) {
        digest.update(buffer, offset, length);
    }

    /** Feeds the first {@code length} bytes of a file (the part kept from an earlier attempt). */
    void updateFrom(Path file, long length) throws IOException {
        updateFrom(file, length, n -> { }, new CancellationToken());
    }

    /**
     * As {@link #updateFrom(Path, long)}, telling {@code read} of each block's bytes and stopping with
     * {@link CancellationException} at the first block after {@code cancel} is set.
     */
    void updateFrom(Path file, long length, LongConsumer read, CancellationToken cancel) throws IOException {
        if (length == 0) return;
        byte[] buffer = new byte[1 << 20];
        long left = length;
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                if (cancel.isCancelled()) throw new CancellationException("hashing " + file + " was cancelled");
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) throw new IOException(file + " is shorter than " + length + " bytes");
                digest.update(buffer, 0, n);
                left -= n;
                read.accept(n);
            }
        }
    }

    String expected() {
        return expected;
    }

    /** Finishes the digest; returns the hex value computed. */
    String finish() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
