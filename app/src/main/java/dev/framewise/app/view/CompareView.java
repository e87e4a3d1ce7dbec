package dev.framewise.app.view;

import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.app.viewmodel.TimeFormat;

import java.time.ZoneId;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Two runs side by side: prompt, parameters, reasoning and answer. */
public final class CompareView extends SplitPane {

    public CompareView(RunViewModel left, RunViewModel right) {
        getStyleClass().add("compare");
        setId("compare-view");
        getItems().addAll(column("A", left), column("B", right));
    }

    private static VBox column(String name, RunViewModel run) {
        Label heading = new Label("Run " + name + " · " + TimeFormat.local(run.created(), ZoneId.systemDefault()));
        heading.getStyleClass().add("compare-heading");
        Label params = new Label(HistoryView.describeParams(run) + (run.backend().isEmpty() ? "" : " · " + run.backend()));
        params.getStyleClass().add("muted");
        params.setWrapText(true);
        TextArea prompt = readOnly(run.spec().question(), 3);
        var outline = run.outline();
        String reasoning = outline.steps().isEmpty() ? "" : String.join("\n\n", outline.steps().stream()
                .map(s -> "• " + run.text().substring(s.start(), s.end())).toList());
        TextArea thinking = readOnly(reasoning, 12);
        VBox.setVgrow(thinking, Priority.ALWAYS);
        String answer = outline.answer() == null ? run.text() : run.text().substring(outline.answer().start(), outline.answer().end());
        TextArea answerArea = readOnly(answer.strip(), 4);
        VBox column = new VBox(heading, params, new Label("Question"), prompt, new Label("Reasoning"), thinking,
                new Label("Answer"), answerArea);
        column.getStyleClass().add("compare-column");
        return column;
    }

    private static TextArea readOnly(String text, int rows) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        return area;
    }
}
