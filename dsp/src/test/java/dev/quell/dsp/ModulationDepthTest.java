package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModulationDepthTest {
    private static final int B = FrameFormat.BANDS;

    /** A feature frame whose log band energies are all {@code level}. */
    private static float[] frame(double level) {
        float[] f = new float[Features.COUNT];
        for (int b = 0; b < B; b++) {
            f[Features.ENERGY + b] = (float) level;
        }
        f[Features.COHERENCE] = 0.5f; // only the energies may be read
        return f;
    }

    /** Mean output over bands after {@code frames} frames of level(t). */
    private static double depthAfter(int frames, java.util.function.IntToDoubleFunction level) {
        ModulationDepth m = new ModulationDepth();
        float[] out = new float[B];
        for (int t = 0; t < frames; t++) {
            m.update(frame(level.applyAsDouble(t)), out, 0);
        }
        double s = 0;
        for (float v : out) {
            s += v;
        }
        return s / B;
    }

    @Test
    void firstFrameAndASteadyLevelGiveZero() {
        ModulationDepth m = new ModulationDepth();
        float[] out = new float[B];
        for (int t = 0; t < 200; t++) {
            m.update(frame(-1.5), out, 0);
            for (float v : out) {
                assertEquals(0f, v, 1e-6f, "frame " + t);
            }
        }
    }

    @Test
    void syllableRateModulationStandsFarAboveHeldNotes() {
        // ±0.5 log10 units (±5 dB) at 4 Hz, as syllables; the amplitude in log10 units is 0.5
        double syllables = depthAfter(300, t -> -2 + 0.5 * Math.sin(2 * Math.PI * 4 * t / 100.0));
        assertEquals(0.5, syllables, 0.12, "4 Hz modulation");
        // notes held for a second each, the same ±5 dB apart
        double notes = depthAfter(300, t -> -2 + ((t / 100) % 2 == 0 ? 0.5 : -0.5));
        double held = depthAfter(300, t -> -2 + 0.5 * Math.sin(2 * Math.PI * 0.5 * t / 100.0));
        assertTrue(notes < 0.25 * syllables, "held notes " + notes + " against syllables " + syllables);
        // the band-pass passes 1/√(1 + Q²(0.1 − 10)²) ≈ 0.14 of a 0.5 Hz swell
        assertTrue(held < 0.2 * syllables, "0.5 Hz swell " + held + " against syllables " + syllables);
        // a frame-to-frame flicker (50 Hz, above the band) counts for little too
        double flicker = depthAfter(300, t -> -2 + (t % 2 == 0 ? 0.5 : -0.5));
        assertTrue(flicker < 0.25 * syllables, "flicker " + flicker);
    }

    @Test
    void levelsBelowTheEnergyFloorDoNotCount() {
        double below = depthAfter(300, t -> ModulationDepth.ENERGY_FLOOR - 3 + 2 * Math.sin(2 * Math.PI * 4 * t / 100.0));
        assertEquals(0.0, below, 1e-6);
    }

    @Test
    void resetForgetsTheHistory() {
        ModulationDepth a = new ModulationDepth();
        ModulationDepth b = new ModulationDepth();
        float[] da = new float[B];
        float[] db = new float[B];
        Random r = new Random(4);
        for (int t = 0; t < 100; t++) {
            a.update(frame(-3 + r.nextDouble()), da, 0);
        }
        a.reset();
        Random r1 = new Random(5);
        Random r2 = new Random(5);
        for (int t = 0; t < 200; t++) {
            a.update(frame(-3 + r1.nextDouble()), da, 0);
            b.update(frame(-3 + r2.nextDouble()), db, 0);
            assertArrayEquals(db, da, 0f);
        }
    }

    @Test
    void updateAllocatesNothing() {
        ModulationDepth m = new ModulationDepth();
        float[] f = frame(-3);
        float[] out = new float[Features.COUNT + B];
        double bytes = TestSignals.bytesPerCall(() -> m.update(f, out, Features.COUNT), 20_000, 10_000);
        assertEquals(0.0, bytes, 0.0);
    }
}
