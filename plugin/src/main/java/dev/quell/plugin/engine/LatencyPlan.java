package dev.quell.plugin.engine;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.resample.Resampler;

/**
 * The engine's latency at one host rate, for every look-ahead: how many zeros of padding the
 * 48 kHz output FIFO starts with (so the chain's delay plus the input converter's is a whole
 * number of host samples), how many zeros the host-rate output FIFO is primed with (so every host
 * block, whatever its size, finds enough output), and the resulting total delay in host samples.
 * The numbers are exact: {@code QuellEngineTest.reportedLatencyIsTheMeasuredDelay} finds each by
 * cross-correlation.
 */
final class LatencyPlan {
    private static final int HOP = FrameFormat.HOP;
    private static final int RATE = FrameFormat.SAMPLE_RATE;
    private final int[] padding48;
    private final int[] primeHost;
    private final int[] latency;

    /**
     * @param hostRate host rate in Hz (as {@link QuellEngine#supportsRate} accepts)
     * @param chainLatency48 per look-ahead, the hop chain's delay in 48 kHz samples
     * @param inDelay48 the input converter's delay in 48 kHz samples (0 at 48 kHz)
     * @param outDelayHost the output converter's delay in host samples (0 at 48 kHz)
     */
    LatencyPlan(int hostRate, int[] chainLatency48, int inDelay48, int outDelayHost) {
        int n = chainLatency48.length;
        padding48 = new int[n];
        primeHost = new int[n];
        latency = new int[n];
        // 48 kHz samples that are a whole number of host samples
        int unit = RATE / java.math.BigInteger.valueOf(RATE).gcd(java.math.BigInteger.valueOf(hostRate)).intValue();
        for (int la = 0; la < n; la++) {
            int chain = chainLatency48[la];
            padding48[la] = Math.floorMod(-(chain + inDelay48), unit);
            primeHost[la] = simulatePriming(hostRate, padding48[la]);
            latency[la] = outDelayHost + (int) ((long) (chain + padding48[la] + inDelay48) * hostRate / RATE) + primeHost[la];
        }
    }

    /** @param la look-ahead frames @return zeros the 48 kHz output FIFO starts with */
    int padding48(int la) {
        return padding48[la];
    }

    /** @param la look-ahead frames @return zeros the host-rate output FIFO starts with */
    int primeHost(int la) {
        return primeHost[la];
    }

    /** @param la look-ahead frames @return total latency in host samples */
    int latency(int la) {
        return latency[la];
    }

    /** @return the largest padding over the look-aheads (FIFO sizing) */
    int maxPadding48() {
        return max(padding48);
    }

    /** @return the largest priming over the look-aheads (FIFO sizing) */
    int maxPrimeHost() {
        return max(primeHost);
    }

    /** @return the largest latency over the look-aheads (dry delay line sizing) */
    int maxLatency() {
        return max(latency);
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Smallest number of zeros to prime the host-rate output FIFO with so that, whatever the
     * block sizes, every block finds enough output: the largest deficit of produced over
     * consumed samples when the input arrives one sample at a time (the finest partition; the
     * counts do not depend on the partition).
     */
    private static int simulatePriming(int fs, int padding48) {
        Resampler up = fs == RATE ? null : new Resampler(fs, RATE);
        Resampler down = fs == RATE ? null : new Resampler(RATE, fs);
        float[] one = new float[1];
        float[] tmp = new float[8];
        float[] zeros = new float[HOP * 4];
        float[] outTmp = new float[down == null ? 1 : down.maxOutput(zeros.length)];
        long pending48 = 0;
        long ready48 = padding48;
        long produced = 0;
        long worst = 0;
        long total = 2L * fs + 4L * HOP;
        for (long n = 1; n <= total; n++) {
            pending48 += up == null ? 1 : up.process(one, 0, 1, tmp, 0);
            while (pending48 >= HOP) {
                pending48 -= HOP;
                ready48 += HOP;
            }
            if (down == null) {
                produced += ready48;
            } else {
                while (ready48 > 0) {
                    int k = (int) Math.min(ready48, zeros.length);
                    produced += down.process(zeros, 0, k, outTmp, 0);
                    ready48 -= k;
                }
            }
            ready48 = 0;
            worst = Math.max(worst, n - produced);
        }
        return (int) worst;
    }
}
