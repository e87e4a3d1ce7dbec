package dev.framewise.app.ui;

import dev.framewise.app.view.ReasoningView;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.app.viewmodel.lab.LabCellViewModel;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabDimension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prompt lab through the real windows: a 2 × 2 grid (two phrasings × two seeds) on a generated clip with a
 * scripted model, run as a queue; four answers, the one differing answer highlighted, the answers counted per
 * phrasing; a cell opened in the run view; the session saved, reopened, and the lab shown again.
 */
class LabWorkbenchTest extends WorkbenchUiTest {
    /** Opens the workbench with the clip and the scripted model, and the lab window with a 2 × 2 grid built. */
    static void buildGrid(WorkbenchHarness h, Path dir) throws Exception {
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();
        h.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
        h.await("the lab window is open", () -> h.robot.lookup("#lab-question").tryQuery().isPresent());
        h.robot.clickOn("#lab-question").write(LabScript.Q1);
        h.run(() -> {
            h.vm.lab().rowDimensionProperty().set(LabDimension.QUESTION);
            h.vm.lab().rowValuesProperty().set(LabScript.Q1 + "\n" + LabScript.Q2);
            h.vm.lab().columnDimensionProperty().set(LabDimension.SEED);
        });
        h.robot.clickOn("#lab-column-values").write("1").type(KeyCode.ENTER).write("2");
        h.robot.clickOn("#lab-build");
        h.await("the grid has four cells", () -> h.robot.lookup(".lab-cell").queryAll().size() == 4);
    }

    static void runGrid(WorkbenchHarness h) throws Exception {
        h.robot.clickOn("#lab-run");
        h.await("all four cells answered", () -> h.vm.lab().cells().stream().allMatch(c -> c.state() == LabCellViewModel.State.DONE)
                && !h.vm.lab().runningProperty().get());
    }

