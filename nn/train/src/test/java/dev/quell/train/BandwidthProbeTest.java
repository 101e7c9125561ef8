package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BandwidthProbeTest {
    @Test
    void findsTheEdgeOfBandLimitedNoise() {
        Random r = new Random(1);
        float[] white = new float[48_000];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) (0.1 * r.nextGaussian());
        }
        assertEquals(24_000, BandwidthProbe.measure(white, 48_000).edgeHz(), 200);
        float[] low = dev.quell.dsp.resample.Resampler.resample(
                dev.quell.dsp.resample.Resampler.resample(white, 48_000, 16_000), 16_000, 48_000);
        // the converter's passband ends at 0.45 * 16 kHz and its stopband at 8 kHz
        double edge = BandwidthProbe.measure(low, 48_000).edgeHz();
        assertEquals(7600, edge, 500);
        assertEquals(0.99 * 7200, BandwidthProbe.measure(low, 48_000).energy99Hz(), 300);
    }

    @Test
    void silenceHasNoBandwidth() {
        assertEquals(0, BandwidthProbe.measure(new float[10_000], 44_100).edgeHz());
        assertEquals(0, BandwidthProbe.measure(new float[10], 44_100).energy99Hz());
    }
}
