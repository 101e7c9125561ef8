package dev.quell.nn;

/** Plain-Java matrix-vector kernel (the fallback; see {@link MatVec}). */
public final class ScalarMatVec implements MatVec {
    @Override
    public void multiplyAdd(float[] w, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float acc = 0;
            for (int c = 0; c < cols; c++) {
                acc += w[base + c] * x[xOff + c];
            }
            y[yOff + r] += acc;
        }
    }

    @Override
    public void multiplyAddQuantised(byte[] q, float[] scales, int rows, int cols, float[] x, int xOff,
                                     float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float acc = 0;
            for (int c = 0; c < cols; c++) {
                acc += q[base + c] * x[xOff + c];
            }
            y[yOff + r] += acc * scales[r];
        }
    }

    @Override
    public String name() {
        return Messages.scalarKernel();
    }
}
