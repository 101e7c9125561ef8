package dev.quell.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OpeningResidualTest {
    private static final int RATE = 16_000;

    /** 0.3 s of silence, then 1 s of a tone at amplitude 0.1 (mean square 0.005). */
    private static float[] clean() {
        float[] x = new float[(int) (1.3 * RATE)];
        for (int i = (int) (0.3 * RATE); i < x.length; i++) {
            x[i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return x;
    }

    private static float[] withNoise(float[] clean, double rms, int until) {
        float[] y = clean.clone();
        Random r = new Random(1);
        for (int i = 0; i < until; i++) {
            y[i] += (float) (rms * Math.sqrt(3) * (2 * r.nextDouble() - 1));
        }
        return y;
    }

    @Test
    void givesTheOpeningsLevelRelativeToTheSpeech() {
        float[] c = clean();
        // noise 20 dB below the tone's mean square over the whole signal
        double rms = Math.sqrt(0.005 / 100);
        assertEquals(-20.0, OpeningResidual.compute(c, withNoise(c, rms, c.length), RATE), 0.3);
        // noise only in the first 0.1 s: a third of the 0.28 s opening
        assertEquals(-20.0 + 10 * Math.log10(0.1 / 0.28), OpeningResidual.compute(c, withNoise(c, rms, RATE / 10), RATE), 0.4);
        // the speech itself does not count
        assertEquals(OpeningResidual.FLOOR_DB, OpeningResidual.compute(c, c, RATE));
    }

    @Test
    void noOpeningNoSpeechOrAShortOpeningGiveNaN() {
        float[] tone = new float[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) Math.sin(i * 0.1);
        }
        assertTrue(Double.isNaN(OpeningResidual.compute(tone, tone, RATE)));
        assertTrue(Double.isNaN(OpeningResidual.compute(new float[RATE], new float[RATE], RATE)));
        float[] short60ms = new float[RATE];
        for (int i = 6 * RATE / 100; i < short60ms.length; i++) {
            short60ms[i] = 0.1f;
        }
        assertTrue(Double.isNaN(OpeningResidual.compute(short60ms, short60ms, RATE)), "4 frames after the guard");
        float[] c = clean();
        assertThrows(IllegalArgumentException.class, () -> OpeningResidual.compute(c, new float[10], RATE));
    }
}
