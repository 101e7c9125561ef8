package dev.quell.validation.report;

import java.awt.Color;

/** A perceptually ordered dark-to-bright colour scale (black, purple, red, orange, pale yellow). */
final class Colormap {
    private static final float[][] ANCHORS = {
        {0f, 0f, 4f}, {40f, 11f, 84f}, {101f, 21f, 110f}, {159f, 42f, 99f},
        {212f, 72f, 66f}, {245f, 125f, 21f}, {250f, 193f, 39f}, {252f, 255f, 164f}};

    private Colormap() {
    }

    /** @param t position 0..1 (clamped) @return the colour as RGB int */
    static int rgb(double t) {
        double x = Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
        int i = Math.min(ANCHORS.length - 2, (int) x);
        double f = x - i;
        int r = (int) Math.round(ANCHORS[i][0] + f * (ANCHORS[i + 1][0] - ANCHORS[i][0]));
        int g = (int) Math.round(ANCHORS[i][1] + f * (ANCHORS[i + 1][1] - ANCHORS[i][1]));
        int b = (int) Math.round(ANCHORS[i][2] + f * (ANCHORS[i + 1][2] - ANCHORS[i][2]));
        return new Color(r, g, b).getRGB();
    }
}
