package dev.quell.nn;

/**
 * The matrix-vector kernel behind {@link WeightMatrix}: y[r] += sum_c W[r][c] x[c] over row-major
 * float weights. Two implementations give the same result within float rounding (about 1e-6
 * relative): {@link ScalarMatVec} (plain Java) and {@code VectorMatVec} (the JDK's incubating
 * Vector API, used when the JVM runs with {@code --add-modules jdk.incubator.vector}).
 * {@link #get()} picks the vector one when {@link dev.quell.jvm.VectorSupport#usable()} says so
 * (module present, HotSpot C2 enabled, {@code quell.vector} not {@code false}).
 */
public interface MatVec {
    /**
     * @param w row-major weights, rows*cols
     * @param rows number of rows
     * @param cols number of columns
     * @param x input, cols values from xOff
     * @param xOff offset into x
     * @param y output, rows values from yOff, accumulated into
     * @param yOff offset into y
     */
    void multiplyAdd(float[] w, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

    /**
     * Per-row quantised variant: y[r] += scales[r] * sum_c q[r][c] x[c].
     *
     * @param q row-major int8 weights, rows*cols
     * @param scales one scale per row
     * @param rows number of rows
     * @param cols number of columns
     * @param x input, cols values from xOff
     * @param xOff offset into x
     * @param y output, rows values from yOff, accumulated into
     * @param yOff offset into y
     */
    void multiplyAddQuantised(byte[] q, float[] scales, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

    /** @return a short name ("scalar" or "vector-N" with N float lanes) */
    String name();

    /** @return the kernel in use for this JVM */
    static MatVec get() {
        return Holder.INSTANCE;
    }

    /** Lazily chosen kernel. */
    final class Holder {
        static final MatVec INSTANCE = dev.quell.jvm.VectorSupport.kernel(MatVec.class,
                "dev.quell.nn.VectorMatVec", ScalarMatVec::new);

        private Holder() {
        }
    }
}
