package dev.framewise.app.view;

import dev.framewise.app.UiResources;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.EngineViewModel;
import dev.framewise.engine.api.BuildInfo;
import dev.framewise.engine.store.device.DeviceDoctor;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** Help ▸ Keyboard shortcuts, Documentation and About, each a window over the main one. */
final class HelpWindows {
    private final Stage owner;
    private final AppSettings settings;
    private final EngineViewModel engine;

    HelpWindows(Stage owner, AppSettings settings, EngineViewModel engine) {
        this.owner = owner;
        this.settings = settings;
        this.engine = engine;
    }

    /** Every menu command with a key, read from the menu bar itself so the list is never out of date. */
    void shortcuts(MenuBar bar) {
        GridPane grid = new GridPane();
        grid.setId("shortcuts");
        grid.getStyleClass().add("help-grid");
        int row = 0;
        for (Menu menu : bar.getMenus()) {
            Label heading = new Label(menu.getText().replace("_", ""));
            heading.getStyleClass().add("panel-title");
            grid.add(heading, 0, row++, 2, 1);
            for (MenuItem item : items(menu)) {
                if (item.getAccelerator() == null) continue;
                grid.addRow(row++, new Label(item.getText()), keys(item.getAccelerator().getDisplayText()));
            }
        }
        Label hint = new Label("Space, ← and → belong to the viewer unless you are typing; Esc stops a run wherever the focus is.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        grid.add(hint, 0, row, 2, 1);
        SecondaryWindows.open(owner, owner.getScene(), settings, "shortcuts", "Keyboard shortcuts", new ScrollPane(grid));
    }

    void documentation() {
        TextArea guide = new TextArea(UiResources.guide());
        guide.setId("guide");
        guide.setEditable(false);
        guide.setWrapText(true);
        SecondaryWindows.open(owner, owner.getScene(), settings, "guide", "Framewise guide", guide);
    }

    /** Version and build, the model in use, and where libtorch and the device come from (models doctor). */
    void about() {
        VBox box = new VBox(6);
        box.setId("about");
        box.getStyleClass().add("panel");
        Label title = new Label(BuildInfo.current().line());
        title.setId("about-version");
        title.getStyleClass().add("about-title");
        box.getChildren().addAll(title, new Label("Model: " + engine.descriptionProperty().get()));
        // Loading libtorch just for this window takes seconds; once a model runs it is loaded anyway.
        boolean loaded = engine.stateProperty().get() == EngineViewModel.State.READY;
        for (DeviceDoctor.Line line : new DeviceDoctor(System.getenv()).examine(loaded)) {
            Label label = new Label(line.label() + ": " + line.text());
            label.setWrapText(true);
            if (line.warning()) label.getStyleClass().add("muted");
            box.getChildren().add(label);
        }
        box.getChildren().add(new Label("Java " + System.getProperty("java.version") + " · JavaFX " + System.getProperty("javafx.version")));
        SecondaryWindows.open(owner, owner.getScene(), settings, "about", "About Framewise", new ScrollPane(box));
    }

    static Menu menu(HelpWindows help, MenuBar bar) {
        Menu menu = new Menu("_Help");
        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("F1"));
        shortcuts.setOnAction(e -> help.shortcuts(bar));
        MenuItem docs = new MenuItem("Documentation");
        docs.setOnAction(e -> help.documentation());
        MenuItem about = new MenuItem("About Framewise");
        about.setOnAction(e -> help.about());
        menu.getItems().addAll(shortcuts, docs, new SeparatorMenuItem(), about);
        return menu;
    }

    private static List<MenuItem> items(Menu menu) {
        return menu.getItems().stream().flatMap(i -> i instanceof Menu sub ? items(sub).stream() : java.util.stream.Stream.of(i)).toList();
    }

    private static Label keys(String text) {
        Label keys = new Label(text);
        keys.getStyleClass().add("shortcut-keys");
        return keys;
    }
}
