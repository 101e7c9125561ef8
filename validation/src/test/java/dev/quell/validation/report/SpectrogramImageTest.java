package dev.quell.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrogramImageTest {
    @TempDir
    Path dir;

    @Test
    void aToneIsDrawnAtItsFrequencyAndOnlyWhileItLasts() throws IOException {
        int rate = 16_000;
        Random r = new Random(3);
        float[] noise = new float[2 * rate];
        float[] tone = new float[3 * rate / 2];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.1 * r.nextGaussian());
        }
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        Path png = dir.resolve("spec.png");
        SpectrogramImage.write("test", List.of("noise", "tone"), List.of(noise, tone), rate, png);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(70 + 900 + 90, img.getWidth());
        assertEquals(52 + 2 * (170 + 34) - 34 + 40, img.getHeight());
        // second panel: rows 256..425; 1 kHz on the log axis from 50 Hz to 8 kHz is row 326
        int column = 70 + 300; // 0.67 s, inside the tone
        int brightest = -1;
        double best = -1;
        for (int y = 256; y < 256 + 170; y++) {
            double v = luminance(img.getRGB(column, y));
            if (v > best) {
                best = v;
                brightest = y;
            }
        }
        assertTrue(Math.abs(brightest - 326) <= 2, "brightest row " + brightest);
        assertTrue(luminance(img.getRGB(column, 256 + 20)) < 0.1, "far from the tone the panel is dark");
        // past the tone's 1.5 s (of 2 s) the panel stays white
        assertTrue(luminance(img.getRGB(70 + 800, 326)) > 0.99, "no colour after the tone ends");
    }

    private static double luminance(int rgb) {
        int red = (rgb >> 16) & 0xFF;
        int green = (rgb >> 8) & 0xFF;
        int blue = rgb & 0xFF;
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
    }
}
