package dev.quell.validation.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Scores an enhancer at several positions of its 10 ms frame grid. The engine cuts the input
 * into hops at fixed sample positions, and where a recording's sounds fall against that grid
 * changes the network's answer: on the 72 dev pairs at 48 kHz, starting the stream 0, 1/4, 1/2
 * and 3/4 of a hop earlier moved the mean SI-SDR between 11.87 and 12.03 dB
 * (docs/training-log.md, session 47). A mean over N evenly spaced
 * delays k * hop / N (k = 0..N-1, hop = 10 ms at the rate) measures the enhancer rather than one
 * grid position.
 *
 * <p>The delay is made of the recording's own opening, mirrored, not of silence: a few
 * milliseconds of digital silence in front of a file change what the network does with the
 * sound that follows (it trusts a sound that rises out of silence). With zeros in front, the dev
 * pairs at 8 kHz lost about 1 dB SI-SDR at every delay but 0 (11.45-11.67 against 12.53 dB);
 * with the mirrored opening they score as when the grid is moved by starting the stream inside
 * the file (12.48-12.64 against 12.44-12.65 dB; session 47).
 *
 * <p>Stateless.
 */
final class FrameGridOffsets {
    /** Largest number of grid positions {@code quell eval} accepts. */
    static final int MAX = 8;

    private FrameGridOffsets() {
    }

    /**
     * @param count number of grid positions, 1..{@link #MAX}
     * @param rate sample rate in Hz (positive)
     * @return the delays in samples at {@code rate}: k * round(rate / 100) / count, rounded down,
     *     for k = 0..count-1 (the first is 0)
     * @throws IllegalArgumentException for a count outside 1..{@link #MAX} or a non-positive rate
     */
    static int[] delays(int count, int rate) {
        if (count < 1 || count > MAX || rate <= 0) {
            throw new IllegalArgumentException("grid positions 1.." + MAX + " at a positive rate, not " + count + " at " + rate + " Hz");
        }
        int hop = Math.round(rate / 100f);
        int[] d = new int[count];
        for (int k = 0; k < count; k++) {
            d[k] = k * hop / count;
        }
        return d;
    }

    /**
     * Runs an enhancer on the input delayed by {@code delay} samples of its own opening, mirrored
     * about the first sample (x[delay], ..., x[1], then x), and removes the delay again.
     *
     * @param enhancer maps a signal to its enhanced, time-aligned version of the same length
     * @param x the input signal (not modified; at least 1 sample when delay is above 0)
     * @param delay samples put in front (0 or more); beyond the input's length the mirror repeats
     *     its last sample
     * @return the enhanced signal, x.length samples, aligned with x
     */
    static float[] delayed(UnaryOperator<float[]> enhancer, float[] x, int delay) {
        if (delay == 0) {
            return enhancer.apply(x);
        }
        float[] in = new float[x.length + delay];
        System.arraycopy(x, 0, in, delay, x.length);
        for (int i = 0; i < delay; i++) {
            in[i] = x[Math.min(delay - i, x.length - 1)];
        }
        return Arrays.copyOfRange(enhancer.apply(in), delay, delay + x.length);
    }

    /**
     * @param scores one map per grid position, each with the same metric names
     * @return per metric, the mean over the maps (in the first map's order)
     * @throws IllegalArgumentException when the list is empty or a map lacks a metric of the first
     */
    static Map<String, Double> mean(List<Map<String, Double>> scores) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no scores to average");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (String metric : scores.get(0).keySet()) {
            double sum = 0;
            for (Map<String, Double> s : scores) {
                Double v = s.get(metric);
                if (v == null) {
                    throw new IllegalArgumentException("a grid position lacks " + metric);
                }
                sum += v;
            }
            m.put(metric, sum / scores.size());
        }
        return m;
    }
}
