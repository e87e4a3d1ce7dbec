package dev.framewise.engine.gpu;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local stand-in for download.pytorch.org: serves one small fake libtorch zip at {@code /cu128/<archive>} with
 * Range support, and can cut the first responses short (a dropped connection) or answer 404.
 */
public final class LibtorchServer implements AutoCloseable {
    final byte[] archive;
    final List<String> ranges = new CopyOnWriteArrayList<>(); // the Range header of each request ("" for none)
    final AtomicInteger cutsLeft = new AtomicInteger();
    volatile boolean missing;
    private final HttpServer server;

    public LibtorchServer(byte[] archive) throws IOException {
        this.archive = archive;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/libtorch");
    }

    private void serve(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        if (missing || !ex.getRequestURI().getPath().startsWith("/libtorch/cu128/libtorch-")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
        int length = archive.length - from;
        if (range != null) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (archive.length - 1) + "/" + archive.length);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, length);
        OutputStream body = ex.getResponseBody();
        if (cutsLeft.getAndDecrement() > 0) {
            body.write(archive, from, length / 2);
            body.flush();
            try {
                ex.close();
            } catch (RuntimeException ignored) {
                // closing short of Content-Length is the point
            }
            return;
        }
        body.write(archive, from, length);
        body.close();
    }

    /** A zip in libtorch's layout; {@code cuda} adds the torch_cuda library a CUDA build has. */
    public static byte[] fakeArchive(boolean cuda) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            put(zip, "libtorch/lib/" + System.mapLibraryName("torch"), random, 200_000);
            put(zip, "libtorch/lib/" + System.mapLibraryName("c10"), random, 50_000);
            if (cuda) put(zip, "libtorch/lib/" + System.mapLibraryName("torch_cuda"), random, 150_000);
            if (cuda) put(zip, "libtorch/lib/libcudart-c3a75b33.so.12", random, 5_000);
            put(zip, "libtorch/include/torch/torch.h", random, 1_000);
            put(zip, "libtorch/build-version", random, 10);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, Random random, int size) throws IOException {
        byte[] b = new byte[size];
        random.nextBytes(b);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(b);
        zip.closeEntry();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
