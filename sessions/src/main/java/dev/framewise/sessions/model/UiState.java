package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the workbench was when the session was saved, so reopening puts the user back there.
 * Every field is optional (null when nothing was selected).
 */
public record UiState(
        @JsonProperty("selected_run_id") String selectedRunId,
        @JsonProperty("selected_media_id") String selectedMediaId,
        @JsonProperty("viewer_position_seconds") Double viewerPositionSeconds) {

    public static final UiState EMPTY = new UiState(null, null, null);
}
