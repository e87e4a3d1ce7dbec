package dev.framewise.app.task;

import dev.framewise.engine.media.RgbImage;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Engine frames to JavaFX images; safe off the FX thread because the image is not yet in a scene. */
public final class FxImages {
    private FxImages() {
    }

    public static Image toImage(RgbImage frame) {
        WritableImage image = new WritableImage(frame.width(), frame.height());
        image.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getByteRgbInstance(),
                frame.rgb(), 0, frame.width() * 3);
        return image;
    }
}
