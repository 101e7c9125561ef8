package dev.quell.validation.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.FrameFormat;
import dev.quell.nn.Model;
import dev.quell.nn.Precision;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.validation.demo.DemoSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BandGainProbeTest {
    private static final Model MODEL = EngineModels.defaults(Precision.FLOAT32).model(2);

    /** Demo speech with white noise above 9 kHz at 0 dB overall: bands 28-31 (10.5-16.4 kHz) hold noise, bands 2-12 speech. */
    static float[][] speechWithHighNoise() {
        float[] clean = DemoSignals.clean(3.0, 5);
        float[] hiss = new float[clean.length];
        Random r = new Random(7);
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (float) r.nextGaussian();
        }
        // three passes of a one-pole difference leave the noise above ~9 kHz dominant over the speech there
        for (int pass = 0; pass < 3; pass++) {
            float prev = 0;
            for (int i = 0; i < hiss.length; i++) {
                float x = hiss[i];
                hiss[i] = x - prev;
                prev = x;
            }
        }
        return new float[][] {clean, DemoSignals.mix(clean, hiss, 0)};
    }

    @Test
    void theOracleAndTheNetworkCutTheBandsTheNoiseIsIn() {
        float[][] pair = speechWithHighNoise();
        BandGainProbe.Summary noisy = BandGainProbe.run(MODEL, pair[0], pair[1], null);
        BandGainProbe.Summary clean = BandGainProbe.run(MODEL, pair[0], pair[0], null);
        assertEquals(pair[0].length / FrameFormat.HOP - 3, noisy.frames(), "frames after the 1 + L skipped steps");
        for (int b = 28; b <= 31; b++) {
            assertTrue(noisy.trainedFrames()[b] > 100, "band " + b + " trained in " + noisy.trainedFrames()[b]);
            assertTrue(noisy.oracleMean()[b] < 0.3, "band " + b + " oracle " + noisy.oracleMean()[b]);
            // model v2 also cuts much of the synthetic voice's faint content up here without noise
            // (mean gains 0.18-0.27 in bands 28-31), so the cut is judged as a factor
            assertTrue(noisy.networkMean()[b] < 0.05 && noisy.networkMean()[b] < clean.networkMean()[b] / 5,
                    "band " + b + " network " + noisy.networkMean()[b] + " with noise, " + clean.networkMean()[b] + " without");
        }
        // the demo voice is silent below 2 kHz in about half of its frames (pauses, fricative bursts),
        // where the oracle's gain is 0 with noise and 1 without: so about 0.5 here, not 1
        for (int b = 2; b <= 12; b++) {
            assertTrue(noisy.oracleMean()[b] > 0.4, "band " + b + " oracle " + noisy.oracleMean()[b]);
            assertTrue(noisy.oracleMean()[b] > 10 * noisy.oracleMean()[28], "band " + b + " against band 28");
            assertTrue(clean.oracleMean()[b] > 0.99, "band " + b + " oracle on clean input " + clean.oracleMean()[b]);
        }
    }

    @Test
    void theSinkSeesEveryFrameAndTheSummaryIsTheMeanOverTrainedFrames() {
        float[][] pair = speechWithHighNoise();
        List<float[]> rows = new ArrayList<>();
        BandGainProbe.Summary s = BandGainProbe.run(MODEL, pair[0], pair[1], (frame, oracle, network, mask) -> {
            assertEquals(rows.size(), frame);
            for (int b = 0; b < FrameFormat.BANDS; b++) {
                assertTrue(network[b] >= 0 && network[b] <= 1 && oracle[b] >= 0 && oracle[b] <= 1, "frame " + frame);
            }
            rows.add(new float[] {oracle[29], network[29], mask[29]});
        });
        assertEquals(s.frames(), rows.size());
        double o = 0;
        double g = 0;
        int n = 0;
        for (float[] row : rows) {
            if (row[2] > 0) {
                o += row[0];
                g += row[1];
                n++;
            }
        }
        assertEquals(s.trainedFrames()[29], n);
        assertEquals(o / n, s.oracleMean()[29], 1e-9);
        assertEquals(g / n, s.networkMean()[29], 1e-9);
    }

    @Test
    void refusesPairsOfDifferentLength() {
        assertThrows(IllegalArgumentException.class, () -> BandGainProbe.run(MODEL, new float[960], new float[961], null));
    }
}
