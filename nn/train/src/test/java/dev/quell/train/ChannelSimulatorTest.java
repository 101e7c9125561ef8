package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelSimulatorTest {
    private static final int RATE = 48_000;

    @Test
    void bandLimitedChainsLeaveNothingAboveTheirLimit() {
        float[] white = new float[RATE];
        Random r = new Random(1);
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) (0.1 * r.nextGaussian());
        }
        for (int rate : new int[] {8_000, 16_000, 22_050}) {
            ChannelSimulator.Channel c = new ChannelSimulator.Channel(rate, 0, rate == 8_000, false, 0, 0, 0);
            float[] y = ChannelSimulator.band(white, c);
            assertEquals(white.length, y.length);
            BandwidthProbe.Bandwidth bw = BandwidthProbe.measure(y, RATE);
            assertTrue(bw.edgeHz() <= rate / 2.0 + 100, rate + " Hz chain reaches " + bw.edgeHz() + " Hz");
            assertTrue(bw.edgeHz() >= (rate == 8_000 ? 3000 : 0.4 * rate), rate + " Hz chain ends at " + bw.edgeHz() + " Hz");
        }
    }

    @Test
    void drawnChainsCoverEveryTierAndAreConsistent() {
        Random r = new Random(3);
        int[] counts = new int[4];
        for (int k = 0; k < 2000; k++) {
            ChannelSimulator.Channel c = ChannelSimulator.random(r);
            switch (c.rateHz()) {
                case 48_000 -> counts[0]++;
                case 22_050 -> counts[1]++;
                case 16_000 -> counts[2]++;
                case 8_000 -> counts[3]++;
                default -> throw new AssertionError("rate " + c.rateHz());
            }
            assertTrue(c.limitHz() <= c.rateHz() / 2.0);
            assertTrue(!c.engineFloor() || c.rateHz() < RATE);
            assertTrue(c.clipDb() == 0 || (c.clipDb() >= 1 && c.clipDb() <= 6));
            assertTrue(c.opusBitrate() == 0 || (c.opusBitrate() >= 10_000 && c.opusBitrate() <= 32_000 && !c.telephone()));
            assertTrue(c.opusBitrate() == 0 || c.limitHz() <= OpusRoundTrip.bandwidthHz(c.opusBitrate()));
        }
        assertEquals(0.40, counts[0] / 2000.0, 0.04);
        assertEquals(0.15, counts[1] / 2000.0, 0.03);
        assertEquals(0.25, counts[2] / 2000.0, 0.03);
        assertEquals(0.20, counts[3] / 2000.0, 0.03);
    }

    @Test
    void clippingAndTheEngineFloorTouchTheInputOnly() {
        float[] x = new float[RATE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 200 * i / RATE));
        }
        float[] y = x.clone();
        ChannelSimulator.inputOnly(y, new ChannelSimulator.Channel(RATE, 24_000, false, false, 0, 0, 6));
        float peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.5 * Math.pow(10, -6 / 20.0), peak, 1e-4);
        float[] z = ChannelSimulator.band(x, new ChannelSimulator.Channel(16_000, 7200, false, true, 0, 0, 0));
        float[] before = z.clone();
        ChannelSimulator.inputOnly(z, new ChannelSimulator.Channel(16_000, 7200, false, true, 0, 0, 0));
        BandwidthProbe.Bandwidth bw = BandwidthProbe.measure(z, RATE);
        assertTrue(bw.edgeHz() > 20_000, "the engine floor reaches " + bw.edgeHz() + " Hz");
        assertTrue(!java.util.Arrays.equals(before, z));
    }

    @Test
    void opusRoundTripIsAlignedAndBandLimited() {
        float[] x = new float[RATE];
        Random r = new Random(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / RATE) + 0.1 * Math.sin(2 * Math.PI * 1250 * i / RATE)
                    + 0.01 * r.nextGaussian());
        }
        float[] y = OpusRoundTrip.apply(x, 24_000);
        assertEquals(x.length, y.length);
        // aligned: the best lag of the cross-correlation over the middle is 0
        int best = 99;
        double bestC = -1;
        for (int lag = -40; lag <= 40; lag++) {
            double c = 0;
            for (int i = 4800; i < 43_200; i++) {
                c += x[i] * (double) y[i + lag];
            }
            if (c > bestC) {
                bestC = c;
                best = lag;
            }
        }
        assertEquals(0, best, 1);
        double e = 0;
        double d = 0;
        for (int i = 4800; i < 43_200; i++) {
            e += x[i] * (double) x[i];
            d += (x[i] - y[i]) * (double) (x[i] - y[i]);
        }
        assertTrue(10 * Math.log10(e / d) > 10, "Opus at 24 kbit/s keeps tones at > 10 dB SNR: " + 10 * Math.log10(e / d));
        assertTrue(BandwidthProbe.measure(y, RATE).edgeHz() <= 12_500);
    }
}
