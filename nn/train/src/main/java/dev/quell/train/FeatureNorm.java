package dev.quell.train;

/** The feature normalisation shared by training, dev loss and golden files: (x - mean) / std. */
final class FeatureNorm {
    private FeatureNorm() {
    }

    /**
     * Normalises frames of features, frame-major.
     *
     * @param raw raw features, frames * mean.length values from {@code from}
     * @param from first value in raw
     * @param count number of values (a multiple of the feature count)
     * @param norm {mean, std}, one value per feature
     * @param out destination, count values from {@code to}
     * @param to first value in out
     */
    static void apply(float[] raw, int from, int count, float[][] norm, float[] out, int to) {
        int nf = norm[0].length;
        for (int j = 0; j < count; j++) {
            int f = j % nf;
            out[to + j] = (raw[from + j] - norm[0][f]) / norm[1][f];
        }
    }
}
