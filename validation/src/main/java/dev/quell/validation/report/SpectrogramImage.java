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
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Stacked spectrograms (e.g. noisy / enhanced / clean) of one file as a labelled PNG: power in
 * dB on a common scale (the loudest cell of all panels is 0 dB, 80 dB shown), log-frequency axis
 * from 50 Hz to Nyquist, time in seconds, a colour bar. STFT: Hann window of about 21 ms, 75 %
 * overlap (JTransforms FFT).
 */
public final class SpectrogramImage {
    private static final int PLOT_W = 900;
    private static final int PANEL_H = 170;
    private static final int LEFT = 70;
    private static final int RIGHT = 90;
    private static final int TOP = 52;
    private static final int GAP = 34;
    private static final int BOTTOM = 40;
    private static final double RANGE_DB = 80;
    private static final double F_MIN = 50;

    private SpectrogramImage() {
    }

    /**
     * @param title image title
     * @param labels panel labels, one per signal
     * @param signals signals (same rate; lengths may differ)
     * @param rate sample rate in Hz
     * @param png output file (written atomically)
     * @throws IOException if writing fails
     */
    public static void write(String title, List<String> labels, List<float[]> signals, int rate, Path png)
            throws IOException {
        Stft stft = new Stft(rate);
        double[][][] spec = new double[signals.size()][][];
        double max = -1e300;
        double seconds = 0;
        for (int s = 0; s < signals.size(); s++) {
            spec[s] = stft.powerDb(signals.get(s));
            for (double[] frame : spec[s]) {
                for (double db : frame) {
                    max = Math.max(max, db);
                }
            }
            seconds = Math.max(seconds, signals.get(s).length / (double) rate);
        }
        int height = TOP + signals.size() * (PANEL_H + GAP) - GAP + BOTTOM;
        BufferedImage img = new BufferedImage(LEFT + PLOT_W + RIGHT, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 20);
        for (int s = 0; s < signals.size(); s++) {
            int y0 = TOP + s * (PANEL_H + GAP);
            paintPanel(img, stft, spec[s], signals.get(s).length, y0, seconds, max - RANGE_DB);
            drawFrequencyAxis(g, labels.get(s), y0, rate / 2.0);
        }
        drawTimeAxis(g, TOP + signals.size() * (PANEL_H + GAP) - GAP, seconds);
        drawColourBar(img, g, height);
        g.dispose();
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** The analysis: Hann window of about 21 ms (a power of two), hop a quarter of it. */
    private static final class Stft {
        final int rate;
        final int n;
        final int hop;
        final double[] window;
        final DoubleFFT_1D fft;

        Stft(int rate) {
            this.rate = rate;
            n = Integer.highestOneBit(Math.max(64, (int) (rate * 0.021))) * 2;
            hop = n / 4;
            window = new double[n];
            for (int i = 0; i < n; i++) {
                window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
            }
            fft = new DoubleFFT_1D(n);
        }

        /** @return power in dB, [frame][bin 0..n/2]; at least one (zero-padded) frame */
        double[][] powerDb(float[] x) {
            int frames = Math.max(1, (x.length - n) / hop + 1);
            double[][] spec = new double[frames][n / 2 + 1];
            double[] buf = new double[n];
            for (int t = 0; t < frames; t++) {
                for (int i = 0; i < n; i++) {
                    int j = t * hop + i;
                    buf[i] = j < x.length ? x[j] * window[i] : 0;
                }
                fft.realForward(buf);
                for (int k = 0; k <= n / 2; k++) {
                    double re = k == n / 2 ? buf[1] : buf[2 * k];
                    double im = k == 0 || k == n / 2 ? 0 : buf[2 * k + 1];
                    spec[t][k] = 10 * Math.log10(re * re + im * im + 1e-20);
                }
            }
            return spec;
        }
    }

    /**
     * Colours one panel: a pixel column per time step, rows on the log-frequency axis (bins
     * interpolated linearly), {@code floorDb} black to {@code floorDb + RANGE_DB} full scale.
     */
    private static void paintPanel(BufferedImage img, Stft stft, double[][] sp, int length, int y0, double seconds,
                                   double floorDb) {
        int n = stft.n;
        double fMax = stft.rate / 2.0;
        double binHz = stft.rate / (double) n;
        double samplesPerPixel = seconds * stft.rate / PLOT_W;
        for (int px = 0; px < PLOT_W; px++) {
            if (px * samplesPerPixel >= length) {
                continue;
            }
            int t = (int) Math.min(sp.length - 1, Math.max(0, (px * samplesPerPixel - n / 2.0) / stft.hop));
            for (int py = 0; py < PANEL_H; py++) {
                double f = F_MIN * Math.pow(fMax / F_MIN, 1 - (py + 0.5) / PANEL_H);
                double kf = f / binHz;
                int k = (int) kf;
                double frac = kf - k;
                double db = k + 1 <= n / 2 ? sp[t][k] * (1 - frac) + sp[t][k + 1] * frac : sp[t][n / 2];
                img.setRGB(LEFT + px, y0 + py, Colormap.rgb((db - floorDb) / RANGE_DB));
            }
        }
    }

    /** The panel's frame, its label and its frequency ticks (100 Hz to 10 kHz, below Nyquist). */
    private static void drawFrequencyAxis(Graphics2D g, String label, int y0, double fMax) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, y0, PLOT_W, PANEL_H);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(label, LEFT + 4, y0 - 5);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double f : new double[] {100, 300, 1000, 3000, 10000}) {
            if (f >= fMax) {
                continue;
            }
            int py = y0 + (int) Math.round(PANEL_H * (1 - Math.log(f / F_MIN) / Math.log(fMax / F_MIN)));
            g.drawLine(LEFT - 4, py, LEFT, py);
            String tick = f >= 1000 ? String.format(Locale.ROOT, "%.0fk", f / 1000) : String.format(Locale.ROOT, "%.0f", f);
            g.drawString(tick, LEFT - 8 - g.getFontMetrics().stringWidth(tick), py + 4);
        }
        g.rotate(-Math.PI / 2);
        g.drawString("frequency (Hz)", -(y0 + PANEL_H / 2 + 40), 14);
        g.rotate(Math.PI / 2);
    }

    /** Second ticks under the last panel (every 0.5, 1 or 2 s by length). */
    private static void drawTimeAxis(Graphics2D g, int yAxis, double seconds) {
        double step = seconds > 8 ? 2 : seconds > 3 ? 1 : 0.5;
        for (double s = 0; s <= seconds + 1e-9; s += step) {
            int px = LEFT + (int) Math.round(PLOT_W * s / seconds);
            g.drawLine(px, yAxis, px, yAxis + 4);
            String label = String.format(Locale.ROOT, step < 1 ? "%.1f" : "%.0f", s);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, yAxis + 16);
        }
        g.drawString("time (s)", LEFT + PLOT_W / 2 - 20, yAxis + 32);
    }

    /** The colour scale right of the panels, 0 to −{@value #RANGE_DB} dB. */
    private static void drawColourBar(BufferedImage img, Graphics2D g, int height) {
        int cbX = LEFT + PLOT_W + 20;
        int cbH = height - TOP - BOTTOM;
        for (int py = 0; py < cbH; py++) {
            int rgb = Colormap.rgb(1 - py / (double) cbH);
            for (int px = 0; px < 14; px++) {
                img.setRGB(cbX + px, TOP + py, rgb);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(cbX, TOP, 14, cbH);
        for (int db = 0; db <= RANGE_DB; db += 20) {
            int py = TOP + (int) Math.round(cbH * db / RANGE_DB);
            g.drawLine(cbX + 14, py, cbX + 18, py);
            g.drawString("-" + db + " dB", cbX + 20, py + 4);
        }
    }
}
