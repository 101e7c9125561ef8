package dev.quell.validation.report;

import dev.quell.files.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Line plot of mean metric values against input SNR, one line per condition, side by side for
 * several metrics, with axes, ticks, a legend and a title (Java2D, PNG).
 */
public final class SnrPlot {
    private static final Color[] COLORS = {
        new Color(0x55, 0x55, 0x55), new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e),
        new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd),
        new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf)};
    private static final int W = 420;
    private static final int H = 300;
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final int GAP = 70;

    private SnrPlot() {
    }

    /**
     * @param results evaluation results (conditions are the lines)
     * @param metrics metric names, one panel each
     * @param png output file (written atomically)
     * @throws IOException if writing fails
     */
    public static void write(EvalResults results, List<String> metrics, Path png) throws IOException {
        List<Double> snrs = results.snrs();
        List<String> conditions = results.conditions();
        int legendH = 18 * conditions.size() + 10;
        int width = LEFT + metrics.size() * (W + GAP);
        int height = TOP + H + 50 + legendH;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (snrs.isEmpty()) {
            g.setColor(Color.BLACK);
            g.drawString("no input SNRs known", LEFT, TOP);
        }
        for (int p = 0; p < metrics.size() && !snrs.isEmpty(); p++) {
            Panel panel = Panel.of(results, metrics.get(p), LEFT + p * (W + GAP));
            drawAxes(g, panel, snrs);
            for (int ci = 0; ci < conditions.size(); ci++) {
                drawLine(g, panel, results, conditions.get(ci), COLORS[ci % COLORS.length]);
            }
        }
        int ly = TOP + H + 50;
        for (int ci = 0; ci < conditions.size(); ci++) {
            g.setColor(COLORS[ci % COLORS.length]);
            g.fillRect(LEFT, ly + 18 * ci, 24, 4);
            g.setColor(Color.BLACK);
            g.drawString(conditions.get(ci), LEFT + 32, ly + 18 * ci + 7);
        }
        g.dispose();
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * One metric's panel: its left edge {@code x0} in pixels, its value range {@code lo..hi} (the
     * means of every condition and SNR, padded by 5 %) and its SNR range {@code sLo..sHi} in dB.
     */
    private record Panel(String metric, int x0, double lo, double hi, double sLo, double sHi) {
        static Panel of(EvalResults results, String metric, int x0) {
            List<Double> snrs = results.snrs();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String c : results.conditions()) {
                for (double s : snrs) {
                    double v = results.mean(metric, c, e -> e.snrDb() == s)[0];
                    if (!Double.isNaN(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double pad = 0.05 * (hi - lo);
            double sLo = snrs.get(0);
            double sHi = snrs.size() > 1 ? snrs.get(snrs.size() - 1) : sLo + 1;
            return new Panel(metric, x0, lo - pad, hi + pad, sLo, sHi);
        }

        int x(double snrDb) {
            return x0 + (int) Math.round(W * (snrDb - sLo) / (sHi - sLo));
        }

        int y(double value) {
            return TOP + (int) Math.round(H * (hi - value) / (hi - lo));
        }
    }

    /** Title, frame, value grid and labels, SNR ticks. */
    private static void drawAxes(Graphics2D g, Panel panel, List<Double> snrs) {
        int x0 = panel.x0();
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(panel.metric() + " vs input SNR", x0, TOP - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(x0, TOP, W, H);
        double yStep = niceStep((panel.hi() - panel.lo()) / 6);
        for (double v = Math.ceil(panel.lo() / yStep) * yStep; v <= panel.hi(); v += yStep) {
            int py = panel.y(v);
            g.setColor(new Color(0xe8, 0xe8, 0xe8));
            g.drawLine(x0 + 1, py, x0 + W - 1, py);
            g.setColor(Color.BLACK);
            String label = yStep < 0.1 ? String.format(Locale.ROOT, "%.2f", v) : yStep < 1
                    ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
            g.drawString(label, x0 - 6 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        for (double s : snrs) {
            int px = panel.x(s);
            g.drawLine(px, TOP + H, px, TOP + H + 4);
            String label = String.format(Locale.ROOT, "%.0f", s);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + H + 17);
        }
        g.drawString("input SNR (dB)", x0 + W / 2 - 35, TOP + H + 34);
    }

    /** One condition's means, a dot per SNR, joined where neighbours both have a value. */
    private static void drawLine(Graphics2D g, Panel panel, EvalResults results, String condition, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int prevX = -1;
        int prevY = -1;
        for (double s : results.snrs()) {
            double v = results.mean(panel.metric(), condition, e -> e.snrDb() == s)[0];
            if (Double.isNaN(v)) {
                prevX = -1;
                continue;
            }
            int px = panel.x(s);
            int py = panel.y(v);
            g.fillOval(px - 3, py - 3, 7, 7);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, px, py);
            }
            prevX = px;
            prevY = py;
        }
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }
}
