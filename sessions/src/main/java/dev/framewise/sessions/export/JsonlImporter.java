package dev.framewise.sessions.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.framewise.sessions.model.Curation;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.Outcome;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunPrompt;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.SessionException;
import dev.framewise.sessions.store.SessionJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Adds the runs of a JSONL export (possibly curated or filtered by another tool) to a session. Media are
 * matched by content hash: a run's media already in the session is reused, new media is added. A run whose
 * id is already in the session is skipped, so importing the same file twice adds nothing.
 */
public final class JsonlImporter {
    private static final ObjectReader LINE = SessionJson.mapper().readerFor(JsonlRecord.class);

    /** The session with the runs added, and how many lines were added or skipped as duplicates. */
    public record Result(Session session, int imported, int skippedDuplicates) {
    }

    /** @param source named in error messages */
    public Result importRuns(Session session, Reader jsonl, Path source) {
        Session result = session;
        int imported = 0;
        int skipped = 0;
        BufferedReader lines = new BufferedReader(jsonl);
        try {
            int lineNumber = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) continue;
                JsonlRecord record = parse(line, lineNumber, source);
                if (result.run(record.runId()).isPresent()) {
                    skipped++;
                    continue;
                }
                Map<String, String> mediaIds = new HashMap<>();
                for (MediaItem incoming : record.media()) {
                    result = withMedia(result, incoming);
                    mediaIds.put(incoming.id(), result.mediaBySha256(incoming.sha256()).orElseThrow().id());
                }
                result = result.withRun(run(record, mediaIds, lineNumber, source));
                imported++;
            }
        } catch (IOException e) {
            throw new SessionException(source, SessionException.Problem.IO, "Cannot read " + source + ": " + e.getMessage(), e);
        }
        return new Result(result, imported, skipped);
    }

    private static JsonlRecord parse(String line, int lineNumber, Path source) {
        try {
            JsonlRecord record = LINE.readValue(line);
            if (record.runId() == null || record.created() == null || record.question() == null || record.params() == null) {
                throw bad(source, lineNumber, "run_id, created, question and params are required", null);
            }
            return record;
        } catch (JsonProcessingException e) {
            throw bad(source, lineNumber, e.getOriginalMessage(), e);
        }
    }

    /** Adds the item unless its content is already there; keeps its id unless that id is taken. */
    private static Session withMedia(Session session, MediaItem incoming) {
        if (session.mediaBySha256(incoming.sha256()).isPresent()) return session;
        boolean idTaken = session.mediaItem(incoming.id()).isPresent();
        MediaItem item = idTaken ? new MediaItem(UUID.randomUUID().toString(), incoming.path(), incoming.sizeBytes(),
                incoming.sha256(), incoming.probe()) : incoming;
        return session.withMediaItem(item);
    }

    private static Run run(JsonlRecord r, Map<String, String> mediaIds, int lineNumber, Path source) {
        try {
            Outcome outcome = r.text() == null && r.answer() == null && r.reasoning() == null ? null
                    : new Outcome(r.reasoning(), r.answer(), r.text(), r.finishReason(), r.tokens(), r.frameEvidence(),
                    r.timings());
            FrameSampling s = r.sampling();
            FrameSampling sampling = s == null ? null : new FrameSampling(s.mediaId() == null ? null : mediaIds.get(s.mediaId()),
                    s.fps(), s.nframes(), s.minPixels(), s.maxPixels(), s.totalPixels(), s.videoStart(), s.videoEnd(),
                    s.resizedWidth(), s.resizedHeight(), s.frames());
            List<String> runMedia = new ArrayList<>();
            for (MediaItem m : r.media()) runMedia.add(mediaIds.get(m.id()));
            return new Run(r.runId(), r.created(),
                    new RunPrompt(r.question(), r.systemPrompt(), r.templateName(), r.templateText(), r.reasoningFormat()),
                    runMedia, r.params(), sampling, new ModelInfo(r.model(), r.modelLocation(), r.modelFingerprint()),
                    r.backend(), outcome, status(r.status()), r.error(), new Curation(r.notes(), r.tags(), r.rating()),
                    r.followUp());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw bad(source, lineNumber, e.getMessage(), e);
        }
    }

    private static RunStatus status(String status) {
        return status == null ? RunStatus.COMPLETE : RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
    }

    private static SessionException bad(Path source, int line, String why, Throwable cause) {
        return new SessionException(source, SessionException.Problem.DAMAGED,
                source + " line " + line + " is not a Framewise run: " + why + ".", cause);
    }
}
