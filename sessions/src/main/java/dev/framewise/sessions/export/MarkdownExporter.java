package dev.framewise.sessions.export;

import dev.framewise.sessions.model.Curation;
import dev.framewise.sessions.model.FollowUp;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Rating;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A session as Markdown: its media, its prompt labs as answer tables, then per run the question, reasoning, answer, parameters and curation. */
public final class MarkdownExporter {

    public String export(Session session) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(session.title().isBlank() ? "Framewise session" : session.title())).append("\n\n");
        md.append("Created ").append(session.created()).append(", modified ").append(session.modified())
                .append(", ").append(session.runs().size()).append(" runs.\n\n");
        if (!session.media().isEmpty()) {
            md.append("## Media\n\n");
            for (MediaItem m : session.media()) {
                md.append("- `").append(m.path()).append("` (").append(RunFacts.describe(m)).append(")\n");
            }
            md.append('\n');
        }
        List<Run> runs = session.runs();
        for (Lab lab : session.labs()) appendLab(md, lab, LabGrid.of(session, lab), runs);
        for (int i = 0; i < runs.size(); i++) appendRun(md, i + 1, runs.get(i));
        return md.toString();
    }

    /** A lab as one table per media item: its variants' answers, each linked to its run's section number. */
    private static void appendLab(StringBuilder md, Lab lab, List<LabGrid> grids, List<Run> runs) {
        md.append("## Prompt lab: ").append(oneLine(lab.title().isBlank() ? lab.base().question() : lab.title())).append("\n\n");
        md.append("**Question**\n\n").append(quote(lab.base().question())).append("\n\n");
        for (LabGrid grid : grids) {
            md.append("### ").append(oneLine(grid.mediaName())).append("\n\n|  |");
            for (String heading : grid.columnHeadings()) md.append(' ').append(cell(heading.isEmpty() ? "answer" : heading)).append(" |");
            md.append("\n|---|").append("---|".repeat(grid.columnHeadings().size())).append('\n');
            for (int r = 0; r < grid.runs().size(); r++) {
                md.append("| ").append(cell(grid.rowHeadings().get(r))).append(" |");
                for (var run : grid.runs().get(r)) {
                    md.append(' ').append(run.map(x -> cell(x.answer().isBlank() ? "(no answer)" : x.answer())
                            + " (run " + (runs.indexOf(x) + 1) + ")").orElse("not run")).append(" |");
                }
                md.append('\n');
            }
            md.append("\n**Answers:** ").append(grid.distributionLine()).append("\n\n");
        }
    }

    private static void appendRun(StringBuilder md, int number, Run run) {
        md.append("## Run ").append(number).append(" \u2014 ").append(run.created()).append(" (")
                .append(oneLine(RunFacts.status(run))).append(")\n\n");
        if (run.followUp() != null) {
            md.append("**Earlier in this conversation**\n\n");
            for (FollowUp.Turn turn : run.followUp().earlierTurns()) {
                md.append(quote("**Q:** " + turn.question().strip())).append("\n>\n")
                        .append(quote("**A:** " + (turn.answer().isBlank() ? "_(no answer)_" : turn.answer().strip())))
                        .append("\n\n");
            }
        }
        md.append(run.followUp() == null ? "**Question**\n\n" : "**Follow-up question**\n\n")
                .append(quote(run.question())).append("\n\n");
        if (run.prompt().systemPrompt() != null) {
            md.append("**System prompt**\n\n").append(quote(run.prompt().systemPrompt())).append("\n\n");
        }
        if (!run.reasoning().isBlank()) md.append("### Reasoning\n\n").append(run.reasoning().strip()).append("\n\n");
        md.append("### Answer\n\n").append(run.answer().isBlank() ? "_(no answer)_" : run.answer().strip()).append("\n\n");
        md.append("### Parameters\n\n| parameter | value |\n|---|---|\n");
        for (Map.Entry<String, String> e : RunFacts.parameters(run).entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        md.append('\n');
        Curation curation = run.curation();
        if (!curation.tags().isEmpty() || curation.rating() != Rating.NONE
                || !curation.notes().isBlank()) {
            md.append("**Rating:** ").append(curation.rating().name().toLowerCase(Locale.ROOT));
            if (!curation.tags().isEmpty()) md.append(" \u00b7 **Tags:** ").append(String.join(", ", curation.tags()));
            md.append("\n\n");
            if (!curation.notes().isBlank()) md.append("**Notes**\n\n").append(quote(curation.notes())).append("\n\n");
        }
    }

    private static String quote(String text) {
        return "> " + text.strip().replace("\r\n", "\n").replace("\n", "\n> ");
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
