package dev.framewise.app.task;

import dev.framewise.app.viewmodel.MediaOpener;
import dev.framewise.engine.media.MediaSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.image.Image;

/**
 * Decodes the viewer's frames off the FX thread with "latest request wins": while one frame decodes, newer
 * requests replace older waiting ones, so scrubbing never queues up stale work. At most one drain runs at a
 * time, which also keeps the (not thread-safe) MediaSource on one thread at a time. Recently shown frames
 * are kept by index so stepping back and forth does not decode again.
 */
public final class FrameLoader implements AutoCloseable {
    /** A decoded frame: its index, its presentation time and the picture. */
    public record Frame(long index, double seconds, Image image) {
    }

    /** Shown frames kept for stepping back and forth: 48 small frames, or about 20 at 1080p (4 bytes a pixel on screen). */
    private static final int CACHE_FRAMES = 48;
    private static final long CACHE_BYTES = 160L << 20;

    private final Path path;
    private final MediaOpener opener;
    private final Executor background;
    private final Executor fxThread;
    private final Consumer<Frame> onFrame;
    private final Consumer<Throwable> onError;
    private final AtomicReference<Double> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Map<Long, Frame> cache = new LinkedHashMap<>(CACHE_FRAMES, 0.75f, true);
    private long cachedBytes;
    private MediaSource source;
    private volatile boolean closed;

    /** {@code onFrame} and {@code onError} run on {@code fxThread}. */
    public FrameLoader(Path path, MediaOpener opener, Executor background, Executor fxThread, Consumer<Frame> onFrame,
                       Consumer<Throwable> onError) {
        this.path = path;
        this.opener = opener;
        this.background = background;
        this.fxThread = fxThread;
        this.onFrame = onFrame;
        this.onError = onError;
    }

    /** Asks for the frame on screen at {@code seconds}; an older request still waiting is dropped. */
    public void request(double seconds) {
        pending.set(seconds);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (!draining.compareAndSet(false, true)) return;
        try {
            background.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false); // the application is closing
        }
    }

    private void drain() {
        try {
            for (Double seconds = pending.getAndSet(null); seconds != null && !closed; seconds = pending.getAndSet(null)) {
                Frame frame = decode(seconds);
                if (frame == null) return;
                fxThread.execute(() -> {
                    if (!closed) onFrame.accept(frame);
                });
            }
        } catch (RuntimeException e) {
            fxThread.execute(() -> onError.accept(e));
        } finally {
            draining.set(false);
            // A request that arrived after the loop's last poll but before the flag cleared still gets served.
            if (pending.get() != null && !closed) scheduleDrain();
        }
    }

    /** Null once closed: a closed loader never reopens its file. */
    private synchronized Frame decode(double seconds) {
        if (closed) return null;
        if (source == null) source = opener.open(path);
        long index = source.indexAtTime(seconds);
        Frame cached = cache.get(index);
        if (cached != null) return cached;
        Frame frame = new Frame(index, source.timeOfIndex(index), FxImages.toImage(source.frameAt(index)));
        cache.put(index, frame);
        cachedBytes += bytes(frame);
        var eldest = cache.entrySet().iterator();
        while ((cache.size() > CACHE_FRAMES || cachedBytes > CACHE_BYTES) && cache.size() > 1) {
            cachedBytes -= bytes(eldest.next().getValue());
            eldest.remove();
        }
        return frame;
    }

    private static long bytes(Frame frame) {
        return 4L * (long) frame.image().getWidth() * (long) frame.image().getHeight();
    }

    private synchronized void closeSource() {
        if (source != null) {
            source.close();
            source = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            background.execute(this::closeSource);
        } catch (RejectedExecutionException e) {
            closeSource(); // the application is closing: no thread to hand it to
        }
    }
}
