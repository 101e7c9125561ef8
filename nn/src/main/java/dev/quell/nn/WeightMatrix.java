package dev.quell.nn;

/**
 * A dense rows x cols weight matrix for y += W x, stored as float32 or as int8 with per-row scales
 * (see {@link Precision}). Immutable and thread-safe; {@link #multiplyAdd} allocates nothing.
 */
public final class WeightMatrix {
    private static final MatVec KERNEL = MatVec.get();

    private final int rows;
    private final int cols;
    private final float[] weights;
    private final byte[] quantised;
    private final float[] scales;

    private WeightMatrix(int rows, int cols, float[] weights, byte[] quantised, float[] scales) {
        this.rows = rows;
        this.cols = cols;
        this.weights = weights;
        this.quantised = quantised;
        this.scales = scales;
    }

    /**
     * Builds a matrix from row-major floats.
     *
     * @param rowMajor rows*cols values, row r at [r*cols, (r+1)*cols)
     * @param rows number of rows (outputs)
     * @param cols number of columns (inputs)
     * @param precision storage precision
     * @return the matrix
     * @throws IllegalArgumentException if the array length is not rows*cols
     */
    public static WeightMatrix of(float[] rowMajor, int rows, int cols, Precision precision) {
        if (rowMajor.length != rows * cols) {
            throw Messages.weightCount(rows, cols, rowMajor.length);
        }
        if (precision == Precision.FLOAT32) {
            return new WeightMatrix(rows, cols, rowMajor.clone(), null, null);
        }
        byte[] q = new byte[rows * cols];
        float[] s = new float[rows];
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(rowMajor[r * cols + c]));
            }
            float scale = max > 0 ? max / 127f : 1f;
            s[r] = scale;
            for (int c = 0; c < cols; c++) {
                q[r * cols + c] = (byte) Math.max(-127, Math.min(127, Math.round(rowMajor[r * cols + c] / scale)));
            }
        }
        return new WeightMatrix(rows, cols, null, q, s);
    }

    /** @return number of rows (outputs) */
    public int rows() {
        return rows;
    }

    /** @return number of columns (inputs) */
    public int cols() {
        return cols;
    }

    /** @return the precision the weights are stored in */
    public Precision precision() {
        return weights != null ? Precision.FLOAT32 : Precision.INT8;
    }

    /**
     * y[yOff + r] += sum_c W[r][c] * x[xOff + c] for every row r.
     *
     * @param x input vector, cols values from xOff
     * @param xOff offset into x
     * @param y output vector, rows values from yOff (accumulated into)
     * @param yOff offset into y
     */
    public void multiplyAdd(float[] x, int xOff, float[] y, int yOff) {
        if (weights != null) {
            KERNEL.multiplyAdd(weights, rows, cols, x, xOff, y, yOff);
        } else {
            KERNEL.multiplyAddQuantised(quantised, scales, rows, cols, x, xOff, y, yOff);
        }
    }
}
