package dev.quell.dsp;

/**
 * Pitch trajectory by dynamic programming over the per-frame candidates of
 * {@link PitchSearch} (ALGORITHM.md step 3: "a Viterbi / dynamic-programming tracker chooses a
 * trajectory without large jumps across frames").
 *
 * <p>Each frame t has up to {@link PitchSearch#MAX_CANDIDATES} states (period T_i, correlation
 * c_i). The path score is S_t(i) = c_i + max_j [S_{t-1}(j) - J(T_j, T_i)] with the jump cost
 * J = {@link #JUMP_COST} * min(|log2(T_i / T_j)|, 1): a 10 % pitch glide costs 0.14 * JUMP_COST,
 * an octave jump (or anything larger) costs JUMP_COST. Scores are renormalised every frame (max
 * = 0) so they never grow.
 *
 * <p>Decisions are taken with a fixed lag: {@link #period(int) period(lag)} back-traces from the
 * best state of the newest frame {@code lag} frames into the past, so a frame that is output
 * with a look-ahead of L frames gets the benefit of L future frames of evidence; lag 0 is the
 * online (causal) choice used for the network's features. Allocation-free. Not thread-safe.
 */
public final class PitchTracker {
    /** Cost of an octave (or larger) jump between consecutive frames, in correlation units. */
    public static final double JUMP_COST = 0.6;

    private static final int K = PitchSearch.MAX_CANDIDATES;

    private final int depth;
    private final int[][] periods;
    private final float[][] corrs;
    private final int[][] backPointers;
    private final int[] counts;
    private final double[] score = new double[K];
    private final double[] nextScore = new double[K];
    private int newest;

    /**
     * @param maxLag the largest lag (frames) that {@link #period(int)} will be asked for, 0..8
     * @throws IllegalArgumentException for a lag outside 0..8
     */
    public PitchTracker(int maxLag) {
        if (maxLag < 0 || maxLag > 8) {
            throw Messages.trackerLagOutOfRange(maxLag);
        }
        depth = maxLag + 2; // one more slot than the lag, so the previous frame survives the update
        periods = new int[depth][K];
        corrs = new float[depth][K];
        backPointers = new int[depth][K];
        counts = new int[depth];
        reset();
    }

    /**
     * Adds the candidates of the newest frame.
     *
     * @param search the search that has just analysed the newest frame
     */
    public void push(PitchSearch search) {
        int prev = newest;
        newest = (newest + 1) % depth;
        int n = search.count();
        counts[newest] = n;
        int pn = counts[prev];
        for (int i = 0; i < n; i++) {
            int t = search.period(i);
            float c = search.correlation(i);
            periods[newest][i] = t;
            corrs[newest][i] = c;
            double best = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < pn; j++) {
                double jump = Math.abs(Math.log((double) t / periods[prev][j])) / Math.log(2);
                double s = score[j] - JUMP_COST * Math.min(jump, 1.0);
                if (s > best) {
                    best = s;
                    arg = j;
                }
            }
            if (pn == 0) {
                best = 0;
            }
            nextScore[i] = best + c;
            backPointers[newest][i] = arg;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, nextScore[i]);
        }
        for (int i = 0; i < n; i++) {
            score[i] = nextScore[i] - max;
        }
    }

    private int bestState() {
        int arg = 0;
        for (int i = 1; i < counts[newest]; i++) {
            if (score[i] > score[arg]) {
                arg = i;
            }
        }
        return arg;
    }

    private int stateAt(int lag) {
        int state = bestState();
        int slot = newest;
        for (int l = 0; l < lag; l++) {
            state = backPointers[slot][state];
            slot = (slot - 1 + depth) % depth;
        }
        return state;
    }

    /**
     * Pitch period decided for the frame {@code lag} frames before the newest.
     *
     * @param lag 0..maxLag
     * @return period in samples at 48 kHz (60..768)
     */
    public int period(int lag) {
        return periods[slot(lag)][stateAt(lag)];
    }

    /**
     * Correlation of the decided candidate {@code lag} frames back.
     *
     * @param lag 0..maxLag
     * @return normalised correlation, 0..1
     */
    public float correlation(int lag) {
        return corrs[slot(lag)][stateAt(lag)];
    }

    private int slot(int lag) {
        if (lag < 0 || lag >= depth) {
            throw Messages.lagOutOfRange(lag);
        }
        return (newest - lag + depth) % depth;
    }

    /** Forgets the trajectory; every slot holds a neutral 200 Hz candidate of zero correlation. */
    public void reset() {
        for (int d = 0; d < depth; d++) {
            counts[d] = 1;
            periods[d][0] = 240;
            corrs[d][0] = 0f;
            backPointers[d][0] = 0;
        }
        score[0] = 0;
        newest = 0;
    }
}
