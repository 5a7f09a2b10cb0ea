package backprop.show;

import backprop.io.AtomicFile;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** PNG bytes and files of this package's pictures: no metadata, so the same image gives the same bytes. */
final class Images {
    /** The colours of the curves, in order (matplotlib's "tab10"). */
    static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(23, 190, 207)};

    private Images() {
    }

    /**
     * An XChart chart in this package's style: fixed fonts (the logical SansSerif), white background,
     * light grid, the legend below the plot ({@link #legendLayout}), no tool tips, locale-free numbers.
     */
    static XYChart chart(int width, int height, String title, String xTitle, String yTitle, List<String> legend) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var st = chart.getStyler();
        st.setLocale(Locale.ROOT);
        st.setAntiAlias(true);
        st.setChartTitleVisible(!title.isEmpty());
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(legendLayout(legend, st.getLegendFont(), width));
        st.setLegendBorderColor(Color.WHITE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setChartPadding(12);
        st.setToolTipsEnabled(false);
        return chart;
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
