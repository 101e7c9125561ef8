package dev.quell.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnrPlotTest {
    private static final int GREY = 0x555555;
    private static final int BLUE = 0x1f77b4;
    private static final int ORANGE = 0xff7f0e;

    @TempDir
    Path dir;

    @Test
    void eachConditionIsALineInItsColourWithAGapWhereAValueIsMissing() throws IOException {
        EvalResults r = new EvalResults();
        double[] snrs = {-5, 0, 5, 10, 20};
        String[] conditions = {"noisy", "Quell L=2", "oracle"};
        for (int c = 0; c < conditions.length; c++) {
            for (int i = 0; i < snrs.length; i++) {
                if (c == 2 && i == 2) {
                    continue; // the oracle has no value at 5 dB
                }
                r.add("f" + i, conditions[c], 48_000, snrs[i], "", Map.of("STOI", 0.6 + 0.02 * i + 0.05 * c));
            }
        }
        Path png = dir.resolve("snr.png");
        SnrPlot.write(r, List.of("STOI"), png);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(60 + 420 + 70, img.getWidth());
        assertEquals(40 + 300 + 50 + 18 * 3 + 10, img.getHeight());
        // panel x from 60 (−5 dB) to 480 (20 dB); 5 dB is x = 228, 20 dB x = 480
        int at5 = 228;
        int at20 = 479;
        int[] column5 = colours(img, at5);
        int[] column20 = colours(img, at20);
        assertTrue(has(column20, ORANGE) && has(column20, BLUE) && has(column20, GREY), "every line reaches 20 dB");
        assertTrue(has(column5, BLUE) && has(column5, GREY), "noisy and Quell at 5 dB");
        assertFalse(has(column5, ORANGE), "no oracle dot or line at 5 dB");
        // higher values are drawn higher: the oracle above Quell above noisy at 20 dB
        assertTrue(first(column20, ORANGE) < first(column20, BLUE) && first(column20, BLUE) < first(column20, GREY));
    }

    /** Colours of the plot area's rows (40..340) in one pixel column. */
    private static int[] colours(BufferedImage img, int x) {
        int[] c = new int[300];
        for (int y = 0; y < 300; y++) {
            c[y] = img.getRGB(x, 40 + y) & 0xFFFFFF;
        }
        return c;
    }

    private static boolean has(int[] column, int rgb) {
        return first(column, rgb) >= 0;
    }

    private static int first(int[] column, int rgb) {
        for (int y = 0; y < column.length; y++) {
            if (column[y] == rgb) {
                return y;
            }
        }
        return -1;
    }
}
