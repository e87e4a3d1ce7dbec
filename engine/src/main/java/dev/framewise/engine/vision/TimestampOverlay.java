package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * nvidia-cosmos/cosmos-reason1 {@code cosmos_reason1_utils/vision.py} {@code overlay_text}: each sampled frame gets
 * a black border of 28 rows at the bottom with its time ({@code i / fps} as "%.2fs", i = position among the sampled
 * frames, fps = the sampling rate) in white DejaVu Sans Mono 20 px, alternating between the left and the right half
 * so consecutive frames of one temporal patch show different positions. The maintainers recommend it for temporal
 * questions. Glyphs are drawn by Java2D, not FreeType, so pixels differ slightly from the Python tool.
 */
public final class TimestampOverlay {
    /** {@code OverlayConfig.border_height}: one merged patch row, so the frame stays a multiple of 28. */
    public static final int BORDER_HEIGHT = 28;
    private static final int FONT_SIZE = 20;
    /** {@code OverlayConfig.temporal_path_size}: horizontal positions cycled through. */
    private static final int POSITIONS = 2;

    private TimestampOverlay() {
    }

    /** {@code overlay_text(images, fps=fps)}. */
    public static List<RgbImage> apply(List<RgbImage> frames, double fps) {
        if (!(fps > 0)) throw new IllegalArgumentException("the overlay needs a positive frame rate, got " + fps);
        Font font = new Font("DejaVu Sans Mono", Font.PLAIN, FONT_SIZE);
        List<RgbImage> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(overlay(frames.get(i), String.format(Locale.ROOT, "%.2fs", i / fps), i % POSITIONS, font));
        }
        return out;
    }

    private static RgbImage overlay(RgbImage frame, String text, int position, Font font) {
        int width = frame.width();
        int height = frame.height();
        BufferedImage canvas = new BufferedImage(width, height + BORDER_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        byte[] rgb = frame.rgb();
        for (int p = 0; p < width * height; p++) {
            bgr[3 * p] = rgb[3 * p + 2];
            bgr[3 * p + 1] = rgb[3 * p + 1];
            bgr[3 * p + 2] = rgb[3 * p];
        }
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            FontRenderContext context = g.getFontRenderContext();
            Rectangle2D box = new TextLayout(text, font, context).getBounds();
            int textWidth = (int) Math.ceil(box.getWidth());
            int textHeight = (int) Math.ceil(box.getHeight());
            int sectionWidth = width / POSITIONS;
            int x = position * sectionWidth + sectionWidth / 2 - textWidth / 2;
            x = Math.max(0, Math.min(x, width - textWidth));
            int top = height + (BORDER_HEIGHT - textHeight) / 2;
            g.setColor(Color.WHITE);
            g.setFont(font);
            // centre the glyphs' visual box vertically in the border, as the Python tool does with textbbox
            g.drawString(text, (float) (x - box.getX()), (float) (top - box.getY()));
        } finally {
            g.dispose();
        }
        byte[] out = new byte[3 * width * (height + BORDER_HEIGHT)];
        for (int p = 0; p < width * (height + BORDER_HEIGHT); p++) {
            out[3 * p] = bgr[3 * p + 2];
            out[3 * p + 1] = bgr[3 * p + 1];
            out[3 * p + 2] = bgr[3 * p];
        }
        return new RgbImage(width, height + BORDER_HEIGHT, out);
    }
}
