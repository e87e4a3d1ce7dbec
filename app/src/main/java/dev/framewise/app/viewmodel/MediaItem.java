package dev.framewise.app.viewmodel;

import dev.framewise.engine.media.MediaInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;

/** One image or video in the library: where it is, what the probe found, and its thumbnails. FX thread only. */
public final class MediaItem {
    public enum Status { PROBING, READY, MISSING }

    /** A filmstrip picture and the time it shows. */
    public record Thumb(double seconds, Image image) {
    }

    private Path path;
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.PROBING);
    private final ReadOnlyObjectWrapper<MediaInfo> info = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Thumb>> filmstrip = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("Reading…");

    public MediaItem(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    public String name() {
        return path.getFileName().toString();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MediaInfo> infoProperty() {
        return info.getReadOnlyProperty();
    }

    public MediaInfo info() {
        return info.get();
    }

    public ReadOnlyObjectProperty<List<Thumb>> filmstripProperty() {
        return filmstrip.getReadOnlyProperty();
    }

    /** "Video · 0:10 · 640×360 · 25 fps", or why it is not usable. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public boolean isVideo() {
        return info.get() != null && info.get().isVideo();
    }

    /** Replaces the filmstrip (by the exact frames once decoded). */
    void showFilmstrip(List<Thumb> thumbs) {
        filmstrip.set(List.copyOf(thumbs));
    }

    void ready(MediaInfo probed, List<Thumb> thumbs) {
        filmstrip.set(List.copyOf(thumbs));
        info.set(probed);
        status.set(Status.READY);
        detail.set(describe(probed));
    }

    void missing() {
        status.set(Status.MISSING);
        detail.set("File not found — relink it");
    }

    void relinked(Path newPath) {
        path = newPath.toAbsolutePath().normalize();
        status.set(Status.PROBING);
        detail.set("Reading…");
    }

    boolean fileExists() {
        return Files.isRegularFile(path);
    }

    static String describe(MediaInfo info) {
        String size = info.displayWidth() + "×" + info.displayHeight();
        if (!info.isVideo()) return "Image · " + size;
        return "Video · " + TimeFormat.clock(info.durationSeconds()) + " · " + size + " · "
                + String.format(java.util.Locale.ROOT, "%.3g fps", info.averageFps());
    }
}
