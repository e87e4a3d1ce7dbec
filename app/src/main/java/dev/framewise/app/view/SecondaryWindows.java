package dev.framewise.app.view;

import dev.framewise.app.viewmodel.AppSettings;

import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Every window besides the main one opens over the main window, at the size the user last gave it (or a
 * share of the main window the first time), wholly on the main window's screen: a new Stage otherwise gets
 * its content's preferred size at the screen's corner, title bar off-screen under some window managers.
 */
public final class SecondaryWindows {
    private static final double SHARE = 0.8;

    private SecondaryWindows() {
    }

    public static Stage open(Stage owner, Scene ownerScene, AppSettings settings, String name, String title, Parent content) {
        Stage window = new Stage();
        window.initOwner(owner);
        window.setTitle(title);
        Scene scene = new Scene(content);
        scene.getStylesheets().setAll(ownerScene.getStylesheets());
        window.setScene(scene);
        double[] size = settings.windowSize(name).orElse(new double[]{owner.getWidth() * SHARE, owner.getHeight() * SHARE});
        Rectangle2D screen = screenOf(owner);
        double width = Math.min(Math.max(size[0], 400), screen.getWidth());
        double height = Math.min(Math.max(size[1], 300), screen.getHeight());
        window.setWidth(width);
        window.setHeight(height);
        window.setX(clamp(owner.getX() + (owner.getWidth() - width) / 2, screen.getMinX(), screen.getMaxX() - width));
        window.setY(clamp(owner.getY() + (owner.getHeight() - height) / 2, screen.getMinY(), screen.getMaxY() - height));
        window.setOnHidden(e -> settings.setWindowSize(name, window.getWidth(), window.getHeight()));
        window.show();
        return window;
    }

    private static Rectangle2D screenOf(Stage owner) {
        var screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight()));
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(value, Math.max(min, max)));
    }
}
