package dev.framewise.sessions.export;

import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabAnswers;
import dev.framewise.sessions.model.LabAxis;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A prompt lab laid out for the human-readable exports: per media item, its grid of runs (row by column, empty
 * where a cell has not run), the column and row headings, and the answers' distribution.
 */
record LabGrid(Lab lab, String mediaName, List<String> rowHeadings, List<String> columnHeadings, List<List<Optional<Run>>> runs) {

    static List<LabGrid> of(Session session, Lab lab) {
        List<LabGrid> grids = new ArrayList<>();
        List<String> rowHeadings = headings(lab.rows(), lab.rowCount());
        List<String> columnHeadings = headings(lab.columns(), lab.columnCount());
        for (String mediaId : lab.mediaIds().isEmpty() ? Collections.<String>singletonList(null) : lab.mediaIds()) {
            String name = mediaId == null ? "no media"
                    : session.mediaItem(mediaId).map(MediaItem::file).map(f -> f.getFileName().toString()).orElse(mediaId);
            List<List<Optional<Run>>> runs = new ArrayList<>();
            for (int r = 0; r < lab.rowCount(); r++) {
                List<Optional<Run>> row = new ArrayList<>();
                for (int c = 0; c < lab.columnCount(); c++) {
                    row.add(lab.cell(mediaId, r, c).map(cell -> cell.runId()).flatMap(session::run));
                }
                runs.add(row);
            }
            grids.add(new LabGrid(lab, name, rowHeadings, columnHeadings, runs));
        }
        return grids;
    }

    /** The answers of every cell that ran, row by row. */
    List<String> answers() {
        return runs.stream().flatMap(List::stream).flatMap(Optional::stream).map(Run::answer).toList();
    }

    /** "3× Yes, 1× No; majority: Yes" (or "no majority"). */
    String distributionLine() {
        List<String> answers = answers();
        List<LabAnswers.Count> counts = LabAnswers.distribution(answers);
        if (counts.isEmpty()) return "no answers yet";
        StringBuilder s = new StringBuilder();
        for (LabAnswers.Count c : counts) {
            if (s.length() > 0) s.append(", ");
            s.append(c.count()).append("\u00d7 ").append(oneLine(c.answer()));
        }
        String majority = LabAnswers.majority(answers);
        return s.append("; ").append(majority == null ? "no majority" : "majority: " + oneLine(majority)).toString();
    }

    /** The first answer in the grid, which the HTML export marks the other answers' differences against. */
    String referenceAnswer() {
        return answers().stream().filter(a -> !a.isBlank()).findFirst().orElse("");
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static List<String> headings(LabAxis axis, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(axis == null || axis.size() == 0 ? "" : Lab.heading(axis, i));
        return out;
    }
}
