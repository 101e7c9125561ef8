package dev.quell.dsp;

/**
 * Plain-Java {@link DotProduct}: four running sums instead of one, so the additions overlap (one
 * sum made the loop wait for every previous addition).
 */
final class ScalarDotProduct implements DotProduct {
    @Override
    public double dot(double[] x, int a, int b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += x[a + i] * x[b + i];
            s1 += x[a + i + 1] * x[b + i + 1];
            s2 += x[a + i + 2] * x[b + i + 2];
            s3 += x[a + i + 3] * x[b + i + 3];
        }
        for (; i < length; i++) {
            s0 += x[a + i] * x[b + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