    private static String texts(Node node) {
        return node.lookupAll(".label").stream().map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "|" + b);
    }

    @Test
    void aTwoByTwoGridRunsComparesCountsAndComesBackWithTheSession() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> new LabScript());
        buildGrid(h, dir);
        assertThat(h.fx(() -> h.robot.lookup("#lab-status").queryAs(Label.class).getText())).isEqualTo("4 cells ready to run.");

        runGrid(h);

        assertThat(h.fx(() -> h.robot.lookup("#lab-status").queryAs(Label.class).getText())).isEqualTo("Done: 4 of 4 cells answered.");
        for (String id : List.of("#lab-cell-0-0", "#lab-cell-0-1", "#lab-cell-1-0")) {
            assertThat(h.fx(() -> texts(h.robot.lookup(id).query()))).startsWith("|Done").contains("|" + LabScript.BOX + "|")
                    .contains("3 steps · 6 frames");
        }
        assertThat(h.fx(() -> texts(h.robot.lookup("#lab-cell-0-0").query()))).startsWith("|Done · reference answer|");
        assertThat(h.fx(() -> texts(h.robot.lookup("#lab-cell-1-1").query()))).contains("|The ball hits the|red wall.|");
        // Only the differing words of the differing answer are highlighted.
        Set<Node> marked = h.fx(() -> h.robot.lookup(".lab-diff").queryAll());
        assertThat(marked).hasSize(1);
        assertThat(h.fx(() -> ((Label) marked.iterator().next()).getText())).isEqualTo("red wall.");
        // The answers per phrasing across the two seeds: a majority for the first, a tie for the second.
        String distribution = h.fx(() -> texts(h.robot.lookup("#lab-distribution").query()));
        assertThat(distribution).contains("|question = " + LabScript.Q1 + "|" + LabScript.BOX + "|2×|Majority: " + LabScript.BOX + "|")
                .contains("|question = " + LabScript.Q2 + "|" + LabScript.BOX + "|1×|" + LabScript.WALL + "|1×|No majority");
        assertThat(h.fx(() -> h.robot.lookup(".lab-bar").queryAll().size())).isEqualTo(3);

        // A cell opens in the normal run view, with its frames on the timeline.
        h.robot.clickOn(h.fx(() -> h.robot.lookup("#lab-cell-1-1").lookup(".lab-open").<Node>query()));
        h.await("the run is selected", () -> h.vm.history().selected() == h.vm.lab().cell(h.vm.library().items().get(0), 1, 1).run());
        assertThat(h.fx(() -> ReasoningView.textOf(h.robot.lookup("#answer-text").queryAs(TextFlow.class)))).isEqualTo(LabScript.WALL);
        assertThat(h.fx(() -> h.vm.viewer().shownFrames().size())).isEqualTo(6);

        // Re-run one cell (the lab window back in front of the main one): one more run, the grid still complete.
        h.run(() -> ((javafx.stage.Stage) h.robot.lookup("#lab-view").query().getScene().getWindow()).toFront());
        h.robot.clickOn(h.fx(() -> h.robot.lookup("#lab-cell-0-0").lookup(".lab-rerun").<Node>query()));
        h.await("the cell ran again", () -> h.vm.history().runs().size() == 5 && !h.vm.lab().runningProperty().get());

        Path file = dir.resolve("lab.framewise");
        h.run(() -> h.vm.session().saveAs(file));
        h.close();
        harness = null;

        WorkbenchHarness again = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> new LabScript());
        again.run(() -> again.vm.session().reopenLast());
        again.await("the lab is back", () -> again.vm.lab().cells().size() == 4);
        assertThat(again.fx(() -> again.vm.history().runs().size())).isEqualTo(5);
        again.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
        again.await("the lab window shows the grid", () -> again.robot.lookup(".lab-cell").queryAll().size() == 4);
        assertThat(again.fx(() -> again.robot.lookup("#lab-question").queryAs(javafx.scene.control.TextArea.class).getText()))
                .isEqualTo(LabScript.Q1);
        assertThat(again.fx(() -> texts(again.robot.lookup("#lab-cell-1-1").query()))).contains("|The ball hits the|red wall.|");
        assertThat(again.fx(() -> again.robot.lookup(".lab-diff").queryAll().size())).isEqualTo(1);
        assertThat(again.fx(() -> texts(again.robot.lookup("#lab-distribution").query()))).contains("|Majority: " + LabScript.BOX + "|");
        assertThat(again.fx(() -> again.robot.lookup("#lab-status").queryAs(Label.class).getText())).isEqualTo("4 of 4 cells answered.");
    }

    @Test
    void aReopenedSessionShowsItsNewestLabAndThePickerBringsBackTheOlderOne() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> new LabScript());
        buildGrid(h, dir);
        runGrid(h);
        // A second lab of one cell: the first question with seed 7 only.
        h.run(() -> {
            h.vm.lab().rowDimensionProperty().set(null);
            h.vm.lab().columnValuesProperty().set("7");
        });
        h.robot.clickOn("#lab-build");
        h.await("the new grid has one cell", () -> h.robot.lookup(".lab-cell").queryAll().size() == 1);
        runGrid(h);
        Path file = dir.resolve("two-labs.framewise");
        h.run(() -> h.vm.session().saveAs(file));
        h.close();
        harness = null;

        WorkbenchHarness again = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> new LabScript());
        again.run(() -> again.vm.session().reopenLast());
        again.await("the newest lab is back", () -> again.vm.lab().cells().size() == 1);
        again.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
        again.await("the lab window shows the newest grid", () -> again.robot.lookup(".lab-cell").queryAll().size() == 1);
        @SuppressWarnings("unchecked")
        ComboBox<Lab> picker = again.fx(() -> again.robot.lookup("#lab-picker").queryAs(ComboBox.class));
        assertThat(again.fx(() -> picker.getItems().size())).isEqualTo(2);
        assertThat(again.fx(() -> picker.getValue().id())).isEqualTo(again.fx(() -> again.vm.lab().lab().id()));
        assertThat(again.fx(() -> picker.getButtonCell().getText())).endsWith(LabScript.Q1 + " · seed");
        assertThat(again.fx(() -> again.robot.lookup("#lab-status").queryAs(Label.class).getText())).isEqualTo("1 of 1 cells answered.");

        // The user picks the older lab: its grid, answers, differences and counts come back.
        again.robot.clickOn("#lab-picker");
        again.robot.clickOn(again.fx(() -> again.robot.lookup(".list-cell").match((ListCell<?> c) -> c.getText() != null
                && c.getText().endsWith("question × seed") && c.getParent() != picker).<Node>query()));
        again.await("the older grid is back", () -> again.robot.lookup(".lab-cell").queryAll().size() == 4);
        assertThat(again.fx(() -> picker.getValue().id())).isEqualTo(again.fx(() -> again.vm.lab().sessionLabs().get(0).id()));
        assertThat(again.fx(() -> texts(again.robot.lookup("#lab-cell-1-1").query()))).contains("|The ball hits the|red wall.|");
        assertThat(again.fx(() -> again.robot.lookup(".lab-diff").queryAll().size())).isEqualTo(1);
        assertThat(again.fx(() -> texts(again.robot.lookup("#lab-distribution").query()))).contains("|Majority: " + LabScript.BOX + "|");
        assertThat(again.fx(() -> again.robot.lookup("#lab-status").queryAs(Label.class).getText())).isEqualTo("4 of 4 cells answered.");
        assertThat(again.fx(() -> again.vm.lab().sessionLabs().size())).isEqualTo(2);
        assertThat(again.fx(() -> again.robot.lookup("#lab-row-values").queryAs(javafx.scene.control.TextArea.class).getText()))
                .isEqualTo(LabScript.Q1 + "\n" + LabScript.Q2);

        // And back to the newer one, picked from code through the same box.
        again.run(() -> picker.getSelectionModel().select(1));
        again.await("the newer grid is back", () -> again.robot.lookup(".lab-cell").queryAll().size() == 1);
        assertThat(again.fx(() -> again.robot.lookup("#lab-status").queryAs(Label.class).getText())).isEqualTo("1 of 1 cells answered.");
    }

    @Test
    void pickedCellsChartTheirFrameEvidenceAndTokenConfidenceAndOpenWithTheirMarks() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> new LabScript());
        buildGrid(h, dir);
        h.robot.clickOn("#lab-evidence");
        h.robot.clickOn("#lab-build");
        h.await("the grid with frame evidence is built", () -> h.vm.lab().lab().base().evidence() != null);
        runGrid(h);
        // Room for the grid above the charts.
        h.run(() -> {
            javafx.stage.Window window = h.robot.lookup("#lab-view").query().getScene().getWindow();
            window.setWidth(1280);
            window.setHeight(1000);
        });
        assertThat(h.fx(() -> h.robot.lookup("#lab-charts").lookup(".label").queryAs(Label.class).getText()))
                .startsWith("Select a cell");

        h.robot.clickOn("#lab-cell-0-0");
        h.robot.press(KeyCode.CONTROL);
        h.robot.clickOn("#lab-cell-1-1");
        h.robot.release(KeyCode.CONTROL);

        @SuppressWarnings("unchecked")
        BarChart<String, Number> evidence = h.fx(() -> h.robot.lookup("#evidence-chart").queryAs(BarChart.class));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> confidence = h.fx(() -> h.robot.lookup("#confidence-chart").queryAs(LineChart.class));
        h.await("two cells charted", () -> evidence.getData().size() == 2);
        assertThat(h.fx(() -> evidence.getData().stream().map(XYChart.Series::getName).toList()))
                .containsExactly("question = What will the ball h… · seed = 1", "question = Which object is in t… · seed = 2");
        List<Double> shares = ScriptedBackend.evidence(6);
        for (int s = 0; s < 2; s++) {
            int series = s;
            assertThat(h.fx(() -> evidence.getData().get(series).getData().stream().map(d -> d.getXValue()).toList()))
                    .containsExactly("0.00 s", "0.50 s", "1.00 s", "1.50 s", "2.00 s", "2.50 s");
            assertThat(h.fx(() -> evidence.getData().get(series).getData().stream().map(d -> d.getYValue().doubleValue()).toList()))
                    .containsExactlyElementsOf(shares);
        }
        RunViewModel wall = h.fx(() -> h.vm.lab().cell(h.vm.library().items().get(0), 1, 1).run());
        List<Double> probabilities = h.fx(() -> wall.tokens().stream().map(t -> Math.exp(t.logprob())).toList());
        assertThat(probabilities).contains(Math.exp(-1.6), Math.exp(-0.05));
        assertThat(h.fx(() -> confidence.getData().get(1).getData().stream().map(d -> d.getYValue().doubleValue()).toList()))
                .containsExactlyElementsOf(probabilities);
        assertThat(h.fx(() -> confidence.getData().get(1).getData().get(0).getXValue().intValue())).isEqualTo(1);
        assertThat(h.fx(() -> h.robot.lookup(".lab-selected").queryAll().size())).isEqualTo(2);

        // A plain click picks one cell alone again.
        h.robot.clickOn("#lab-cell-1-1");
        h.await("one cell charted", () -> evidence.getData().size() == 1);

        // Opened in the run view, the lab's run has its frames, its evidence strip and its time links.
        h.robot.clickOn(h.fx(() -> h.robot.lookup("#lab-cell-1-1").lookup(".lab-open").<Node>query()));
        h.await("the run is selected", () -> h.vm.history().selected() == wall);
        assertThat(h.fx(() -> h.vm.viewer().shownFrames().size())).isEqualTo(6);
        assertThat(h.fx(() -> List.copyOf(h.vm.viewer().evidence()))).containsExactlyElementsOf(shares);
        assertThat(h.fx(() -> List.copyOf(h.vm.viewer().references()))).containsExactly(1.5);
    }
}
