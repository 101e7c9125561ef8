package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.Features;
import dev.quell.dsp.FrameFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LevelShiftTest {
    /** A voiced-speech-like test signal (160 Hz harmonics, slow envelope) in white noise, 2 s. */
    private static float[][] mixture() {
        int n = 2 * FrameFormat.SAMPLE_RATE;
        Random r = new Random(11);
        float[] clean = new float[n];
        float[] noisy = new float[n];
        for (int i = 0; i < n; i++) {
            double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * i / 48_000.0);
            for (int h = 1; h < 20; h++) {
                clean[i] += (float) (0.02 * env * Math.sin(2 * Math.PI * h * 160 * i / 48_000.0) / h);
            }
            noisy[i] = clean[i] + (float) (0.005 * r.nextGaussian());
        }
        return new float[][] {clean, noisy};
    }

    private static float[] flat(float[][] frames) {
        int nf = frames[0].length;
        float[] out = new float[frames.length * nf];
        for (int t = 0; t < frames.length; t++) {
            System.arraycopy(frames[t], 0, out, t * nf, nf);
        }
        return out;
    }

    @Test
    void shiftedFeaturesMatchTheFeaturesOfScaledAudio() {
        float[][] m = mixture();
        TargetExtractor.Frames base = TargetExtractor.extract(m[0], m[1], 20_000, 2);
        int frames = base.features().length;
        int nf = Features.COUNT;
        for (double db : new double[] {-20, 25}) {
            float a = (float) Math.pow(10, db / 20);
            float[] clean = m[0].clone();
            float[] noisy = m[1].clone();
            for (int i = 0; i < clean.length; i++) {
                clean[i] *= a;
                noisy[i] *= a;
            }
            TargetExtractor.Frames scaled = TargetExtractor.extract(clean, noisy, 20_000, 2);
            float[] shifted = new float[frames * nf];
            new LevelShift(-30, 30).apply(flat(base.features()), 0, frames, nf, db, shifted, 0);
            double energyErr = 0;
            double otherErr = 0;
            double gainErr = 0;
            for (int t = 0; t < frames; t++) {
                for (int j = 0; j < nf; j++) {
                    double want = scaled.features()[t][j];
                    double got = shifted[t * nf + j];
                    if (j < FrameFormat.BANDS) {
                        energyErr = Math.max(energyErr, Math.abs(got - want));
                        // the shift moves the energies by exactly db/10 in bands well above the floor
                        assertEquals(base.features()[t][j] + db / 10, got, 1e-4);
                    } else {
                        otherErr = Math.max(otherErr, Math.abs(got - want));
                    }
                }
                for (int b = 0; b < FrameFormat.BANDS; b++) {
                    if (base.gains()[t][b] < 1e-3) {
                        continue; // no clean content (above the harmonics): r is numerical noise there
                    }
                    gainErr = Math.max(gainErr, Math.abs(base.gains()[t][b] - scaled.gains()[t][b]));
                    gainErr = Math.max(gainErr, Math.abs(base.strengths()[t][b] - scaled.strengths()[t][b]));
                }
            }
            assertTrue(energyErr < 2e-3, db + " dB: log-energy error " + energyErr);
            assertTrue(otherErr < 2e-3, db + " dB: coherence/pitch error " + otherErr);
            assertTrue(gainErr < 2e-3, db + " dB: target error " + gainErr);
        }
    }

    @Test
    void theEnergyFloorStaysAtTheFloorAndOtherFeaturesAreCopied() {
        int nf = Features.COUNT;
        float[] raw = new float[2 * nf];
        for (int j = 0; j < raw.length; j++) {
            raw[j] = 0.25f + j % nf * 0.001f;
        }
        raw[3] = (float) Math.log10(Features.ENERGY_FLOOR); // an empty band
        float[] out = new float[2 * nf + 5];
        new LevelShift(0, 0).apply(raw, 0, 2, nf, 30, out, 5);
        assertEquals(Math.log10(Features.ENERGY_FLOOR), out[5 + 3], 1e-6);
        assertEquals(raw[4] + 3, out[5 + 4], 1e-5);
        for (int j = FrameFormat.BANDS; j < nf; j++) {
            assertEquals(raw[j], out[5 + j]);
            assertEquals(raw[nf + j], out[5 + nf + j]);
        }
    }

    @Test
    void drawsStayInTheRangeAndBadRangesAreRejected() {
        LevelShift s = LevelShift.parse("-5, 20");
        Random r = new Random(3);
        double lo = 99;
        double hi = -99;
        for (int i = 0; i < 1000; i++) {
            double d = s.draw(r);
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        assertTrue(lo >= -5 && lo < -4 && hi <= 20 && hi > 19, lo + ".." + hi);
        assertThrows(IllegalArgumentException.class, () -> LevelShift.parse("20,-5"));
        assertThrows(IllegalArgumentException.class, () -> LevelShift.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> LevelShift.parse("a,b"));
    }
}
