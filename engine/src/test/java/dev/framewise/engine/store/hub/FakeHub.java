package dev.framewise.engine.store.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A Hugging Face Hub on 127.0.0.1 serving one repository: the revision listing with blob metadata, and file
 * content through {@code resolve} (LFS files via a redirect, as the real Hub sends them to its CDN), honouring
 * Range requests. Records what clients asked, and can misbehave on demand: drop a connection, corrupt a file,
 * demand a token.
 */
public final class FakeHub implements AutoCloseable {
    public static final String REPO = "acme/tiny-vl";
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    public static final String TOKEN = "hf_testtoken";

    final Map<String, byte[]> files = new LinkedHashMap<>();
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<String>> rangesByFile = new ConcurrentHashMap<>();
    /** file → bytes handed to the socket, one counter per request in the order of {@link #rangesByFile}. */
    final Map<String, List<AtomicLong>> bytesServedByFile = new ConcurrentHashMap<>();
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    /** file → byte count after which the next response for it is cut (once). */
    final Map<String, Long> dropAfter = new ConcurrentHashMap<>();
    /** file → byte count after which the next response for it goes silent (once), as a stalled connection does. */
    final Map<String, Long> stallAfter = new ConcurrentHashMap<>();
    final AtomicInteger resolveRequests = new AtomicInteger();
    public volatile boolean gated;
    volatile String corruptFile;
    /** Pause after each 64 KiB written, so a test can act in the middle of a file. */
    volatile long chunkDelayMillis;

    private final HttpServer server;

    public FakeHub(Path modelFolder) throws IOException {
        try (Stream<Path> list = Files.list(modelFolder)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static boolean isLfs(String name) {
        return name.endsWith(".safetensors");
    }

    public static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static String gitBlobId(byte[] data) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(data));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(path);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            if (gated && !("Bearer " + TOKEN).equals(auth) && !path.startsWith("/cdn/")) {
                ex.getResponseHeaders().add("X-Error-Code", "GatedRepo");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String apiPrefix = "/api/models/" + REPO + "/revision/";
            String resolvePrefix = "/" + REPO + "/resolve/" + COMMIT + "/";
            if (path.startsWith(apiPrefix)) {
                listing(ex);
            } else if (path.startsWith(resolvePrefix)) {
                resolveRequests.incrementAndGet();
                String name = path.substring(resolvePrefix.length());
                if (!files.containsKey(name)) {
                    ex.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
                    ex.sendResponseHeaders(404, -1);
                } else if (isLfs(name)) {
                    ex.getResponseHeaders().add("Location", "/cdn/" + name + "?signature=x");
                    ex.sendResponseHeaders(302, -1);
                } else {
                    content(ex, name);
                }
            } else if (path.startsWith("/cdn/")) {
                content(ex, path.substring("/cdn/".length()));
            } else if (path.startsWith("/api/models/")) {
                ex.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
                ex.sendResponseHeaders(401, -1);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        } catch (Exception e) {
            if (e instanceof IOException io) throw io;
            throw new IOException(e);
        }
    }

    private void listing(HttpExchange ex) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("id", REPO).put("sha", COMMIT);
        ArrayNode siblings = body.putArray("siblings");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ObjectNode s = siblings.addObject().put("rfilename", f.getKey());
            if (isLfs(f.getKey())) {
                s.put("size", f.getValue().length).put("blobId", "ffffffffffffffffffffffffffffffffffffffff");
                s.putObject("lfs").put("sha256", sha256(f.getValue())).put("size", f.getValue().length)
                        .put("pointerSize", 134);
            } else {
                s.put("size", f.getValue().length).put("blobId", gitBlobId(f.getValue()));
            }
        }
        byte[] out = json.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
    }

    private void content(HttpExchange ex, String name) throws IOException {
        byte[] data = files.get(name).clone();
        if (name.equals(corruptFile)) data[data.length / 2] ^= 0x5a;
        String range = ex.getRequestHeaders().getFirst("Range");
        AtomicLong served = new AtomicLong();
        synchronized (this) {
            rangesByFile.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(range == null ? "" : range);
            bytesServedByFile.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).add(served);
        }
        int from = 0;
        if (range != null) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            ex.sendResponseHeaders(206, data.length - from);
        } else {
            ex.sendResponseHeaders(200, data.length);
        }
        Long cut = dropAfter.remove(name);
        Long stall = stallAfter.remove(name);
        int end = cut == null ? data.length : (int) Math.min(data.length, cut);
        if (stall != null) end = (int) Math.min(end, stall);
        OutputStream out = ex.getResponseBody();
        for (int pos = from; pos < end; pos += 65536) {
            int n = Math.min(65536, end - pos);
            served.addAndGet(n); // counted before writing: the client cannot have these bytes any earlier
            out.write(data, pos, n);
            out.flush();
            pause();
        }
        if (stall != null) {
            try {
                Thread.sleep(10_000); // silent, with the connection open, until the client gives up on it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled connection ended by test");
        }
        if (cut != null) {
            // Drop the connection mid-body, as a network failure would.
            throw new IOException("connection dropped by test");
        }
    }

    private void pause() throws IOException {
        if (chunkDelayMillis == 0) return;
        try {
            Thread.sleep(chunkDelayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
