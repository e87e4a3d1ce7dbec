package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A session document: the media a user worked on, every run made on them, the prompt labs that ran some of
 * them (schema 4), and where the workbench was
 * (selected run, viewer position) so reopening restores it. Immutable; the {@code with…} methods return
 * a changed copy with {@code modified} left alone (the caller stamps it with {@link #touched}).
 */
// schema_version is written (from the getter below) but never bound: the codec checks and migrates it first.
@JsonIgnoreProperties(value = "schema_version", allowGetters = true)
@JsonPropertyOrder({"schema_version", "id", "title", "created", "modified", "media", "runs", "labs", "ui_state"})
public record Session(
        @JsonProperty("id") String id,
        @JsonProperty("title") String title,
        @JsonProperty("created") Instant created,
        @JsonProperty("modified") Instant modified,
        @JsonProperty("media") List<MediaItem> media,
        @JsonProperty("runs") List<Run> runs,
        @JsonProperty("labs") List<Lab> labs,
        @JsonProperty("ui_state") UiState uiState) {

    /** The schema this code writes; older files are migrated on load, newer ones refused. */
    public static final int CURRENT_SCHEMA_VERSION = 4;

    @JsonCreator
    public Session {
        Objects.requireNonNull(id, "session id");
        Objects.requireNonNull(created, "session created");
        title = title == null ? "" : title;
        modified = modified == null ? created : modified;
        media = media == null ? List.of() : List.copyOf(media);
        runs = runs == null ? List.of() : List.copyOf(runs);
        labs = labs == null ? List.of() : List.copyOf(labs);
        uiState = uiState == null ? UiState.EMPTY : uiState;
    }

    /** A session without prompt labs (what every writer but the workbench's lab makes). */
    public Session(String id, String title, Instant created, Instant modified, List<MediaItem> media, List<Run> runs,
                   UiState uiState) {
        this(id, title, created, modified, media, runs, List.of(), uiState);
    }

    /** Written first in every file so readers can decide how to parse before reading the rest. */
    @JsonProperty("schema_version")
    public int schemaVersion() {
        return CURRENT_SCHEMA_VERSION;
    }

    public static Session create(String title, Instant now) {
        return new Session(UUID.randomUUID().toString(), title, now, now, List.of(), List.of(), UiState.EMPTY);
    }

    public Optional<Run> run(String runId) {
        return runs.stream().filter(r -> r.id().equals(runId)).findFirst();
    }

    public Optional<MediaItem> mediaItem(String mediaId) {
        return media.stream().filter(m -> m.id().equals(mediaId)).findFirst();
    }

    public Optional<MediaItem> mediaBySha256(String sha256) {
        return media.stream().filter(m -> m.sha256().equals(sha256)).findFirst();
    }

    public Session withTitle(String newTitle) {
        return new Session(id, newTitle, created, modified, media, runs, labs, uiState);
    }

    public Session withMedia(List<MediaItem> newMedia) {
        return new Session(id, title, created, modified, newMedia, runs, labs, uiState);
    }

    public Session withRuns(List<Run> newRuns) {
        return new Session(id, title, created, modified, media, newRuns, labs, uiState);
    }

    public Session withUiState(UiState newUiState) {
        return new Session(id, title, created, modified, media, runs, labs, newUiState);
    }

    public Session withLabs(List<Lab> newLabs) {
        return new Session(id, title, created, modified, media, runs, newLabs, uiState);
    }

    public Session touched(Instant now) {
        return new Session(id, title, created, now, media, runs, labs, uiState);
    }

    /** Adds the media item unless one with the same content hash is already here. */
    public Session withMediaItem(MediaItem item) {
        if (mediaBySha256(item.sha256()).isPresent()) return this;
        List<MediaItem> more = new ArrayList<>(media);
        more.add(item);
        return withMedia(more);
    }

    public Session withRun(Run run) {
        List<Run> more = new ArrayList<>(runs);
        more.add(run);
        return withRuns(more);
    }
}
