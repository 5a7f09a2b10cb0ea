package backprop.show;

import backprop.io.AtomicFile;

import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PNG bytes and files of this package's pictures: no metadata, so the same image gives the same bytes. */
final class Images {
    private Images() {
    }

    /** The image as PNG bytes. */
    static byte[] png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The legend layout for a chart of {@code width} pixels: horizontal (one line below the plot) when
     * the entries fit on one line in the legend font, else vertical (one entry per line).
     */
    static Styler.LegendLayout legendLayout(List<String> names, Font font, int width) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics m = g.getFontMetrics(font);
            int total = 0;
            for (String name : names) {
                total += m.stringWidth(name) + 50; // the line sample and the gaps around it
            }
            return total <= width - 40 ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical;
        } finally {
            g.dispose();
        }
    }

    /** Writes the image as a PNG file atomically: a failed save leaves an existing file as it was. */
    static void save(Path file, RenderedImage image) throws IOException {
        AtomicFile.write(file, png(image));
    }
}
