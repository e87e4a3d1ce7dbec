package dev.framewise.sessions.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabCell;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Outcome;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.SessionJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** A session as JSONL: one {@link JsonlRecord} per run and line, UTF-8, no pretty printing. */
public final class JsonlExporter {
    private static final ObjectWriter LINE = SessionJson.mapper().writerFor(JsonlRecord.class);

    private final boolean includeTokens;

    /** @param includeTokens whether lines carry the per-token ids and log-probabilities (large) */
    public JsonlExporter(boolean includeTokens) {
        this.includeTokens = includeTokens;
    }

    public void export(Session session, Writer out) {
        try {
            for (Run run : session.runs()) {
                out.write(LINE.writeValueAsString(record(session, run)));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonlRecord.LabPlace labPlace(Session session, Run run) {
        for (Lab lab : session.labs()) {
            for (LabCell cell : lab.cells()) {
                if (run.id().equals(cell.runId())) {
                    return new JsonlRecord.LabPlace(lab.id(), lab.title(), cell.row(), cell.column(),
                            lab.variant(cell.row(), cell.column()));
                }
            }
        }
        return null;
    }

    JsonlRecord record(Session session, Run run) {
        List<MediaItem> media = run.mediaIds().stream().flatMap(id -> session.mediaItem(id).stream()).toList();
        MediaItem first = media.isEmpty() ? null : media.get(0);
        Outcome o = run.outcome();
        FrameSampling s = run.sampling();
        List<FrameSampling.SampledFrame> frames = s == null ? List.of() : s.frames();
        return new JsonlRecord(session.id(), session.title(), run.id(), run.created(),
                run.status().name().toLowerCase(Locale.ROOT), run.error(),
                first == null ? null : first.path(), first == null ? null : first.sha256(),
                run.question(), run.prompt().systemPrompt(),
                o == null ? null : o.reasoning(), o == null ? null : o.answer(), o == null ? null : o.text(),
                o == null ? null : o.finishReason(), run.params(),
                run.model().name(), run.model().location(), run.model().fingerprint(), run.backend(),
                run.prompt().templateName(), run.prompt().templateText(), run.prompt().reasoningFormat(),
                frames.stream().map(FrameSampling.SampledFrame::index).toList(),
                frames.stream().map(FrameSampling.SampledFrame::timestampSeconds).toList(),
                run.curation().rating(), run.curation().tags(), run.curation().notes(), media, s,
                o == null ? null : o.frameEvidence(), o == null ? null : o.timings(),
                o == null || !includeTokens ? null : o.tokens(), run.followUp(), labPlace(session, run));
    }
}
