package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stereo files made from one mono file get, in each channel, the treatment of that mono file
 * (issue: the analysis used to see the mid signal, which cancels when the channels are
 * polarity-inverted). Floors: level within 0.5 dB and SI-SDR at least 30 dB against the mono
 * result, at 48 kHz (exact in practice) and at 16 kHz (through the host-rate resamplers).
 */
class StereoLinkTest {
    private static final double MIN_SI_SDR = 30.0;
    private static final double MAX_LEVEL_DB = 0.5;

    private static float[] render(int rate, float[] mono) {
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.prepare(rate, 512, 1);
        return OfflineRenderer.render(e, new float[][] {mono}, 512, null)[0];
    }

    private static float[][] render(int rate, float[] left, float[] right) {
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.prepare(rate, 512, 2);
        return OfflineRenderer.render(e, new float[][] {left, right}, 512, null);
    }

    private static float[] scaled(float[] x, float g) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = g * x[i];
        }
        return y;
    }

    /** SI-SDR of estimate against reference, dB (Le Roux et al. 2019). */
    private static double siSdr(float[] reference, float[] estimate) {
        double dot = 0;
        double rr = 0;
        for (int i = 0; i < reference.length; i++) {
            dot += (double) reference[i] * estimate[i];
            rr += (double) reference[i] * reference[i];
        }
        double a = dot / rr;
        double target = 0;
        double error = 0;
        for (int i = 0; i < reference.length; i++) {
            double t = a * reference[i];
            double d = estimate[i] - t;
            target += t * t;
            error += d * d;
        }
        return 10 * Math.log10(target / Math.max(error, 1e-30));
    }

    private static void assertTreatedAs(float[] expected, float[] actual, String what) {
        double level = 10 * Math.log10(TestModels.energy(actual, 0, actual.length)
                / TestModels.energy(expected, 0, expected.length));
        double sdr = siSdr(expected, actual);
        assertTrue(Math.abs(level) <= MAX_LEVEL_DB, what + ": level " + level + " dB against the mono result");
        assertTrue(sdr >= MIN_SI_SDR, what + ": SI-SDR " + sdr + " dB against the mono result");
    }

    private static void assertSilent(float[] actual, float[] reference, String what) {
        double rel = 10 * Math.log10(TestModels.energy(actual, 0, actual.length) / TestModels.energy(reference, 0, reference.length) + 1e-30);
        assertTrue(rel < -120, what + ": the silent channel is at " + rel + " dB");
    }

    /** Speech-like signal in steady noise, 3 s. */
    private static float[] noisySpeech(int rate) {
        float[] s = TestModels.speechLike(21, 3 * rate, rate);
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < s.length; i++) {
            s[i] += (float) (0.02 * r.nextGaussian());
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 16000})
    void eachChannelIsTreatedAsTheMonoFileItWasMadeFrom(int rate) {
        float[] x = noisySpeech(rate);
        float[] y = render(rate, x);
        float[] silence = new float[x.length];
        UnaryOperator<float[]> negate = v -> scaled(v, -1f);

        float[][] inPhase = render(rate, x, x);
        assertTreatedAs(y, inPhase[0], "in phase, left");
        assertTreatedAs(y, inPhase[1], "in phase, right");

        float[][] inverted = render(rate, x, negate.apply(x));
        assertTreatedAs(y, inverted[0], "polarity-inverted, left");
        assertTreatedAs(negate.apply(y), inverted[1], "polarity-inverted, right");
        if (rate == 48000) {
            assertEquals(siSdr(y, inverted[0]), siSdr(y, inPhase[0]), 0.0, "at 48 kHz the inverted pair is treated bit for bit as the mono file");
        }

        float[][] leftSilent = render(rate, silence, x);
        assertSilent(leftSilent[0], y, "left silent, left");
        assertTreatedAs(y, leftSilent[1], "left silent, right");

        float[][] hardLeft = render(rate, x, silence);
        assertTreatedAs(y, hardLeft[0], "hard left, left");
        assertSilent(hardLeft[1], y, "hard left, right");

        // panned 0.9 / 0.2: both channels follow the louder one, so each is the mono result of the
        // louder channel's signal, scaled by its pan gain
        float[] louder = render(rate, scaled(x, 0.9f));
        float[][] panned = render(rate, scaled(x, 0.9f), scaled(x, 0.2f));
        assertTreatedAs(louder, panned[0], "panned, left");
        assertTreatedAs(scaled(louder, 0.2f / 0.9f), panned[1], "panned, right");
    }
}
