package dev.framewise.app.viewmodel;

import dev.framewise.app.task.FrameLoader;
import dev.framewise.app.task.PlaybackClock;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.media.MediaInfo;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * What the viewer shows: the selected media at a position, the clip range the question is limited to, and
 * what the selected run marks on the timeline (frames shown to the model, moments its reasoning refers to,
 * frame evidence, grounding boxes). Frames decode off the FX thread through a {@link FrameLoader}; playback follows a
 * {@link PlaybackClock}, so the state machine (open, seek, step, play to the end) needs no FX toolkit.
 */
public final class ViewerViewModel {
    private final MediaOpener opener;
    private final Executor background;
    private final Executor fxThread;
    private final NotificationsViewModel notifications;

    private final ObjectProperty<MediaItem> media = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<MediaItem> shownMedia = new ReadOnlyObjectWrapper<>();
    private final DoubleProperty position = new SimpleDoubleProperty();
    private final ReadOnlyDoubleWrapper duration = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<Image> frame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper frameIndex = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final BooleanProperty clipEnabled = new SimpleBooleanProperty();
    private final DoubleProperty clipStart = new SimpleDoubleProperty();
    private final DoubleProperty clipEnd = new SimpleDoubleProperty();
    private final ObservableList<FrameRef> shownFrames = FXCollections.observableArrayList();
    private final ObservableList<Double> references = FXCollections.observableArrayList();
    private final ObservableList<double[]> referenceRanges = FXCollections.observableArrayList();
    private final DoubleProperty hoveredReference = new SimpleDoubleProperty(Double.NaN);
    private final ObservableList<Double> evidence = FXCollections.observableArrayList();
    private final ObservableList<GroundingBox> boxes = FXCollections.observableArrayList();
    private final PlaybackClock player;
    private FrameLoader loader;
    private MediaItem resumeItem;
    private double resumeAt;

    /** {@code player} drives playback ({@link dev.framewise.app.task.FxPlaybackClock} in the app). */
    public ViewerViewModel(MediaOpener opener, Executor background, Executor fxThread, PlaybackClock player,
                           NotificationsViewModel notifications) {
        this.opener = opener;
        this.player = player;
        this.background = background;
        this.fxThread = fxThread;
        this.notifications = notifications;
        media.addListener((obs, old, item) -> open(item));
        position.addListener((obs, old, seconds) -> {
            if (loader != null) loader.request(seconds.doubleValue());
        });
    }

    public ObjectProperty<MediaItem> mediaProperty() {
        return media;
    }

    /** The media on screen: the selected one once it has been probed (its info and filmstrip are there). */
    public ReadOnlyObjectProperty<MediaItem> shownMediaProperty() {
        return shownMedia.getReadOnlyProperty();
    }

    /** Seconds from the start; set it to seek (the slider binds to it). */
    public DoubleProperty positionProperty() {
        return position;
    }

    public ReadOnlyDoubleProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Image> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty frameIndexProperty() {
        return frameIndex.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public BooleanProperty clipEnabledProperty() {
        return clipEnabled;
    }

    public DoubleProperty clipStartProperty() {
        return clipStart;
    }

    public DoubleProperty clipEndProperty() {
        return clipEnd;
    }

    public ObservableList<FrameRef> shownFrames() {
        return shownFrames;
    }

    /** Times in seconds that the selected run's reasoning refers to. */
    public ObservableList<Double> references() {
        return references;
    }

    /** Spans of time the selected run's reasoning refers to ("between 6 and 8 seconds"), as {from, to} seconds. */
    public ObservableList<double[]> referenceRanges() {
        return referenceRanges;
    }

    /** The reference under the mouse in the reasoning panel, NaN when none. */
    public DoubleProperty hoveredReferenceProperty() {
        return hoveredReference;
    }

    /** Per shown frame, how much the answer relied on it (0..1); empty when the run has no evidence. */
    public ObservableList<Double> evidence() {
        return evidence;
    }

    public ObservableList<GroundingBox> boxes() {
        return boxes;
    }

    /** Where to start when {@code item} is next shown (a reopened session puts the viewer back where it was). */
    public void resumeAt(MediaItem item, double seconds) {
        resumeItem = item;
        resumeAt = seconds;
    }

    public void seek(double seconds) {
        position.set(Math.max(0, Math.min(seconds, duration.get())));
    }

    /** Moves by whole frames (negative goes back). */
    public void step(int frames) {
        MediaItem item = media.get();
        if (item == null || !item.isVideo()) return;
        pause();
        double fps = item.info().averageFps() > 0 ? item.info().averageFps() : 25;
        seek(position.get() + frames / fps + (frames > 0 ? 1e-3 : -1e-3));
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else if (media.get() != null && media.get().isVideo()) {
            if (position.get() >= duration.get() - 1e-3) seek(0);
            playing.set(true);
            player.start(this::advance);
        }
    }

    public void pause() {
        player.stop();
        playing.set(false);
    }

    /** Shows what a run marks on the timeline (or clears the marks for null). */
    public void showRunMarks(List<FrameRef> frames, List<Double> referenceSeconds, List<Double> frameEvidence,
                             List<GroundingBox> groundingBoxes) {
        shownFrames.setAll(frames);
        references.setAll(referenceSeconds);
        referenceRanges.clear();
        evidence.setAll(frameEvidence);
        boxes.setAll(groundingBoxes);
    }

    /** The time spans of the run shown (after {@link #showRunMarks}, which clears them). */
    public void showReferenceRanges(List<double[]> ranges) {
        referenceRanges.setAll(ranges);
    }

    private void advance(double elapsedSeconds) {
        double next = position.get() + elapsedSeconds;
        if (next >= duration.get()) {
            position.set(duration.get());
            pause();
        } else {
            position.set(next);
        }
    }

    private void open(MediaItem item) {
        pause();
        if (loader != null) loader.close();
        loader = null;
        frame.set(null);
        frameIndex.set(-1);
        duration.set(0);
        shownMedia.set(null);
        if (item == null) return;
        if (item.info() == null) {
            // Still being probed (a reopened session): show it once its info arrives, if still selected.
            item.infoProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends MediaInfo> obs, MediaInfo old, MediaInfo info) {
                    item.infoProperty().removeListener(this);
                    if (media.get() == item) open(item);
                }
            });
            return;
        }
        MediaInfo info = item.info();
        duration.set(info.isVideo() ? info.durationSeconds() : 0);
        clipStart.set(0);
        clipEnd.set(duration.get());
        clipEnabled.set(false);
        FrameLoader opened = new FrameLoader(item.path(), opener, background, fxThread, decoded -> {
            frame.set(decoded.image());
            frameIndex.set(decoded.index());
        }, error -> notifications.error("Could not show " + item.name(), error));
        loader = opened;
        shownMedia.set(item);
        double start = item == resumeItem ? Math.min(resumeAt, duration.get()) : 0;
        resumeItem = null;
        position.set(start);
        opened.request(start);
    }
}
