package dev.framewise.app;

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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A Hugging Face Hub on 127.0.0.1 serving one repository from a model folder, as the engine's download tests'
 * FakeHub does (the revision listing with sizes and hashes, file content with Range requests): slowed down on
 * demand so a test can pause or cancel mid-file, and gated on demand (401 with {@code X-Error-Code: GatedRepo}
 * unless the token is sent).
 */
public final class LocalHub implements AutoCloseable {
    public static final String REPO = "acme/tiny-vl";
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    public static final String TOKEN = "hf_testtoken";

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    public volatile boolean gated;
    /** Pause after each 16 KiB written, so a test can act in the middle of a download. */
    public volatile long chunkDelayMillis;

    public LocalHub(Path modelFolder) throws IOException {
        try (Stream<Path> list = Files.list(modelFolder)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                if (!p.getFileName().toString().equals("README.md")) {
                    files.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long totalBytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (gated && !("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("X-Error-Code", "GatedRepo");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String resolve = "/" + REPO + "/resolve/" + COMMIT + "/";
            if (path.startsWith("/api/models/" + REPO + "/revision/")) {
                listing(ex);
            } else if (path.startsWith(resolve) && files.containsKey(path.substring(resolve.length()))) {
                content(ex, path.substring(resolve.length()));
            } else {
                ex.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
                ex.sendResponseHeaders(404, -1);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void listing(HttpExchange ex) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("id", REPO).put("sha", COMMIT);
        ArrayNode siblings = body.putArray("siblings");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ObjectNode s = siblings.addObject().put("rfilename", f.getKey()).put("size", f.getValue().length);
            if (f.getKey().endsWith(".safetensors")) {
                s.put("blobId", "ffffffffffffffffffffffffffffffffffffffff");
                s.putObject("lfs").put("sha256", hex("SHA-256", f.getValue(), null)).put("size", f.getValue().length);
            } else {
                s.put("blobId", hex("SHA-1", f.getValue(), "blob " + f.getValue().length + "\0"));
            }
        }
        byte[] out = json.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
    }

    private static String hex(String algorithm, byte[] data, String prefix) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        if (prefix != null) digest.update(prefix.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest.digest(data));
    }

    private void content(HttpExchange ex, String name) throws IOException {
        byte[] data = files.get(name);
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            ex.sendResponseHeaders(206, data.length - from);
        } else {
            ex.sendResponseHeaders(200, data.length);
        }
        OutputStream out = ex.getResponseBody();
        for (int pos = from; pos < data.length; pos += 16384) {
            out.write(data, pos, Math.min(16384, data.length - pos));
            out.flush();
            if (chunkDelayMillis > 0) {
                try {
                    Thread.sleep(chunkDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
