package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkInputsTest {
    private static final int B = FrameFormat.BANDS;

    private static float[] randomFrames(int frames, long seed) {
        Random r = new Random(seed);
        float[] raw = new float[3 + frames * Features.COUNT];
        for (int i = 3; i < raw.length; i++) {
            raw[i] = (float) (-5 + 3 * r.nextDouble());
        }
        return raw;
    }

    @Test
    void theLayoutsAreFeaturesThenNoiseFloorThenModulation() {
        assertEquals(70, NetworkInputs.PLAIN);
        assertEquals(104, NetworkInputs.WITH_NOISE_FLOOR);
        assertEquals(138, NetworkInputs.WITH_MODULATION);
        int frames = 250;
        float[] raw = randomFrames(frames, 6);
        float[] wide = new float[frames * NetworkInputs.WITH_MODULATION];
        NetworkInputs.extend(raw, 3, frames, NetworkInputs.WITH_MODULATION, wide, 0);
        NoiseFloor floor = new NoiseFloor();
        ModulationDepth modulation = new ModulationDepth();
        float[] frame = new float[Features.COUNT];
        float[] d = new float[B];
        float[] m = new float[B];
        int n = NetworkInputs.WITH_MODULATION;
        for (int t = 0; t < frames; t++) {
            System.arraycopy(raw, 3 + t * Features.COUNT, frame, 0, Features.COUNT);
            floor.update(frame, d, 0);
            modulation.update(frame, m, 0);
            for (int i = 0; i < Features.COUNT; i++) {
                assertEquals(frame[i], wide[t * n + i], 0f);
            }
            for (int b = 0; b < B; b++) {
                assertEquals(d[b], wide[t * n + Features.COUNT + b], 0f);
                assertEquals(m[b], wide[t * n + NetworkInputs.WITH_NOISE_FLOOR + b], 0f);
            }
        }
    }

    @Test
    void eachLayoutIsAPrefixOfTheNextAndExtendMatchesTheStream() {
        int frames = 120;
        float[] raw = randomFrames(frames, 7);
        float[] widest = new float[frames * NetworkInputs.WITH_MODULATION];
        NetworkInputs.extend(raw, 3, frames, NetworkInputs.WITH_MODULATION, widest, 0);
        for (int count : new int[] {NetworkInputs.PLAIN, NetworkInputs.WITH_NOISE_FLOOR}) {
            float[] out = new float[5 + frames * count];
            NetworkInputs.extend(raw, 3, frames, count, out, 5);
            NetworkInputs stream = new NetworkInputs(count);
            float[] frame = new float[Features.COUNT];
            for (int t = 0; t < frames; t++) {
                System.arraycopy(raw, 3 + t * Features.COUNT, frame, 0, Features.COUNT);
                float[] in = stream.update(frame);
                assertEquals(count, in.length);
                for (int i = 0; i < count; i++) {
                    assertEquals(widest[t * NetworkInputs.WITH_MODULATION + i], out[5 + t * count + i], 0f);
                    assertEquals(in[i], out[5 + t * count + i], 0f);
                }
            }
        }
    }

    @Test
    void rejectsOtherCountsAndShortArrays() {
        assertFalse(NetworkInputs.supports(105));
        assertTrue(NetworkInputs.supports(138));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetworkInputs(105));
        assertTrue(e.getMessage().contains("105"), e.getMessage());
        float[] raw = randomFrames(10, 8);
        float[] out = new float[10 * 138];
        assertThrows(IllegalArgumentException.class, () -> NetworkInputs.extend(raw, 3, 11, 138, out, 0));
        assertThrows(IllegalArgumentException.class, () -> NetworkInputs.extend(raw, 3, 10, 138, new float[out.length - 1], 0));
    }

    @Test
    void resetStartsTheTrackersAgain() {
        float[] raw = randomFrames(200, 9);
        NetworkInputs a = new NetworkInputs(NetworkInputs.WITH_MODULATION);
        NetworkInputs b = new NetworkInputs(NetworkInputs.WITH_MODULATION);
        float[] frame = new float[Features.COUNT];
        for (int t = 0; t < 100; t++) {
            System.arraycopy(raw, 3 + t * Features.COUNT, frame, 0, Features.COUNT);
            a.update(frame);
        }
        a.reset();
        for (int t = 100; t < 200; t++) {
            System.arraycopy(raw, 3 + t * Features.COUNT, frame, 0, Features.COUNT);
            float[] x = a.update(frame).clone();
            float[] y = b.update(frame);
            for (int i = 0; i < x.length; i++) {
                assertEquals(y[i], x[i], 0f);
            }
        }
    }

    @Test
    void updateAllocatesNothing() {
        NetworkInputs in = new NetworkInputs(NetworkInputs.WITH_MODULATION);
        float[] frame = randomFrames(1, 10);
        float[] f = java.util.Arrays.copyOfRange(frame, 3, 3 + Features.COUNT);
        double bytes = TestSignals.bytesPerCall(() -> in.update(f), 20_000, 10_000);
        assertEquals(0.0, bytes, 0.0);
    }
}
