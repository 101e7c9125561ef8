package dev.quell.nn;

/**
 * The matrix-vector kernel behind {@link WeightMatrix}: y[r] += sum_c W[r][c] x[c] over row-major
 * float weights. Two implementations give the same result within float rounding (about 1e-6
 * relative): {@link ScalarMatVec} (plain Java) and {@code VectorMatVec} (the JDK's incubating
 * Vector API, used when the JVM runs with {@code --add-modules jdk.incubator.vector}).
 * {@link #get()} picks the vector one when it is available and the JVM's optimising compiler
 * (HotSpot C2, the only one that turns Vector API calls into SIMD instructions) is enabled, unless
 * the system property {@code quell.vector} is {@code false}. Without C2 ({@code -Xint},
 * {@code -XX:TieredStopAtLevel=1..3}) every vector operation would allocate (measured: about 33 MB
 * per engine call), so the scalar kernel is used there.
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
        static final MatVec INSTANCE = choose();

        private Holder() {
        }

        private static MatVec choose() {
            if (!"false".equals(System.getProperty("quell.vector"))
                    && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    && optimisingCompilerEnabled()) {
                try {
                    return (MatVec) Class.forName("dev.quell.nn.VectorMatVec").getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new ScalarMatVec();
                }
            }
            return new ScalarMatVec();
        }

        /**
         * @return false when this JVM is known to run without HotSpot's C2 compiler (interpreted
         *     mode, or tiered compilation stopped below level 4); true otherwise, including when
         *     the management API is absent (a jlinked runtime without java.management)
         */
        static boolean optimisingCompilerEnabled() {
            if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
                return false;
            }
            try {
                com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                        .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
                if (vm == null) {
                    return true;
                }
                boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
                int stopAt = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
                return !tiered || stopAt >= 4;
            } catch (LinkageError | RuntimeException e) {
                return true;
            }
        }
    }
}
