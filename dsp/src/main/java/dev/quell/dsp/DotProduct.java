package dev.quell.dsp;

/**
 * The inner product behind the pitch search's correlations: sum_{i < length} x[a + i] x[b + i]
 * over one double array (two windows of the same signal). The arrays hold float samples widened
 * to double, so every product is exact and implementations differ only in the order of the double
 * additions (about 1e-16 relative). {@link #get()} returns the Vector API kernel when
 * {@link dev.quell.jvm.VectorSupport#usable()} says so, else the scalar one.
 */
interface DotProduct {
    /**
     * @param x the signal, float values widened to double
     * @param a start of the first window
     * @param b start of the second window
     * @param length samples in each window, at least 0
     * @return the inner product of the two windows
     */
    double dot(double[] x, int a, int b, int length);

    /** @return the kernel for this JVM (chosen once) */
    static DotProduct get() {
        return Holder.INSTANCE;
    }

    /** Lazily chosen kernel. */
    final class Holder {
        static final DotProduct INSTANCE = dev.quell.jvm.VectorSupport.kernel(DotProduct.class,
                "dev.quell.dsp.VectorDotProduct", ScalarDotProduct::new);

        private Holder() {
        }
    }
}
