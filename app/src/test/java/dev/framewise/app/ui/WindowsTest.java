package dev.framewise.app.ui;

import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.RunViewModel;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Files handed over by a later launch, and secondary windows placed over the main one. */
class WindowsTest extends WorkbenchUiTest {
    @Test
    void filesOfASecondLaunchOpenInTheSessionAndAreSelected() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
            throw new AssertionError("no model in this test");
        });
        Path first = TestVideos.write(dir.resolve("a.mp4"), 1, 10);
        h.run(() -> h.vm.openFiles(List.of(first)));
        h.await("a.mp4 is shown", () -> selectedName(h).equals("a.mp4"));
        Path second = TestVideos.write(dir.resolve("b.mp4"), 1, 10);
        h.run(() -> h.vm.openFiles(List.of(second)));
        h.await("b.mp4 is added and shown", () -> selectedName(h).equals("b.mp4"));
        h.run(() -> h.vm.openFiles(List.of(first)));
        h.await("a.mp4, already there, is shown again", () -> selectedName(h).equals("a.mp4"));
        assertThat(h.fx(() -> h.vm.library().items().stream().map(MediaItem::name).toList())).containsExactly("a.mp4", "b.mp4");
    }

    private static String selectedName(WorkbenchHarness h) {
        MediaItem item = h.vm.library().selectedProperty().get();
        return item == null || item.info() == null ? "" : item.name();
    }

    @Test
    void compareOpensOverTheMainWindowWithReadableTimesAndKeepsItsSize() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(WorkbenchTest.SCRIPT), WorkbenchTest.SHOWN, 0));
        h.showVideo("ball.mp4", 3, 10);
        h.loadModel();
        h.ask("What happens next?");
        h.await("first run done", () -> h.vm.history().runs().size() == 1 && h.vm.history().selected().state() == RunViewModel.State.DONE);
        h.robot.clickOn("#history-rerun");
        h.await("second run done", () -> h.vm.history().runs().size() == 2 && h.vm.history().selected().state() == RunViewModel.State.DONE);

        Window compare = openCompare(h);
        Window main = h.stage;
        assertThat(h.fx(compare::getWidth)).isCloseTo(h.fx(main::getWidth) * 0.8, within(2.0));
        assertThat(h.fx(() -> compare.getX() + compare.getWidth() / 2)).isCloseTo(h.fx(() -> main.getX() + main.getWidth() / 2), within(2.0));
        assertThat(h.fx(() -> compare.getY() + compare.getHeight() / 2)).isCloseTo(h.fx(() -> main.getY() + main.getHeight() / 2), within(2.0));
        assertThat(h.fx(compare::getY)).isGreaterThanOrEqualTo(0);
        List<String> headings = h.fx(() -> h.robot.from(compare.getScene().getRoot()).lookup(".compare-heading")
                .queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(headings).hasSize(2).allMatch(t -> t.matches("Run [AB] · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));

        h.run(() -> {
            compare.setWidth(700);
            compare.setHeight(500);
            compare.hide();
        });
        Window again = openCompare(h);
        assertThat(h.fx(again::getWidth)).isEqualTo(700);
        assertThat(h.fx(again::getHeight)).isEqualTo(500);
        h.run(again::hide);
    }

    @Test
    void selectedRowsInLibraryAndHistoryKeepReadableContrastInBothThemes() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs,
                (folder, progress) -> new ScriptedBackend(WorkbenchTest.pieces(WorkbenchTest.SCRIPT), WorkbenchTest.SHOWN, 0));
        h.showVideo("ball.mp4", 2, 10);
        h.loadModel();
        h.ask("What happens next?");
        h.await("the run is done", () -> h.vm.history().runs().size() == 1 && h.vm.history().selected().state() == RunViewModel.State.DONE);
        for (AppSettings.Theme theme : List.of(AppSettings.Theme.LIGHT, AppSettings.Theme.DARK)) {
            h.run(() -> h.window.applyTheme(theme));
            for (String cell : List.of(".library-cell", ".history-cell")) {
                h.await(theme + " " + cell + " is selected", () -> selectedCell(h, cell) != null);
                WaitForAsyncUtils.waitForFxEvents();
                h.run(() -> {
                    ListCell<?> selected = selectedCell(h, cell);
                    selected.applyCss();
                    Color background = (Color) selected.getBackground().getFills().get(selected.getBackground().getFills().size() - 1).getFill();
                    List<Label> labels = h.robot.from(selected).lookup(".label").queryAllAs(Label.class).stream()
                            .filter(l -> !l.getText().isEmpty()).toList();
                    assertThat(labels).as(cell).hasSizeGreaterThanOrEqualTo(2);
                    for (Label label : labels) {
                        assertThat(contrast((Color) label.getTextFill(), background))
                                .as(theme + " " + cell + " '" + label.getText() + "' " + label.getTextFill() + " on " + background)
                                .isGreaterThanOrEqualTo(4.5);
                    }
                });
            }
        }
    }

    @Test
    void helpListsEveryShortcutShowsTheGuideAndTellsWhichBuildAndDevice() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
            throw new AssertionError("no model in this test");
        });
        h.run(() -> helpItem(h, "Keyboard shortcuts").fire());
        h.await("the shortcuts window is open", () -> h.robot.lookup("#shortcuts").tryQuery().isPresent());
        List<String> texts = h.fx(() -> h.robot.from(h.robot.lookup("#shortcuts").queryAs(javafx.scene.layout.GridPane.class))
                .lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(texts).contains("Ask", "Compare two runs", "Save session as…", "Keyboard shortcuts");
        assertThat(texts.get(texts.indexOf("Ask") + 1)).isEqualTo(h.fx(() ->
                javafx.scene.input.KeyCombination.keyCombination("Shortcut+Enter").getDisplayText()));
        h.run(() -> h.robot.lookup("#shortcuts").query().getScene().getWindow().hide());

        h.run(() -> helpItem(h, "Documentation").fire());
        h.await("the guide is open", () -> h.robot.lookup("#guide").tryQuery().isPresent());
        assertThat(h.fx(() -> h.robot.lookup("#guide").queryAs(javafx.scene.control.TextArea.class).getText())).contains("The workbench").contains("Ctrl");
        h.run(() -> h.robot.lookup("#guide").query().getScene().getWindow().hide());

        h.run(() -> helpItem(h, "About Framewise").fire());
        h.await("about is open", () -> h.robot.lookup("#about-version").tryQuery().isPresent());
        assertThat(h.fx(() -> h.robot.lookup("#about-version").queryAs(Label.class).getText()))
                .matches("framewise \\S+ \\(commit \\S+, built \\S+\\)");
        List<String> about = h.fx(() -> h.robot.from(h.robot.lookup("#about").queryAs(javafx.scene.Node.class)).lookup(".label")
                .queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(about).anyMatch(t -> t.startsWith("Model: ")).anyMatch(t -> t.toLowerCase().contains("libtorch"));
        h.run(() -> h.robot.lookup("#about").query().getScene().getWindow().hide());
    }

    private static javafx.scene.control.MenuItem helpItem(WorkbenchHarness h, String text) {
        var bar = h.robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        return bar.getMenus().get(bar.getMenus().size() - 1).getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    @Test
    void saveAsSuggestsANameFromTheSession() throws Exception {
        WorkbenchHarness h = harness = new WorkbenchHarness(dir, prefs, (folder, progress) -> {
            throw new AssertionError("no model in this test");
        });
        assertThat(h.fx(() -> h.vm.session().suggestedFileName())).isEqualTo("Untitled session.framewise");
        Path video = TestVideos.write(dir.resolve("ball: take 2.mp4"), 1, 10);
        h.run(() -> h.vm.library().add(List.of(video)));
        h.await("the video is added", () -> !h.vm.library().items().isEmpty());
        assertThat(h.fx(() -> h.vm.session().suggestedFileName())).isEqualTo("ball take 2 session.framewise");
        h.run(() -> h.vm.session().saveAs(dir.resolve("kitchen")));
        assertThat(h.fx(() -> h.vm.session().suggestedFileName())).isEqualTo("kitchen.framewise");
    }

    private static ListCell<?> selectedCell(WorkbenchHarness h, String styleClass) {
        return h.robot.lookup(styleClass).queryAllAs(ListCell.class).stream()
                .filter(c -> c.isSelected() && !c.isEmpty()).findFirst().orElse(null);
    }

    /** WCAG 2 contrast ratio (4.5 is the minimum for normal text). */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static Window openCompare(WorkbenchHarness h) throws Exception {
        h.robot.clickOn("What happens next?");
        h.robot.press(KeyCode.SHIFT).press(KeyCode.DOWN).release(KeyCode.DOWN).release(KeyCode.SHIFT);
        h.robot.clickOn("#history-compare");
        h.await("the comparison window is open", () -> h.robot.lookup("#compare-view").tryQuery().isPresent());
        return h.fx(() -> h.robot.lookup("#compare-view").queryAs(SplitPane.class).getScene().getWindow());
    }
}
