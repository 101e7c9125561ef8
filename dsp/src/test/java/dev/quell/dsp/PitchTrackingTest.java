package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pitch on synthetic voiced signals with known f0 in 0 dB noise. A frame is a gross error when
 * the period found is more than 20 % off the true one (the usual gross-pitch-error definition);
 * the issue asks for fewer than 5 % such frames.
 */
class PitchTrackingTest {
    static double grossErrorRate(double f0, boolean babble, int lookahead, long seed) {
        int n = 3 * FrameFormat.SAMPLE_RATE;
        double[] contour = TestSignals.pitchContour(n, f0);
        float[] voiced = TestSignals.harmonic(contour, seed);
        float[] noise = babble ? TestSignals.babble(n, seed + 100) : TestSignals.whiteNoise(n, 1, seed + 100);
        float[] x = TestSignals.mix(voiced, noise, 0.0);
        FrameChain chain = new FrameChain(lookahead);
        int frames = n / FrameFormat.HOP;
        int errors = 0;
        int counted = 0;
        for (int t = 0; t < frames; t++) {
            chain.analyze(x, t * FrameFormat.HOP);
            chain.prepareOutputFrame();
            int j = t - lookahead;
            if (j < 10) {
                continue; // warm-up
            }
            double trueF0 = contour[j * FrameFormat.HOP];
            double truePeriod = FrameFormat.SAMPLE_RATE / trueF0;
            double err = Math.abs(chain.outputPeriod() - truePeriod) / truePeriod;
            counted++;
            if (err > 0.2) {
                errors++;
            }
        }
        return errors / (double) counted;
    }

    @ParameterizedTest
    @ValueSource(doubles = {80, 100, 130, 170, 220, 300, 400, 500})
    void whiteNoiseAtZeroDb(double f0) {
        for (int lookahead = 0; lookahead <= 2; lookahead += 2) {
            double gpe = grossErrorRate(f0, false, lookahead, (long) f0);
            System.out.printf("pitch GPE %s f0=%.0f Hz look-ahead=%d: %.3f%n", "white", f0, lookahead, gpe);
            assertTrue(gpe < 0.05, "f0 " + f0 + " Hz, look-ahead " + lookahead + ": GPE " + gpe);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {80, 100, 130, 170, 220, 300, 400, 500})
    void babbleAtZeroDb(double f0) {
        for (int lookahead = 0; lookahead <= 2; lookahead += 2) {
            double gpe = grossErrorRate(f0, true, lookahead, (long) f0 + 1);
            System.out.printf("pitch GPE %s f0=%.0f Hz look-ahead=%d: %.3f%n", "babble", f0, lookahead, gpe);
            assertTrue(gpe < 0.05, "f0 " + f0 + " Hz, look-ahead " + lookahead + ": GPE " + gpe);
        }
    }
}
