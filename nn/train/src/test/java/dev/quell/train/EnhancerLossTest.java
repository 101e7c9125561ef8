package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The loss against values worked out by hand (tag "slow": it needs the PyTorch engine, which
 * DJL unpacks on first use; runs with -Pall-tests as CI does).
 */
@Tag("slow")
class EnhancerLossTest {
    private static final int BANDS = 34;

    /** One example of two frames: label and prediction arrays (1, 2, 34). */
    private static float evaluate(EnhancerLoss loss, float[] g, float[] gHat, float[] mask, float[] energy) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape s = new Shape(1, 2, BANDS);
            float[] r = new float[2 * BANDS];
            NDList labels = new NDList(m.create(g, s), m.create(r, s), m.create(mask, s));
            if (energy != null) {
                labels.add(m.create(energy, s));
            }
            NDList predictions = new NDList(m.create(gHat, s), m.create(r, s));
            return loss.evaluate(labels, predictions).getFloat();
        }
    }

    /** What {@code loss} adds to the perceptual loss alone on {@link #evaluate}'s example. */
    private static float term(EnhancerLoss loss, float[] g, float[] gHat, float[] mask, float[] energy) {
        return evaluate(loss, g, gHat, mask, energy) - evaluate(new EnhancerLoss(), g, gHat, mask, energy);
    }

    private static float[] filled(float v) {
        return filled(2, v);
    }

    /** {@code frames} frames of 34 bands, every value {@code v}. */
    private static float[] filled(int frames, float v) {
        float[] a = new float[frames * BANDS];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void signalTermIsTheLogOfTheErrorRatioAgainstTheUnprocessedInput() {
        float[] g = filled(0.5f);
        g[3] = 1f;
        g[40] = 0.1f;
        float[] mask = filled(1f);
        mask[7] = 0f;
        float[] energy = new float[2 * BANDS];
        for (int i = 0; i < energy.length; i++) {
            energy[i] = 1e-4f * (1 + i % 5);
        }
        float lambda = 0.3f;
        EnhancerLoss perceptual = new EnhancerLoss();
        EnhancerLoss combined = new EnhancerLoss(new LossWeights(lambda, 0f, 0f, 0f, 0f, 0f));

        // a perfect estimate: no perceptual loss, and the error ratio is 0, so the term sits at its floor
        float atTarget = evaluate(combined, g, g, mask, energy);
        assertEquals(lambda * Math.log10(EnhancerLoss.RATIO_FLOOR), atTarget, 1e-5);

        // pass-through (gain 1): D = Σ m E (g-1)^2, N = D + 0.01 Σ m E g^2, worked out in double
        float[] one = filled(1f);
        double d = 0;
        double speech = 0;
        for (int i = 0; i < g.length; i++) {
            d += mask[i] * energy[i] * (g[i] - 1.0) * (g[i] - 1.0);
            speech += mask[i] * energy[i] * g[i] * g[i];
        }
        double expected = lambda * Math.log10(d / (d + EnhancerLoss.SPEECH_FLOOR * speech) + EnhancerLoss.RATIO_FLOOR);
        float diff = evaluate(combined, g, one, mask, energy) - evaluate(perceptual, g, one, mask, energy);
        assertEquals(expected, diff, 1e-5);

        // without the energies (the dev-loss labels) the combined loss is the perceptual one
        assertEquals(evaluate(perceptual, g, one, mask, energy), evaluate(combined, g, one, mask, null), 1e-7);
    }

    @Test
    void signalTermWeighsAnErrorByItsBandEnergyAndIgnoresMaskedBands() {
        float[] g = filled(0.8f);
        float[] mask = filled(1f);
        float[] energy = filled(1e-3f);
        energy[5] = 1f; // one loud band
        mask[9] = 0f;
        float[] loudWrong = g.clone();
        loudWrong[5] = 0.4f;
        float[] quietWrong = g.clone();
        quietWrong[6] = 0.4f;
        EnhancerLoss perceptual = new EnhancerLoss();
        EnhancerLoss combined = new EnhancerLoss(new LossWeights(1f, 0f, 0f, 0f, 0f, 0f));
        // the perceptual loss cannot tell the two errors apart; the signal term can
        assertEquals(evaluate(perceptual, g, loudWrong, mask, energy), evaluate(perceptual, g, quietWrong, mask, energy), 1e-7);
        assertTrue(evaluate(combined, g, loudWrong, mask, energy) > evaluate(combined, g, quietWrong, mask, energy) + 1);
        // an error in a masked band costs nothing
        float[] maskedWrong = g.clone();
        maskedWrong[9] = 0f;
        assertEquals(evaluate(combined, g, g, mask, energy), evaluate(combined, g, maskedWrong, mask, energy), 1e-6);
    }

    @Test
    void rejectsANegativeWeight() {
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(-0.1f, 0f, 0f, 0f, 0f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(Float.NaN, 0f, 0f, 0f, 0f, 0f));
    }

    @Test
    void overAttenuationCostsOnlyWhereTheEstimateIsBelowTheTarget() {
        float[] g = filled(0.64f); // g^0.5 = 0.8
        float[] mask = filled(1f);
        float mu = 2f;
        EnhancerLoss plain = new EnhancerLoss();
        EnhancerLoss weighted = new EnhancerLoss(new LossWeights(0f, mu, 0f, 0f, 0f, 0f));
        float[] low = filled(0.36f); // ĝ^0.5 = 0.6: 0.2 below
        float[] high = filled(0.81f); // ĝ^0.5 = 0.9: 0.1 above
        int n = 2 * BANDS;
        double extraLow = mu * n * 0.04 / (n + 1.0);
        assertEquals(extraLow, evaluate(weighted, g, low, mask, null) - evaluate(plain, g, low, mask, null), 1e-4);
        assertEquals(0, evaluate(weighted, g, high, mask, null) - evaluate(plain, g, high, mask, null), 1e-6);
        float[] none = filled(0f);
        assertEquals(evaluate(plain, g, low, none, null), evaluate(weighted, g, low, none, null), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(0f, -1f, 0f, 0f, 0f, 0f));
    }

    /** As {@link #evaluate} with the SNR head's output snr (two frames) among the predictions. */
    private static float evaluateWithSnr(EnhancerLoss loss, float[] g, float[] mask, float[] energy, float[] snr) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape s = new Shape(1, 2, BANDS);
            float[] r = new float[2 * BANDS];
            NDList labels = new NDList(m.create(g, s), m.create(r, s), m.create(mask, s), m.create(energy, s));
            NDList predictions = new NDList(m.create(g, s), m.create(r, s), m.create(snr, new Shape(1, 2, 1)));
            return loss.evaluate(labels, predictions).getFloat();
        }
    }

    @Test
    void snrTermComparesTheHeadWithTheFrameSnrOfTheLabels() {
        // frame 0: g^2 = 0.5 in every band, speech and noise equal: 0 dB, mapped to 15/50 = 0.3;
        // frame 1: g^2 = 0.9 in the one loud band, g = 0 elsewhere (a thousandth of its energy):
        // 10 log10(0.9 / (0.1 + 32e-3)) = 8.34 dB (32 quiet bands: one more is masked, so its loud
        // speech does not count), mapped to 0.467
        float[] g = new float[2 * BANDS];
        float[] energy = filled(1f);
        float[] mask = filled(1f);
        for (int b = 0; b < BANDS; b++) {
            g[b] = (float) Math.sqrt(0.5);
            energy[BANDS + b] = 1e-3f;
        }
        g[BANDS + 4] = (float) Math.sqrt(0.9);
        energy[BANDS + 4] = 1f;
        g[BANDS + 9] = 1f;
        energy[BANDS + 9] = 50f;
        mask[BANDS + 9] = 0f;
        double t1 = (10 * Math.log10(0.9 / (0.1 + 32e-3)) - FrameSnr.LOW_DB) / (FrameSnr.HIGH_DB - FrameSnr.LOW_DB);
        float nu = 0.5f;
        EnhancerLoss none = new EnhancerLoss();
        EnhancerLoss withSnr = new EnhancerLoss(new LossWeights(0f, 0f, nu, 0f, 0f, 0f));
        float[] right = {0.3f, (float) t1};
        float[] wrong = {0.5f, 0.1f};
        assertEquals(evaluateWithSnr(none, g, mask, energy, right), evaluateWithSnr(withSnr, g, mask, energy, right), 1e-5);
        double expected = nu * ((0.3 - 0.5) * (0.3 - 0.5) + (t1 - 0.1) * (t1 - 0.1)) / 2;
        assertEquals(expected, evaluateWithSnr(withSnr, g, mask, energy, wrong) - evaluateWithSnr(none, g, mask, energy, wrong), 1e-5);
        assertEquals(-15 + 0.3 * 50, FrameSnr.decibels(0.3), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(0f, 0f, -1f, 0f, 0f, 0f));
    }
    /** Frame 0 of {@link #evaluate}'s example set to a, frame 1 to b, in every band. */
    private static float[] frames(float a, float b) {
        float[] x = new float[2 * BANDS];
        java.util.Arrays.fill(x, 0, BANDS, a);
        java.util.Arrays.fill(x, BANDS, 2 * BANDS, b);
        return x;
    }

    @Test
    void pauseTermIsTheLogOfTheEnergyLeftInPausesAgainstTheSpeech() {
        float[] energy = filled(1f);
        float[] mask = filled(1f);
        float kappa = 2f;
        EnhancerLoss none = new EnhancerLoss();
        EnhancerLoss withPause = new EnhancerLoss(new LossWeights(0f, 0f, 0f, kappa, 0f, 0f));
        // frame 0 speech (g = 1), frame 1 a pause 46 dB below it (g = 0.005): the estimate 0.1 in the
        // pause leaves 34 * 0.01 against 34 * (1 + 2.5e-5) of speech
        float[] g = frames(1f, 0.005f);
        float[] gHat = frames(1f, 0.1f);
        double expected = kappa * Math.log10(0.01 / (1 + 2.5e-5) + EnhancerLoss.PAUSE_FLOOR);
        assertEquals(expected, term(withPause, g, gHat, mask, energy), 1e-4);
        // an error in the speech frame does not enter the term
        float[] speechWrong = frames(0.5f, 0.1f);
        assertEquals(expected, term(withPause, g, speechWrong, mask, energy), 1e-4);
        // a silent pause sits at the floor
        float[] silent = frames(1f, 0f);
        double floor = kappa * Math.log10(EnhancerLoss.PAUSE_FLOOR);
        assertEquals(floor, term(withPause, g, silent, mask, energy), 1e-4);
        // a frame 36 dB below the speech (g = 0.015) is weak speech, not a pause: its residual does not count
        float[] weak = frames(1f, 0.015f);
        assertEquals(floor, term(withPause, weak, gHat, mask, energy), 1e-4);
        // masked bands of a pause do not count: only 4 of 34 bands keep 0.1
        float[] partMasked = mask.clone();
        java.util.Arrays.fill(partMasked, BANDS + 4, 2 * BANDS, 0f);
        double fewer = kappa * Math.log10(4 * 0.01 / (34 + 4 * 2.5e-5) + EnhancerLoss.PAUSE_FLOOR);
        assertEquals(fewer, term(withPause, g, gHat, partMasked, energy), 1e-4);
        // an example without speech has no pauses: a constant, whatever the estimate
        float[] noSpeech = filled(0f);
        assertEquals(floor, term(withPause, noSpeech, gHat, mask, energy), 1e-4);
        // without the energies (the dev-loss labels) the term is left out
        assertEquals(evaluate(none, g, gHat, mask, null), evaluate(withPause, g, gHat, mask, null), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(0f, 0f, 0f, -1f, 0f, 0f));
    }

    @Test
    void pauseFactorsWeighEachExamplesPauseTerm() {
        float kappa = 2f;
        EnhancerLoss withPause = new EnhancerLoss(new LossWeights(0f, 0f, 0f, kappa, 0f, 0f));
        EnhancerLoss none = new EnhancerLoss();
        // two examples of two frames: speech then a pause 46 dB below it; the estimate leaves 0.1 in
        // the first example's pause and 0.01 in the second's
        float[] g = new float[4 * BANDS];
        float[] gHat = new float[4 * BANDS];
        for (int e = 0; e < 2; e++) {
            java.util.Arrays.fill(g, 2 * e * BANDS, (2 * e + 1) * BANDS, 1f);
            java.util.Arrays.fill(g, (2 * e + 1) * BANDS, (2 * e + 2) * BANDS, 0.005f);
            java.util.Arrays.fill(gHat, 2 * e * BANDS, (2 * e + 1) * BANDS, 1f);
            java.util.Arrays.fill(gHat, (2 * e + 1) * BANDS, (2 * e + 2) * BANDS, e == 0 ? 0.1f : 0.01f);
        }
        double first = Math.log10(0.01 / (1 + 2.5e-5) + EnhancerLoss.PAUSE_FLOOR);
        double second = Math.log10(1e-4 / (1 + 2.5e-5) + EnhancerLoss.PAUSE_FLOOR);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape s = new Shape(2, 2, BANDS);
            NDList labels = new NDList(m.create(g, s), m.create(new float[4 * BANDS], s), m.create(filled(4, 1f), s),
                    m.create(filled(4, 1f), s));
            NDList predictions = new NDList(m.create(gHat, s), m.create(new float[4 * BANDS], s));
            float base = none.evaluate(labels, predictions).getFloat();
            assertEquals(kappa * (first + second) / 2, withPause.evaluate(labels, predictions).getFloat() - base, 1e-4);
            labels.add(m.create(new float[] {3f, 1f}, new Shape(2)));
            assertEquals(kappa * (3 * first + second) / 2, withPause.evaluate(labels, predictions).getFloat() - base, 1e-4);
            labels.set(4, m.create(new float[] {1f, 1f}, new Shape(2)));
            assertEquals(kappa * (first + second) / 2, withPause.evaluate(labels, predictions).getFloat() - base, 1e-4);
        }
    }

    /** Two examples of two frames each, the first frames {@code a0}, {@code a1}, the second {@code b0}, {@code b1}. */
    private static float[] twoExamples(float a0, float a1, float b0, float b1) {
        float[] v = new float[4 * BANDS];
        float[] levels = {a0, a1, b0, b1};
        for (int f = 0; f < 4; f++) {
            java.util.Arrays.fill(v, f * BANDS, (f + 1) * BANDS, levels[f]);
        }
        return v;
    }

    /** The loss of two examples with energies 1 and the given speech factors (pause factors 1), or none. */
    private static float evaluateTwo(EnhancerLoss loss, float[] g, float[] gHat, float[] speechFactors) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape s = new Shape(2, 2, BANDS);
            NDList labels = new NDList(m.create(g, s), m.create(new float[4 * BANDS], s), m.create(filled(4, 1f), s),
                    m.create(filled(4, 1f), s));
            if (speechFactors != null) {
                labels.add(m.create(new float[] {1f, 1f}, new Shape(2)));
                labels.add(m.create(speechFactors, new Shape(2)));
            }
            NDList predictions = new NDList(m.create(gHat, s), m.create(new float[4 * BANDS], s));
            return loss.evaluate(labels, predictions).getFloat();
        }
    }

    @Test
    void speechFactorsWeighEachExamplesOverAttenuationAndWeakSpeechParts() {
        EnhancerLoss none = new EnhancerLoss();
        // over-attenuation: every band 0.2 below the target (square-root domain) in both examples
        float mu = 2f;
        EnhancerLoss withOverAtt = new EnhancerLoss(new LossWeights(0f, mu, 0f, 0f, 0f, 0f));
        float[] g = filled(4, 0.64f);
        float[] low = filled(4, 0.36f);
        int n = 4 * BANDS;
        float base = evaluateTwo(none, g, low, null);
        assertEquals(mu * n * 0.04 / (n + 1.0), evaluateTwo(withOverAtt, g, low, null) - base, 1e-4);
        assertEquals(mu * n * 0.04 / (n + 1.0), evaluateTwo(withOverAtt, g, low, new float[] {1f, 1f}) - base, 1e-4);
        assertEquals(mu * (3 * n / 2 + n / 2) * 0.04 / (n + 1.0),
                evaluateTwo(withOverAtt, g, low, new float[] {3f, 1f}) - base, 1e-4);
        // weak speech: the first example cuts its weak frame (0.05 to 0.02), the second keeps it
        float omega = 0.5f;
        EnhancerLoss withWeak = new EnhancerLoss(new LossWeights(0f, 0f, 0f, 0f, omega, 0f));
        float[] gw = twoExamples(1f, 0.05f, 1f, 0.05f);
        float[] est = twoExamples(1f, 0.02f, 1f, 0.08f);
        double cut = Math.log10(0.0009 / 0.0025 + EnhancerLoss.WEAK_FLOOR);
        double kept = Math.log10(EnhancerLoss.WEAK_FLOOR);
        float weakBase = evaluateTwo(none, gw, est, null);
        assertEquals(omega * (cut + kept) / 2, evaluateTwo(withWeak, gw, est, null) - weakBase, 1e-4);
        assertEquals(omega * (3 * cut + kept) / 2, evaluateTwo(withWeak, gw, est, new float[] {3f, 1f}) - weakBase,
                1e-4);
        assertEquals(omega * (cut + 2 * kept) / 2, evaluateTwo(withWeak, gw, est, new float[] {1f, 2f}) - weakBase,
                1e-4);
    }

    @Test
    void weakSpeechTermIsTheLogOfTheSpeechCutInWeakFramesAgainstThatSpeech() {
        float[] energy = filled(1f);
        float[] mask = filled(1f);
        float omega = 0.5f;
        EnhancerLoss none = new EnhancerLoss();
        EnhancerLoss withWeak = new EnhancerLoss(new LossWeights(0f, 0f, 0f, 0f, omega, 0f));
        // frame 0 speech (g = 1), frame 1 weak speech 26 dB below it (g = 0.05): the estimate 0.02
        // cuts (0.03)^2 of its 0.05^2 in every band
        float[] g = frames(1f, 0.05f);
        float[] cut = frames(1f, 0.02f);
        double expected = omega * Math.log10(0.0009 / 0.0025 + EnhancerLoss.WEAK_FLOOR);
        assertEquals(expected, term(withWeak, g, cut, mask, energy), 1e-4);
        // an error in the loud frame does not enter the term
        float[] loudWrong = frames(0.5f, 0.02f);
        assertEquals(expected, term(withWeak, g, loudWrong, mask, energy), 1e-4);
        // noise left in weak speech (an estimate above the target) costs nothing here
        double floor = omega * Math.log10(EnhancerLoss.WEAK_FLOOR);
        float[] above = frames(1f, 0.08f);
        assertEquals(floor, term(withWeak, g, above, mask, energy), 1e-4);
        // a pause (46 dB below) and a frame within 20 dB (14 dB below) are not weak speech
        for (float level : new float[] {0.005f, 0.2f}) {
            float[] other = frames(1f, level);
            assertEquals(floor, term(withWeak, other, cut, mask, energy), 1e-4);
        }
        // masked bands do not count: the cut in 4 trained bands against their own speech
        float[] partMasked = mask.clone();
        java.util.Arrays.fill(partMasked, BANDS + 4, 2 * BANDS, 0f);
        float[] cutMasked = cut.clone();
        java.util.Arrays.fill(cutMasked, BANDS + 4, 2 * BANDS, 0f);
        assertEquals(expected, term(withWeak, g, cutMasked, partMasked, energy), 1e-4);
        assertEquals(evaluate(none, g, cut, mask, null), evaluate(withWeak, g, cut, mask, null), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(0f, 0f, 0f, 0f, -1f, 0f));
    }

    @Test
    void leakTermIsTheLogOfTheNoiseLeftInSpeechFramesAgainstThatSpeech() {
        float[] energy = filled(1f);
        float[] mask = filled(1f);
        float rho = 0.7f;
        EnhancerLoss none = new EnhancerLoss();
        EnhancerLoss withLeak = new EnhancerLoss(new LossWeights(0f, 0f, 0f, 0f, 0f, rho));
        // frame 0 speech (g = 0.5), frame 1 weak speech 20 dB below it (g = 0.05), both speech frames:
        // the estimate 0.6 leaves (0.1)^2 above the target in every band of frame 0
        float[] g = frames(0.5f, 0.05f);
        float[] leaky = frames(0.6f, 0.05f);
        double expected = rho * Math.log10(0.01 / (0.25 + 0.0025) + EnhancerLoss.LEAK_FLOOR);
        assertEquals(expected, term(withLeak, g, leaky, mask, energy), 1e-4);
        // the weak frame counts as speech too: 0.08 there leaves (0.03)^2 more
        float[] leakyWeak = frames(0.6f, 0.08f);
        double both = rho * Math.log10((0.01 + 0.0009) / (0.25 + 0.0025) + EnhancerLoss.LEAK_FLOOR);
        assertEquals(both, term(withLeak, g, leakyWeak, mask, energy), 1e-4);
        // speech cut (an estimate below the target) costs nothing here
        double floor = rho * Math.log10(EnhancerLoss.LEAK_FLOOR);
        float[] cut = frames(0.4f, 0.02f);
        assertEquals(floor, term(withLeak, g, cut, mask, energy), 1e-4);
        // noise left in a pause (frame 1 48 dB below) is the pause term's, not this one's
        float[] withPause = frames(0.5f, 0.002f);
        float[] pauseLeft = frames(0.5f, 0.1f);
        assertEquals(floor, term(withLeak, withPause, pauseLeft, mask, energy), 1e-4);
        // masked bands do not count: frame 0 trains 4 bands, so 4 * 0.01 against 4 * 0.25 + 34 * 0.0025
        float[] partMasked = mask.clone();
        java.util.Arrays.fill(partMasked, 4, BANDS, 0f);
        double fewer = rho * Math.log10(4 * 0.01 / (4 * 0.25 + 34 * 0.0025) + EnhancerLoss.LEAK_FLOOR);
        assertEquals(fewer, term(withLeak, g, leaky, partMasked, energy), 1e-4);
        // an example without speech has no speech frames: a constant, whatever the estimate
        float[] noSpeech = filled(0f);
        assertEquals(floor, term(withLeak, noSpeech, leaky, mask, energy), 1e-4);
        // without the energies (the dev-loss labels) the term is left out
        assertEquals(evaluate(none, g, leaky, mask, null), evaluate(withLeak, g, leaky, mask, null), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(0f, 0f, 0f, 0f, 0f, -1f));
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(0f, 0f, 0f, 0f, 0f, Float.POSITIVE_INFINITY));
    }
}
