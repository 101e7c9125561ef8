package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseFloorTest {
    private static final int B = FrameFormat.BANDS;

    /** A feature frame whose log band energies are level + a uniform jitter of ±jitter (log10 units). */
    private static float[] frame(double level, double jitter, Random r) {
        float[] f = new float[Features.COUNT];
        for (int b = 0; b < B; b++) {
            f[Features.ENERGY + b] = (float) (level + jitter * (2 * r.nextDouble() - 1));
        }
        f[Features.COHERENCE] = 0.5f; // the tracker must read only the energies
        return f;
    }

    private static double mean(float[] d) {
        double s = 0;
        for (int b = 0; b < B; b++) {
            s += d[b];
        }
        return s / B;
    }

    @Test
    void firstFrameIsZeroAndStationaryNoiseStaysNearTheFloor() {
        NoiseFloor nf = new NoiseFloor();
        Random r = new Random(1);
        float[] d = new float[B];
        nf.update(frame(-3, 0.3, r), d, 0);
        for (float v : d) {
            assertEquals(0f, v, 0f);
        }
        double worst = 0;
        for (int t = 1; t < 600; t++) {
            nf.update(frame(-3, 0.3, r), d, 0);
            if (t > 250) {
                worst = Math.max(worst, Math.abs(mean(d)));
                for (float v : d) {
                    assertTrue(v > -0.35 && v < 0.75, "stationary noise at frame " + t + ": " + v);
                }
            }
        }
        assertTrue(worst < 0.45, "mean distance in stationary noise " + worst);
    }

    @Test
    void speechBurstsStandAboveTheFloor() {
        NoiseFloor nf = new NoiseFloor();
        Random r = new Random(2);
        float[] d = new float[B];
        for (int t = 0; t < 1000; t++) {
            boolean speech = t > 300 && (t / 40) % 2 == 0; // 400 ms on, 400 ms off
            nf.update(frame(speech ? -1 : -3, 0.2, r), d, 0);
            if (t > 300 && t % 40 == 20) {
                double m = mean(d);
                if (speech) {
                    assertEquals(2.1, m, 0.3, "20 dB speech over the noise at frame " + t);
                } else {
                    assertEquals(0.1, m, 0.3, "pause at frame " + t);
                }
            }
        }
    }

    @Test
    void followsAFallingNoiseAtOnceAndARisingOneWithinTheWindow() {
        NoiseFloor nf = new NoiseFloor();
        float[] quiet = frame(-4, 0, new Random(3));
        float[] loud = frame(-2, 0, new Random(3));
        float[] d = new float[B];
        for (int t = 0; t < 300; t++) {
            nf.update(loud, d, 0);
        }
        // the smoothed energy reaches the new, lower level within about 25 frames
        for (int t = 0; t < 40; t++) {
            nf.update(quiet, d, 0);
        }
        assertEquals(0.0, mean(d), 0.01);
        // a rise reads as being above the floor until the old minimum leaves the 2 s window
        int window = NoiseFloor.SUBWINDOWS * NoiseFloor.SUBWINDOW_FRAMES;
        for (int t = 0; t < window - NoiseFloor.SUBWINDOW_FRAMES - 40; t++) {
            nf.update(loud, d, 0);
        }
        assertEquals(2.0, mean(d), 0.01);
        for (int t = 0; t < window; t++) {
            nf.update(loud, d, 0);
        }
        assertEquals(0.0, mean(d), 0.01);
    }

    @Test
    void resetForgetsHistory() {
        NoiseFloor a = new NoiseFloor();
        NoiseFloor b = new NoiseFloor();
        Random r = new Random(4);
        float[] da = new float[B];
        float[] db = new float[B];
        for (int t = 0; t < 100; t++) {
            a.update(frame(-1, 1, r), da, 0);
        }
        a.reset();
        Random r1 = new Random(5);
        Random r2 = new Random(5);
        for (int t = 0; t < 300; t++) {
            a.update(frame(-3, 0.5, r1), da, 0);
            b.update(frame(-3, 0.5, r2), db, 0);
            assertArrayEquals(db, da, 0f);
        }
    }

    @Test
    void updateAllocatesNothing() {
        NoiseFloor nf = new NoiseFloor();
        float[] f = frame(-3, 0.3, new Random(7));
        float[] out = new float[Features.COUNT + B];
        double bytes = TestSignals.bytesPerCall(() -> nf.update(f, out, Features.COUNT), 20_000, 10_000);
        assertEquals(0.0, bytes, 0.0);
    }
}
