package dev.framewise.sessions.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.framewise.sessions.model.FollowUp;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.LabVariant;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Rating;
import dev.framewise.sessions.model.RunParams;
import dev.framewise.sessions.model.RunTimings;
import dev.framewise.sessions.model.TokenRecord;

import java.time.Instant;
import java.util.List;

/**
 * One line of a JSONL export: one run, flat, in the shape data-curation pipelines ingest (question,
 * reasoning, answer, media path and hash, model, frames, rating, tags at the top level). It also carries
 * everything else a run holds ({@code media}, {@code sampling}, {@code tokens}, ...) so an import
 * rebuilds the run exactly. {@code media_path}/{@code media_sha256} are the run's first media item; a follow-up
 * question carries its earlier turns in {@code follow_up} (null for a first question), and a prompt-lab run its
 * place in the lab ({@code lab}; null outside one).
 */
@JsonPropertyOrder({"session_id", "session_title", "run_id", "created", "status", "error", "media_path",
        "media_sha256", "question", "system_prompt", "reasoning", "answer", "text", "finish_reason", "params",
        "model", "model_location", "model_fingerprint", "backend", "template_name", "template_text",
        "reasoning_format", "frame_indices", "frame_timestamps", "rating", "tags", "notes", "media", "sampling",
        "frame_evidence", "timings", "tokens", "follow_up", "lab"})
public record JsonlRecord(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("session_title") String sessionTitle,
        @JsonProperty("run_id") String runId,
        @JsonProperty("created") Instant created,
        @JsonProperty("status") String status,
        @JsonProperty("error") String error,
        @JsonProperty("media_path") String mediaPath,
        @JsonProperty("media_sha256") String mediaSha256,
        @JsonProperty("question") String question,
        @JsonProperty("system_prompt") String systemPrompt,
        @JsonProperty("reasoning") String reasoning,
        @JsonProperty("answer") String answer,
        @JsonProperty("text") String text,
        @JsonProperty("finish_reason") String finishReason,
        @JsonProperty("params") RunParams params,
        @JsonProperty("model") String model,
        @JsonProperty("model_location") String modelLocation,
        @JsonProperty("model_fingerprint") String modelFingerprint,
        @JsonProperty("backend") String backend,
        @JsonProperty("template_name") String templateName,
        @JsonProperty("template_text") String templateText,
        @JsonProperty("reasoning_format") boolean reasoningFormat,
        @JsonProperty("frame_indices") List<Long> frameIndices,
        @JsonProperty("frame_timestamps") List<Double> frameTimestamps,
        @JsonProperty("rating") Rating rating,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("notes") String notes,
        @JsonProperty("media") List<MediaItem> media,
        @JsonProperty("sampling") FrameSampling sampling,
        @JsonProperty("frame_evidence") List<Double> frameEvidence,
        @JsonProperty("timings") RunTimings timings,
        @JsonProperty("tokens") List<TokenRecord> tokens,
        @JsonProperty("follow_up") FollowUp followUp,
        @JsonProperty("lab") LabPlace lab) {

    /** Where a run sits in a prompt lab (null for a run asked outside one): the lab, its cell and the cell's variant. */
    public record LabPlace(
            @JsonProperty("lab_id") String labId,
            @JsonProperty("lab_title") String labTitle,
            @JsonProperty("row") int row,
            @JsonProperty("column") int column,
            @JsonProperty("variant") LabVariant variant) {
    }

    public JsonlRecord {
        media = media == null ? List.of() : List.copyOf(media);
    }
}
