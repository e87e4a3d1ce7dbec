package dev.framewise.sessions.export;

import dev.framewise.engine.api.ReasoningStep;
import dev.framewise.engine.api.ReasoningSteps;
import dev.framewise.sessions.model.Curation;
import dev.framewise.sessions.model.FollowUp;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabAnswers;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.MediaKind;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A session as one self-contained HTML file (no external resources: styles inline, frames as base64 data
 * URIs) that opens in any browser and can be mailed. The markup is also well-formed XML (XHTML
 * serialisation of HTML5), so it can be checked and post-processed with an XML parser. Prompt labs come first,
 * as answer tables linking to their runs.
 */
public final class HtmlExporter {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2126}
            .meta{color:#5b6470}section.run{border-top:1px solid #d0d6de;padding:1rem 0}
            .question{font-weight:600;white-space:pre-wrap}.answer{background:#eef6ee;padding:.6rem;white-space:pre-wrap}
            .earlier{border-left:3px solid #ccc;padding-left:.6rem;white-space:pre-wrap}
            ol.steps li{margin:.3rem 0;white-space:pre-wrap}.frames{display:flex;flex-wrap:wrap;gap:.5rem}
            figure{margin:0;text-align:center;font-size:.8rem;color:#5b6470}figure img{max-height:7rem;display:block}
            table.params{border-collapse:collapse;font-size:.85rem}table.params td{border:1px solid #d0d6de;padding:.2rem .5rem}
            .status-failed,.status-cancelled,.status-incomplete{color:#a33}
            table.lab{border-collapse:collapse;font-size:.9rem}table.lab td,table.lab th{border:1px solid #d0d6de;padding:.3rem .5rem;vertical-align:top}
            table.lab th{background:#f3f5f8;text-align:left}mark.diff{background:#ffe08a}""";

    private final ThumbnailSource thumbnails;

    public HtmlExporter(ThumbnailSource thumbnails) {
        this.thumbnails = thumbnails;
    }

    public String export(Session session) {
        String title = session.title().isBlank() ? "Framewise session" : session.title();
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"meta\">Created ").append(session.created())
                .append(", modified ").append(session.modified()).append(", ").append(session.runs().size())
                .append(" runs.</p>\n");
        if (!session.media().isEmpty()) {
            h.append("<h2>Media</h2>\n<ul>\n");
            for (MediaItem m : session.media()) {
                h.append("<li><code>").append(escape(m.path())).append("</code> (").append(escape(RunFacts.describe(m)))
                        .append(")</li>\n");
            }
            h.append("</ul>\n");
        }
        List<Run> runs = session.runs();
        for (Lab lab : session.labs()) appendLab(h, lab, LabGrid.of(session, lab), runs);
        for (int i = 0; i < runs.size(); i++) appendRun(h, session, i + 1, runs.get(i));
        return h.append("</body>\n</html>\n").toString();
    }

    /**
     * A lab as one table per media item; each answer links to its run and has the words that differ from the
     * grid's first answer marked.
     */
    private static void appendLab(StringBuilder h, Lab lab, List<LabGrid> grids, List<Run> runs) {
        h.append("<div class=\"lab\" id=\"lab-").append(escape(lab.id())).append("\">\n<h2>Prompt lab: ")
                .append(escape(lab.title().isBlank() ? lab.base().question() : lab.title())).append("</h2>\n")
                .append("<p class=\"question\">").append(escape(lab.base().question())).append("</p>\n");
        for (LabGrid grid : grids) {
            String reference = grid.referenceAnswer();
            h.append("<h3>").append(escape(grid.mediaName())).append("</h3>\n<table class=\"lab\">\n<tr><th></th>");
            for (String heading : grid.columnHeadings()) h.append("<th>").append(escape(heading.isEmpty() ? "answer" : heading)).append("</th>");
            h.append("</tr>\n");
            for (int r = 0; r < grid.runs().size(); r++) {
                h.append("<tr><th>").append(escape(grid.rowHeadings().get(r))).append("</th>");
                for (var cell : grid.runs().get(r)) {
                    h.append("<td>");
                    if (cell.isEmpty()) {
                        h.append("<em>not run</em>");
                    } else {
                        Run run = cell.get();
                        for (LabAnswers.Segment s : LabAnswers.diff(reference, run.answer())) {
                            h.append(s.changed() ? "<mark class=\"diff\">" + escape(s.text()) + "</mark>" : escape(s.text())).append(' ');
                        }
                        h.append("<a href=\"#run-").append(escape(run.id())).append("\">run ").append(runs.indexOf(run) + 1).append("</a>");
                    }
                    h.append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n<p class=\"meta\">Answers: ").append(escape(grid.distributionLine())).append("</p>\n");
        }
        h.append("</div>\n");
    }

    private void appendRun(StringBuilder h, Session session, int number, Run run) {
        String status = run.status().name().toLowerCase(Locale.ROOT);
        h.append("<section class=\"run\" id=\"run-").append(escape(run.id())).append("\">\n<h2>Run ").append(number)
                .append("</h2>\n<p class=\"meta\">").append(run.created()).append(" \u00b7 <span class=\"status-")
                .append(status).append("\">").append(escape(RunFacts.status(run))).append("</span></p>\n");
        if (run.followUp() != null) {
            h.append("<div class=\"earlier\"><p class=\"meta\">Earlier in this conversation</p>\n");
            for (FollowUp.Turn turn : run.followUp().earlierTurns()) {
                h.append("<p class=\"question\">").append(escape(turn.question().strip())).append("</p>\n<p>")
                        .append(turn.answer().isBlank() ? "<em>(no answer)</em>" : escape(turn.answer().strip()))
                        .append("</p>\n");
            }
            h.append("</div>\n<p class=\"meta\">Follow-up question</p>\n");
        }
        h.append("<p class=\"question\">").append(escape(run.question())).append("</p>\n");
        if (run.prompt().systemPrompt() != null) {
            h.append("<p class=\"meta\">System prompt: ").append(escape(run.prompt().systemPrompt())).append("</p>\n");
        }
        appendFrames(h, session, run);
        List<String> steps = ReasoningSteps.of(run.reasoning()).stream().map(ReasoningStep::text).toList();
        if (!steps.isEmpty()) {
            h.append("<details open=\"open\"><summary>Reasoning (").append(steps.size())
                    .append(steps.size() == 1 ? " step" : " steps").append(")</summary>\n<ol class=\"steps\">\n");
            for (String step : steps) h.append("<li>").append(escape(step)).append("</li>\n");
            h.append("</ol></details>\n");
        }
        h.append("<h3>Answer</h3>\n<div class=\"answer\">")
                .append(run.answer().isBlank() ? "<em>(no answer)</em>" : escape(run.answer().strip())).append("</div>\n");
        h.append("<table class=\"params\">\n");
        for (Map.Entry<String, String> e : RunFacts.parameters(run).entrySet()) {
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(escape(e.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        Curation curation = run.curation();
        h.append("<p class=\"meta\">Rating: ").append(curation.rating().name().toLowerCase(Locale.ROOT));
        if (!curation.tags().isEmpty()) h.append(" \u00b7 Tags: ").append(escape(String.join(", ", curation.tags())));
        h.append("</p>\n");
        if (!curation.notes().isBlank()) h.append("<p>").append(escape(curation.notes())).append("</p>\n");
        h.append("</section>\n");
    }

    /** The sampled video frames, or the images the run was shown, as thumbnails with their times. */
    private void appendFrames(StringBuilder h, Session session, Run run) {
        StringBuilder figures = new StringBuilder();
        FrameSampling sampling = run.sampling();
        Optional<MediaItem> video = sampling == null || sampling.mediaId() == null ? Optional.empty()
                : session.mediaItem(sampling.mediaId());
        if (sampling != null) {
            for (FrameSampling.SampledFrame f : sampling.frames()) {
                String caption = String.format(Locale.ROOT, "frame %d \u00b7 %.2f s", f.index(), f.timestampSeconds());
                figure(figures, video.flatMap(m -> thumbnails.thumbnail(m, f.index(), f.timestampSeconds())), caption);
            }
        }
        for (String id : run.mediaIds()) {
            session.mediaItem(id).filter(m -> m.probe() != null && m.probe().kind() == MediaKind.IMAGE)
                    .ifPresent(m -> figure(figures, thumbnails.thumbnail(m, 0, 0), m.file().getFileName().toString()));
        }
        if (figures.length() > 0) h.append("<div class=\"frames\">\n").append(figures).append("</div>\n");
    }

    private static void figure(StringBuilder h, Optional<Thumbnail> thumbnail, String caption) {
        h.append("<figure>");
        thumbnail.ifPresent(t -> h.append("<img src=\"data:").append(t.mimeType()).append(";base64,")
                .append(Base64.getEncoder().encodeToString(t.bytes())).append("\" alt=\"").append(escape(caption))
                .append("\"/>"));
        h.append("<figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    /**
     * Escapes text for element content and attribute values. Characters XML forbids (control characters
     * a model may emit) become U+FFFD so the file stays well-formed.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
