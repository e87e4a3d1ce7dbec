package dev.framewise.engine.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An evaluation's scores as text: the terminal table, Markdown, a self-contained HTML page (inline CSS and SVG: a bar
 * per data set, and a confusion matrix per data set) and a JSON summary. Accuracies are percentages with one decimal.
 */
public final class EvalReport {
    private final EvalScores scores;
    private final String model;
    private final EvalMode mode;
    private final List<ObjectNode> answers;

    /** @param answers the scored lines, for the HTML page's list of answers */
    public EvalReport(EvalScores scores, String model, EvalMode mode, List<ObjectNode> answers) {
        this.scores = scores;
        this.model = model;
        this.mode = mode;
        this.answers = List.copyOf(answers);
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    public String table() {
        int width = Math.max(13, scores.datasets().stream().mapToInt(d -> d.name().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        String row = "%-" + width + "s  %7s  %5s  %8s%s%n";
        out.append(String.format(Locale.ROOT, row, "data set", "correct", "total", "accuracy", ""));
        for (EvalScores.DatasetScore d : scores.datasets()) {
            out.append(String.format(Locale.ROOT, row, d.name(), d.correct(), d.total(), percent(d.accuracy()) + " %",
                    d.failed() > 0 ? "  (" + d.failed() + " failed, not scored)" : ""));
        }
        out.append(String.format(Locale.ROOT, row, "micro average", scores.correct(), scores.total(),
                percent(scores.microAccuracy()) + " %", ""));
        out.append(String.format(Locale.ROOT, row, "macro average", "", "", percent(scores.macroAccuracy()) + " %", ""));
        return out.toString();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation: ").append(model).append(" (").append(mode.id()).append(")\n\n");
        md.append("Cosmos-Reason1 benchmark protocol (nvidia-cosmos/cosmos-reason1 examples/benchmark).\n\n");
        md.append("| data set | correct | total | accuracy |\n|---|---:|---:|---:|\n");
        for (EvalScores.DatasetScore d : scores.datasets()) {
            md.append("| ").append(d.name()).append(" | ").append(d.correct()).append(" | ").append(d.total())
                    .append(" | ").append(percent(d.accuracy())).append(" % |\n");
        }
        md.append("| **micro average** | ").append(scores.correct()).append(" | ").append(scores.total()).append(" | **")
                .append(percent(scores.microAccuracy())).append(" %** |\n");
        md.append("| **macro average** | | | **").append(percent(scores.macroAccuracy())).append(" %** |\n");
        if (scores.failed() > 0) {
            md.append("\n").append(scores.failed()).append(" question(s) failed to run and are not scored.\n");
        }
        for (EvalScores.DatasetScore d : scores.datasets()) {
            if (d.total() == 0) continue;
            md.append("\n## ").append(d.name()).append(": confusion matrix\n\nRows: correct answer; columns: the model's answer (— = no letter).\n\n");
            List<String> letters = d.letters();
            md.append("| |");
            letters.forEach(l -> md.append(" ").append(label(l)).append(" |"));
            md.append("\n|---|");
            letters.forEach(l -> md.append("---:|"));
            md.append("\n");
            for (String truth : letters) {
                Map<String, Integer> row = d.confusion().get(truth);
                if (row == null) continue;
                md.append("| **").append(label(truth)).append("** |");
                for (String predicted : letters) md.append(" ").append(row.getOrDefault(predicted, 0)).append(" |");
                md.append("\n");
            }
        }
        return md.toString();
    }

    private static String label(String letter) {
        return letter.isEmpty() ? "—" : letter;
    }

    public ObjectNode summary() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("model", model).put("mode", mode.id());
        ObjectNode datasets = root.putObject("datasets");
        for (EvalScores.DatasetScore d : scores.datasets()) {
            datasets.putObject(d.name()).put("correct", d.correct()).put("total", d.total()).put("failed", d.failed())
                    .put("accuracy", Double.parseDouble(percent(d.accuracy())));
        }
        root.putObject("micro").put("correct", scores.correct()).put("total", scores.total())
                .put("accuracy", Double.parseDouble(percent(scores.microAccuracy())));
        root.putObject("macro").put("accuracy", Double.parseDouble(percent(scores.macroAccuracy())));
        root.put("failed", scores.failed());
        return root;
    }

    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation: ").append(esc(model))
                .append("</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#1d232a;padding:0 1em}\n")
                .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}table{border-collapse:collapse;margin:.5em 0}\n")
                .append("td,th{border:1px solid #d0d7de;padding:.3em .7em;text-align:right}th:first-child,td:first-child{text-align:left}\n")
                .append("tr.avg td{font-weight:600;background:#f6f8fa}.muted{color:#57606a}.cm td{min-width:2.5em;text-align:center}\n")
                .append("details{margin-top:1em}.ok{color:#1a7f37}.wrong{color:#cf222e}\n</style></head><body>\n");
        h.append("<h1>Evaluation: ").append(esc(model)).append("</h1>\n<p class=\"muted\">Mode: ").append(mode.id())
                .append(" · Cosmos-Reason1 benchmark protocol (nvidia-cosmos/cosmos-reason1 examples/benchmark) · ")
                .append(scores.total()).append(" questions scored").append(scores.failed() > 0 ? ", " + scores.failed() + " failed" : "")
                .append("</p>\n");
        h.append(barChart());
        h.append("<table><tr><th>data set</th><th>correct</th><th>total</th><th>accuracy</th></tr>\n");
        for (EvalScores.DatasetScore d : scores.datasets()) {
            h.append("<tr><td>").append(esc(d.name())).append("</td><td>").append(d.correct()).append("</td><td>")
                    .append(d.total()).append("</td><td>").append(percent(d.accuracy())).append(" %</td></tr>\n");
        }
        h.append("<tr class=\"avg\"><td>micro average</td><td>").append(scores.correct()).append("</td><td>")
                .append(scores.total()).append("</td><td>").append(percent(scores.microAccuracy())).append(" %</td></tr>\n");
        h.append("<tr class=\"avg\"><td>macro average</td><td></td><td></td><td>").append(percent(scores.macroAccuracy()))
                .append(" %</td></tr>\n</table>\n");
        for (EvalScores.DatasetScore d : scores.datasets()) {
            if (d.total() == 0) continue;
            h.append("<h2>").append(esc(d.name())).append("</h2>\n<p class=\"muted\">Confusion matrix: rows are the correct "
                    + "answer, columns the model's (— = no letter).</p>\n");
            h.append(confusion(d));
            h.append(answerList(d.name()));
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private String barChart() {
        List<EvalScores.DatasetScore> ds = scores.datasets();
        int bar = 56;
        int gap = 28;
        int left = 44;
        int height = 200;
        int top = 20;
        int width = left + (ds.size() + 2) * (bar + gap) + gap;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height + top + 44)
                .append("\" role=\"img\" aria-label=\"accuracy per data set\" font-family=\"system-ui,sans-serif\" font-size=\"12\">\n");
        for (int p = 0; p <= 100; p += 25) {
            double y = top + height - height * p / 100.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d0d7de\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#57606a\">%d %%</text>%n", left, y, width - gap / 2, y,
                    left - 6, y + 4, p));
        }
        int x = left + gap;
        for (EvalScores.DatasetScore d : ds) {
            s.append(bar(x, bar, top, height, d.accuracy(), d.name(), "#0969da"));
            x += bar + gap;
        }
        s.append(bar(x, bar, top, height, scores.microAccuracy(), "micro", "#8250df"));
        x += bar + gap;
        s.append(bar(x, bar, top, height, scores.macroAccuracy(), "macro", "#bf3989"));
        s.append("</svg>\n");
        return s.toString();
    }

    private static String bar(int x, int width, int top, int height, double accuracy, String label, String color) {
        double h = height * accuracy / 100.0;
        double y = top + height - h;
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s: %s %%</title></rect>"
                        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%s %%</text>"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#1d232a\">%s</text>%n",
                x, y, width, h, color, esc(label), percent(accuracy), x + width / 2, y - 5, percent(accuracy),
                x + width / 2, top + height + 18, esc(label));
    }

    private static String confusion(EvalScores.DatasetScore d) {
        List<String> letters = d.letters();
        int max = d.confusion().values().stream().flatMap(r -> r.values().stream()).mapToInt(Integer::intValue).max().orElse(1);
        StringBuilder t = new StringBuilder("<table class=\"cm\"><tr><th></th>");
        letters.forEach(l -> t.append("<th>").append(label(l)).append("</th>"));
        t.append("</tr>\n");
        for (String truth : letters) {
            Map<String, Integer> row = d.confusion().get(truth);
            if (row == null) continue;
            t.append("<tr><th>").append(label(truth)).append("</th>");
            for (String predicted : letters) {
                int n = row.getOrDefault(predicted, 0);
                double alpha = n == 0 ? 0 : 0.15 + 0.65 * n / max;
                String rgb = truth.equals(predicted) ? "26,127,55" : "207,34,46";
                t.append(String.format(Locale.ROOT, "<td style=\"background:rgba(%s,%.2f)\">%d</td>", rgb, alpha, n));
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private String answerList(String dataset) {
        StringBuilder s = new StringBuilder("<details><summary>Answers</summary><table><tr><th>question</th><th>correct</th>"
                + "<th>answer</th><th>attempts</th></tr>\n");
        for (ObjectNode a : answers) {
            if (!dataset.equals(a.path("dataset").asText())) continue;
            boolean ok = a.path("is_correct").asBoolean();
            s.append("<tr><td title=\"").append(esc(a.path("question").asText())).append("\">")
                    .append(esc(a.path("question_id").asText())).append("</td><td>").append(esc(a.path("correct_answer").asText()))
                    .append("</td><td class=\"").append(ok ? "ok" : "wrong").append("\">")
                    .append(esc(label(a.path("answer").asText("")))).append("</td><td>").append(a.path("attempts").asInt())
                    .append("</td></tr>\n");
        }
        return s.append("</table></details>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
