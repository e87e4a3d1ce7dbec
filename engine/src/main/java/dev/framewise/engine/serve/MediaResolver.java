package dev.framewise.engine.serve;

import dev.framewise.engine.media.MediaTypes;
import dev.framewise.engine.store.FileTrees;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns the media URLs of a request into local files the backend can open: {@code data:} URLs and
 * http(s) downloads (bounded in size and time) become temporary files of one request, deleted when it
 * ends; {@code file://} URLs are used in place, but only under the allowed media root (symbolic links
 * resolved), because a server must not read arbitrary files for whoever can reach it.
 *
 * <p>Downloads go through Apache HttpClient rather than the JDK's client because its connection manager takes a
 * name resolver: the addresses {@link MediaUrlPolicy} checks are the ones connected to. The JDK client looks the
 * host up again, and a DNS server that answers a public address first and a private one second (DNS rebinding)
 * would lead it past the check.
 */
final class MediaResolver implements AutoCloseable {
    private final Path mediaRoot;
    private final long maxFetchBytes;
    private final Duration fetchTimeout;
    private final MediaUrlPolicy urlPolicy;
    private final CloseableHttpClient http;

    /** Redirects followed per download, each checked against the policy as the first URL was. */
    private static final int MAX_REDIRECTS = 5;

    MediaResolver(Path mediaRoot, long maxFetchBytes, Duration fetchTimeout) {
        this(mediaRoot, maxFetchBytes, fetchTimeout, MediaUrlPolicy.PUBLIC_ONLY);
    }

