package dev.framewise.app.view;

import dev.framewise.app.UiResources;

import java.util.Properties;
import javafx.scene.Group;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.SVGPath;

/**
 * Icons drawn as SVG paths on a 24×24 grid (ui-resources' icons.properties), shown at 16×16 and filled from
 * CSS so they follow the theme. The path keeps its proportions (a minus stays a thin bar).
 */
public final class Icons {
    private static final Properties PATHS = UiResources.icons();
    private static final double SIZE = 16;

    private Icons() {
    }

    public static StackPane icon(String name) {
        String path = PATHS.getProperty(name);
        if (path == null) throw new IllegalArgumentException("no icon named '" + name + "' in icons.properties");
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        shape.getStyleClass().add("icon-shape");
        shape.setScaleX(SIZE / 24);
        shape.setScaleY(SIZE / 24);
        StackPane box = new StackPane(new Group(shape));
        box.getStyleClass().add("icon");
        box.setMinSize(SIZE, SIZE);
        box.setPrefSize(SIZE, SIZE);
        box.setMaxSize(SIZE, SIZE);
        return box;
    }
}
