package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameGridOffsetsTest {
    @Test
    void delaysSpreadEvenlyOverOneHop() {
        assertArrayEquals(new int[] {0}, FrameGridOffsets.delays(1, 48000));
        assertArrayEquals(new int[] {0, 120, 240, 360}, FrameGridOffsets.delays(4, 48000));
        assertArrayEquals(new int[] {0, 147, 294}, FrameGridOffsets.delays(3, 44100));
        assertArrayEquals(new int[] {0, 26, 53}, FrameGridOffsets.delays(3, 8000));
        assertThrows(IllegalArgumentException.class, () -> FrameGridOffsets.delays(0, 48000));
        assertThrows(IllegalArgumentException.class, () -> FrameGridOffsets.delays(FrameGridOffsets.MAX + 1, 48000));
    }

    @Test
    void theDelayIsTheMirroredOpeningAndIsTakenAwayAgain() {
        float[] x = {1, 2, 3, 4, 5};
        float[][] given = new float[1][];
        // an "enhancer" that keeps what it was given and reports each sample's position in it
        float[] seen = FrameGridOffsets.delayed(in -> {
            given[0] = in.clone();
            float[] y = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                y[i] = i;
            }
            return y;
        }, x, 3);
        assertArrayEquals(new float[] {4, 3, 2, 1, 2, 3, 4, 5}, given[0], "no silence in front: the opening mirrored about the first sample");
        assertArrayEquals(new float[] {3, 4, 5, 6, 7}, seen, "the input arrived 3 samples late and came back aligned");
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, x, "the input is left alone");
        FrameGridOffsets.delayed(in -> {
            given[0] = in.clone();
            return in;
        }, new float[] {7, 8}, 4);
        assertArrayEquals(new float[] {8, 8, 8, 8, 7, 8}, given[0], "a delay longer than the input repeats its last sample");
        assertArrayEquals(new float[] {2, 4}, FrameGridOffsets.delayed(in -> new float[] {in[0] * 2, in[1] * 2}, new float[] {1, 2}, 0));
    }

    @Test
    void theMeanIsTakenPerMetric() {
        Map<String, Double> m = FrameGridOffsets.mean(List.of(Map.of("STOI", 0.8, "SI-SDR (dB)", 10.0),
                Map.of("STOI", 0.6, "SI-SDR (dB)", 14.0)));
        assertEquals(0.7, m.get("STOI"), 1e-12);
        assertEquals(12.0, m.get("SI-SDR (dB)"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FrameGridOffsets.mean(List.of()));
        assertThrows(IllegalArgumentException.class, () -> FrameGridOffsets.mean(List.of(Map.of("STOI", 0.8), Map.of("ESTOI", 0.6))));
    }
}
