package dev.framewise.app.view;

import dev.framewise.app.UiResources;
import javafx.scene.layout.Region;
import javafx.scene.shape.SVGPath;

import java.util.Properties;

/** Icons drawn as SVG paths (ui-resources' icons.properties) and filled from CSS, so they follow the theme. */
public final class Icons {
    private static final Properties PATHS = UiResources.icons();

    private Icons() {
    }

    public static Region icon(String name) {
        String path = PATHS.getProperty(name);
        if (path == null) throw new IllegalArgumentException("no icon named '" + name + "' in icons.properties");
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        Region region = new Region();
        region.setShape(shape);
        region.getStyleClass().add("icon");
        return region;
    }
}
