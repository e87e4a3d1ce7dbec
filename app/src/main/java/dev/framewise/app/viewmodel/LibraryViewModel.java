package dev.framewise.app.viewmodel;

import dev.framewise.app.task.FxImages;
import dev.framewise.app.task.TaskExecutor;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.MediaTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The media of the session. Adding probes each file off the FX thread (info and a filmstrip); a file that
 * cannot be read is not added, and the user is told why.
 */
public final class LibraryViewModel {
    static final int FILMSTRIP_COUNT = 10;
    static final int THUMB_WIDTH = 160;
    private final TaskExecutor work;
    private final MediaOpener opener;
    private final NotificationsViewModel notifications;
    private final ObservableList<MediaItem> items = FXCollections.observableArrayList();
    private final ObservableList<MediaItem> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final ObjectProperty<MediaItem> selected = new SimpleObjectProperty<>();
    private final List<Runnable> changeListeners = new ArrayList<>();

    public LibraryViewModel(TaskExecutor work, MediaOpener opener, NotificationsViewModel notifications) {
        this.work = work;
        this.opener = opener;
        this.notifications = notifications;
    }

    public ObservableList<MediaItem> items() {
        return readOnlyItems;
    }

    public ObjectProperty<MediaItem> selectedProperty() {
        return selected;
    }

    /** Called after every change worth saving (an item added, removed or relinked). */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Adds files, and the media files directly inside folders; the first new item is selected once probed. */
    public void add(List<Path> paths) {
        List<Path> files;
        try {
            files = expand(paths);
        } catch (UncheckedIOException e) {
            notifications.error("Could not read the folder", e.getCause());
            return;
        }
        for (Path path : files) {
            Path normal = path.toAbsolutePath().normalize();
            MediaItem known = find(normal);
            if (known != null) {
                // Opened again (a second launch, Open with): show it rather than do nothing.
                if (known.info() != null) selected.set(known);
                continue;
            }
            MediaItem item = new MediaItem(normal);
            items.add(item);
            probe(item, true);
        }
    }

    /** Puts back items from a saved session; missing files are kept, marked, for relinking. */
    public void restore(List<Path> paths, Path selectedPath) {
        items.clear();
        selected.set(null);
        for (Path path : paths) {
            MediaItem item = new MediaItem(path);
            items.add(item);
            if (item.fileExists()) {
                probe(item, item.path().equals(selectedPath));
            } else {
                item.missing();
            }
        }
    }

    public void remove(MediaItem item) {
        items.remove(item);
        if (selected.get() == item) selected.set(items.isEmpty() ? null : items.get(0));
        fireChange();
    }

    public void relink(MediaItem item, Path newPath) {
        item.relinked(newPath);
        probe(item, true);
    }

    public MediaItem find(Path path) {
        return items.stream().filter(i -> i.path().equals(path)).findFirst().orElse(null);
    }

    private void probe(MediaItem item, boolean selectWhenReady) {
        Path path = item.path();
        work.submit("Reading " + item.name(), () -> probeFile(path), probed -> {
            item.ready(probed.info(), probed.thumbs());
            if (selectWhenReady || selected.get() == null) selected.set(item);
            fireChange();
            if (probed.info().isVideo()) exactFilmstrip(item, path);
        }, error -> {
            items.remove(item);
            notifications.error("Could not add " + path.getFileName(), error);
        });
    }

    /**
     * The first filmstrip shows the key frame nearest each slice (fast: a clip with one key frame showed frame 0 ten
     * times); this one, decoded in the background, shows each slice's own frame and replaces it when ready. A file
     * that fails now keeps the first strip.
     */
    private void exactFilmstrip(MediaItem item, Path path) {
        work.submit("Filmstrip of " + item.name(), () -> thumbs(path, true), thumbs -> {
            if (item.path().equals(path) && item.info() != null) item.showFilmstrip(thumbs);
        }, error -> { });
    }

    private record Probed(MediaInfo info, List<MediaItem.Thumb> thumbs) {
    }

    private Probed probeFile(Path path) {
        try (MediaSource source = opener.open(path)) {
            MediaInfo info = source.info();
            return new Probed(info, thumbs(source, info, false));
        }
    }

    private List<MediaItem.Thumb> thumbs(Path path, boolean exact) {
        try (MediaSource source = opener.open(path)) {
            return thumbs(source, source.info(), exact);
        }
    }

    private static List<MediaItem.Thumb> thumbs(MediaSource source, MediaInfo info, boolean exact) {
        int count = info.isVideo() ? FILMSTRIP_COUNT : 1;
        List<MediaSource.Thumbnail> strip = exact ? source.exactFilmstrip(count, THUMB_WIDTH) : source.filmstrip(count, THUMB_WIDTH);
        return strip.stream().map(t -> new MediaItem.Thumb(t.timestampSeconds(), FxImages.toImage(t.image()))).toList();
    }

    private void fireChange() {
        changeListeners.forEach(Runnable::run);
    }

    private static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(Files::isRegularFile).filter(LibraryViewModel::looksLikeMedia).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list folder " + path, e);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static boolean looksLikeMedia(Path path) {
        return MediaTypes.isMediaFile(path);
    }
}