    MediaResolver(Path mediaRoot, long maxFetchBytes, Duration fetchTimeout, MediaUrlPolicy urlPolicy) {
        this.mediaRoot = mediaRoot;
        this.maxFetchBytes = maxFetchBytes;
        this.fetchTimeout = fetchTimeout;
        this.urlPolicy = urlPolicy;
        Timeout timeout = Timeout.of(fetchTimeout);
        // Redirects are followed by hand: a public URL must not redirect the server to a private one.
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .build();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // nothing is left to release
        }
    }

    /** Resolves through the policy, which refuses private addresses with an UnknownHostException. */
    private final class CheckedResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return urlPolicy.addresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** The media of one request; closing deletes its temporary files. */
    Scope open() {
        return new Scope();
    }

    final class Scope implements AutoCloseable {
        private Path tempDir;

        /** A local file for {@code url}; {@code kind} is "image" or "video" and {@code field} names the JSON field in errors. */
        Path resolve(String url, String kind, String field) {
            String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
            return switch (scheme) {
                case "data" -> fromDataUrl(url, kind, field);
                case "http", "https" -> download(url, kind, field);
                case "file" -> localFile(url, field);
                default -> throw ApiError.badRequest(kind + "_url", field + ": give a data:, http(s): or file:// URL, not '"
                        + abbreviate(url) + "'");
            };
        }

        private Path fromDataUrl(String url, String kind, String field) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma).toLowerCase(Locale.ROOT);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw ApiError.badRequest(kind + "_url", field + ": a data URL must be base64 (data:MIME;base64,...)");
            }
            String mime = header.substring(0, header.length() - ";base64".length());
            // decoded straight into the file, a few KiB at a time: no second copy of the media in memory
            Path file = newFile(extension(mime, kind));
            try (InputStream in = Base64.getMimeDecoder().wrap(new AsciiStream(url, comma + 1));
                 OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            } catch (IOException e) {
                boolean badInput = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("base64");
                if (badInput) {
                    throw ApiError.badRequest(kind + "_url", field + ": the data URL is not valid base64 (" + e.getMessage() + ")");
                }
                throw storageFailed(e);
            }
            return file;
        }

        private Path download(String url, String kind, String field) {
            long deadline = System.nanoTime() + fetchTimeout.toNanos();
            URI at = uri(url, kind, field);
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                urlPolicy.check(at, field);
                HttpGet request = new HttpGet(at);
                // the whole answer must arrive by the deadline: cancelling ends a read blocked on a stalled server
                long left = Math.max(1, deadline - System.nanoTime());
                CompletableFuture<Void> timer = CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS)).thenRun(request::cancel);
                try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
                    Header location = response.getFirstHeader("Location");
                    if (response.getCode() / 100 != 3 || location == null) return save(response, url, kind, field);
                    if (hop == MAX_REDIRECTS) {
                        throw ApiError.badRequest(null, field + ": " + abbreviate(url) + " redirects more than "
                                + MAX_REDIRECTS + " times");
                    }
                    at = uri(at.resolve(location.getValue()).toString(), kind, field);
                } catch (MediaUrlPolicy.RefusedHost e) {
                    throw e.error(field);
                } catch (IOException | UncheckedIOException | IllegalStateException e) {
                    // One message for a refused connection, a reset, a stall and a timeout (a cancel at the deadline
                    // can also meet the client between two states: IllegalStateException): telling them apart would
                    // tell a client which ports are open on hosts it can make the server reach.
                    throw ApiError.badRequest(kind + "_url", field + ": could not download " + abbreviate(url)
                            + " (no complete answer within " + String.format(Locale.ROOT, "%.1f", fetchTimeout.toMillis() / 1000.0)
                            + " s)");
                } finally {
                    timer.cancel(false);
                }
            }
            throw new IllegalStateException("unreachable");
        }

        private Path save(ClassicHttpResponse response, String url, String kind, String field) throws IOException {
            if (response.getCode() != 200) {
                throw ApiError.badRequest(null, field + ": " + abbreviate(url) + " answered HTTP " + response.getCode());
            }
            HttpEntity entity = response.getEntity();
            String mime = entity == null || entity.getContentType() == null ? "" : entity.getContentType().split(";")[0].strip();
            byte[] bytes;
            try (InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFetchBytes + 1));
            }
            if (bytes.length > maxFetchBytes) {
                throw ApiError.tooLarge(field + ": " + abbreviate(url) + " is larger than the server's limit of "
                        + maxFetchBytes + " bytes");
            }
            return write(bytes, extension(mime.toLowerCase(Locale.ROOT), kind));
        }

        private static URI uri(String url, String kind, String field) {
            try {
                URI uri = URI.create(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) throw new IllegalArgumentException(scheme);
                return uri;
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(kind + "_url", field + ": not a valid http(s) URL: " + abbreviate(url));
            }
        }

        private Path localFile(String url, String field) {
            if (mediaRoot == null) {
                throw ApiError.forbidden(field + ": file:// media is disabled on this server (start it with --allow-media-root DIR)");
            }
            Path path;
            try {
                path = Path.of(URI.create(url)).toAbsolutePath().normalize();
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(null, field + ": not a valid file URL: " + abbreviate(url));
            }
            if (!path.startsWith(mediaRoot)) throw outsideRoot(field, path);
            try {
                if (!path.toRealPath().startsWith(mediaRoot.toRealPath())) throw outsideRoot(field, path);
            } catch (NoSuchFileException e) {
                throw ApiError.badRequest(null, field + ": no such file: " + path);
            } catch (IOException e) {
                throw ApiError.badRequest(null, field + ": cannot read " + path + ": " + e.getMessage());
            }
            return path;
        }

        private ApiError outsideRoot(String field, Path path) {
            return ApiError.forbidden(field + ": " + path + " is outside the media folder this server may read");
        }

        private Path write(byte[] bytes, String extension) {
            try {
                return Files.write(newFile(extension), bytes);
            } catch (IOException e) {
                throw storageFailed(e);
            }
        }

        private Path newFile(String extension) {
            try {
                if (tempDir == null) tempDir = Files.createTempDirectory("framewise-serve-");
                return Files.createTempFile(tempDir, "media-", "." + extension);
            } catch (IOException e) {
                throw storageFailed(e);
            }
        }

        private ApiError storageFailed(IOException e) {
            return new ApiError(500, "server_error", "storage", "The server could not store the request's media: " + e.getMessage());
        }

        @Override
        public void close() {
            if (tempDir != null) FileTrees.deleteQuietly(tempDir);
        }
    }

    /** The characters of a string from {@code start} on as bytes (base64 is ASCII; anything else reads as '?'). */
    private static final class AsciiStream extends InputStream {
        private final String text;
        private int at;

        AsciiStream(String text, int start) {
            this.text = text;
            this.at = start;
        }

        @Override
        public int read() {
            if (at >= text.length()) return -1;
            char c = text.charAt(at++);
            return c < 128 ? c : '?';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (at >= text.length()) return -1;
            int n = Math.min(len, text.length() - at);
            for (int i = 0; i < n; i++) {
                char c = text.charAt(at++);
                b[off + i] = (byte) (c < 128 ? c : '?');
            }
            return n;
        }
    }

    private static String extension(String mime, String kind) {
        return MediaTypes.extensionOf(mime == null ? "" : mime).orElse(kind.equals("video") ? "mp4" : "png");
    }

    private static String abbreviate(String url) {
        return url.length() > 120 ? url.substring(0, 120) + "…" : url;
    }
}
