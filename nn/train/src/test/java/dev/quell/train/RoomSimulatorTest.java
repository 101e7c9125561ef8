package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RoomSimulatorTest {
    private static final int RATE = 48_000;

    @Test
    void directSoundArrivesAtTheDistanceAndFallsWithIt() {
        double[] room = {6, 5, 3};
        double[] beta = {0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
        double[] src = {2, 2, 1.5};
        double[] mic = {4, 2, 1.5}; // 2 m apart
        float[] h = RoomSimulator.response(room, beta, src, mic, 0.5, RATE, new Random(1));
        int expected = (int) Math.round(2.0 / RoomSimulator.SPEED_OF_SOUND * RATE + RoomSimulator.TAPS / 2.0);
        int peak = 0;
        for (int i = 0; i < h.length; i++) {
            if (Math.abs(h[i]) > Math.abs(h[peak])) {
                peak = i;
            }
        }
        assertEquals(expected, peak, 1);
        assertEquals(1 / (4 * Math.PI * 2), h[peak], 0.05 / (4 * Math.PI * 2));
        for (int i = 0; i < expected - RoomSimulator.TAPS / 2; i++) {
            assertEquals(0f, h[i], 1e-4f, "nothing before the direct sound, sample " + i);
        }
    }

    @Test
    void anechoicRoomGivesOnlyTheDirectSound() {
        double[] beta = new double[6];
        float[] h = RoomSimulator.response(new double[] {5, 4, 3}, beta, new double[] {1, 1, 1},
                new double[] {3, 1, 1}, 0.1, RATE, new Random(2));
        double direct = 0;
        double rest = 0;
        int d = (int) Math.round(2.0 / RoomSimulator.SPEED_OF_SOUND * RATE + RoomSimulator.TAPS / 2.0);
        for (int i = 0; i < h.length; i++) {
            if (Math.abs(i - d) <= RoomSimulator.TAPS / 2) {
                direct += h[i] * h[i];
            } else {
                rest += h[i] * h[i];
            }
        }
        assertTrue(rest < 1e-6 * direct, "energy outside the direct tap " + rest / direct);
    }

    @Test
    void randomRoomsDecayAtAboutTheirRt60() {
        Random r = new Random(7);
        int checked = 0;
        for (int k = 0; k < 30; k++) {
            RoomSimulator.Room room = RoomSimulator.random(r, RATE);
            assertTrue(room.rt60() >= 0.02 && room.rt60() <= 2.5, "rt60 " + room.rt60());
            assertTrue(room.distance() >= 0.3 && room.distance() <= 5);
            // from 2.5 ms after the direct sound: T20 of the reverberation, not of the direct sound's drop
            double measured = schroederRt60(room.ir(), room.directIndex() + RATE / 400);
            // the late decay is set to the RT60; in very dead rooms (< 0.15 s) a few discrete early
            // reflections carry the first 25 dB, and decay faster (measured 0.036 s for 0.076 s) or,
            // between two weakly absorbing walls, slower (a flutter echo) than Eyring's diffuse field
            if (room.rt60() >= 0.15) {
                assertEquals(room.rt60(), measured, 0.35 * room.rt60(), "room " + k);
            } else {
                assertTrue(measured > 0.3 * room.rt60() && measured < 2.5 * room.rt60(), "room " + k + ": " + measured);
            }
            checked++;
        }
        assertEquals(30, checked);
    }

    @Test
    void deterministicForASeed() {
        assertArrayEquals(RoomSimulator.random(new Random(3), RATE).ir(), RoomSimulator.random(new Random(3), RATE).ir());
    }

    /** T20 from Schroeder's backward integral (-5 to -25 dB), times 3 (ISO 3382-1). */
    private static double schroederRt60(float[] h, int from) {
        double[] e = new double[h.length - from];
        double acc = 0;
        for (int i = h.length - 1; i >= from; i--) {
            acc += h[i] * (double) h[i];
            e[i - from] = acc;
        }
        int t5 = -1;
        int t25 = -1;
        for (int i = 0; i < e.length; i++) {
            double db = 10 * Math.log10(e[i] / e[0]);
            if (t5 < 0 && db <= -5) {
                t5 = i;
            }
            if (t25 < 0 && db <= -25) {
                t25 = i;
                break;
            }
        }
        return 3.0 * (t25 - t5) / RATE;
    }
}
