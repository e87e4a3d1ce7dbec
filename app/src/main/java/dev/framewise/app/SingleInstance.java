package dev.framewise.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One workbench per data folder. Two windows on one session file each autosave over the other (the second
 * launch's media vanished at the first window's next save), so a launch first tries to become the instance by
 * locking {@code instance.lock} in the data folder; when another process holds it, the launch hands its files
 * to that process through a loopback socket (port and a random token in {@code instance.port}, readable only
 * by the folder's owner) and exits. The operating system drops the lock when a process dies, so a crash never
 * leaves a stale claim.
 */
public final class SingleInstance implements AutoCloseable {
    static final String LOCK_FILE = "instance.lock";
    static final String PORT_FILE = "instance.port";
    private static final String ACCEPTED = "ok";

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final String token;
    private final List<List<Path>> pending = new ArrayList<>();
    private Consumer<List<Path>> handler;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, String token) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.token = token;
    }

    /** Thrown when another instance holds the folder but does not take the files. */
    public static final class NotAnswering extends IOException {
        NotAnswering(Path folder) {
            super("Framewise is already running for " + folder + " but does not answer; close its window (or end that process) and try again");
        }
    }

    /**
     * Becomes the instance for {@code folder} (returned), or hands {@code files} to the instance that is
     * (empty: this launch is done). Waits up to {@code patience} for a starting instance to open its socket.
     */
    public static Optional<SingleInstance> claim(Path folder, List<Path> files, Duration patience) throws IOException {
        Files.createDirectories(folder);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<SingleInstance> mine = tryLock(folder);
            if (mine.isPresent()) return mine;
            if (handOver(folder, files)) return Optional.empty();
            if (System.nanoTime() > deadline) throw new NotAnswering(folder);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotAnswering(folder);
            }
        }
    }

    /**
     * Receives the files of later launches (absolute paths), on a background thread; files that arrived
     * before a handler was set are passed to it at once.
     */
    public synchronized void onFiles(Consumer<List<Path>> handler) {
        this.handler = handler;
        pending.forEach(handler);
        pending.clear();
    }

    private synchronized void deliver(List<Path> files) {
        if (handler == null) {
            pending.add(files);
        } else {
            handler.accept(files);
        }
    }

    private static Optional<SingleInstance> tryLock(Path folder) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process (tests run two "launches" in one JVM)
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Path portFile = folder.resolve(PORT_FILE);
        Path temp = Files.createTempFile(folder, "instance", ".tmp");
        Files.writeString(temp, server.getLocalPort() + " " + token + "\n");
        Files.move(temp, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        SingleInstance instance = new SingleInstance(channel, lock, server, token);
        Thread listener = new Thread(instance::listen, "framewise-instance");
        listener.setDaemon(true);
        listener.start();
        return Optional.of(instance);
    }

    /** Protocol, one connection per launch: token line, one absolute path per line, an empty line; reply "ok". */
    private static boolean handOver(Path folder, List<Path> files) {
        String[] address;
        try {
            address = Files.readString(folder.resolve(PORT_FILE)).strip().split(" ");
        } catch (IOException e) {
            return false; // the instance is still starting
        }
        if (address.length != 2) return false;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address[0])), 2000);
            socket.setSoTimeout(5000);
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            out.write(address[1] + "\n");
            for (Path file : files) out.write(file.toAbsolutePath().normalize() + "\n");
            out.write("\n");
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return ACCEPTED.equals(in.readLine());
        } catch (IOException | NumberFormatException e) {
            return false; // a stale port file, or the instance is still starting
        }
    }

    private void listen() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5000);
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                if (!token.equals(in.readLine())) continue;
                List<Path> files = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    files.add(Path.of(line));
                }
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
                out.write(ACCEPTED + "\n");
                out.flush();
                deliver(List.copyOf(files));
            } catch (IOException | RuntimeException e) {
                // One bad connection must not stop the instance from taking the next launch's files.
            }
        }
    }

    /** Gives up the folder (the window closed): the next launch becomes the instance. */
    @Override
    public void close() {
        try {
            server.close();
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing at exit: the operating system releases both anyway.
        }
    }
}
