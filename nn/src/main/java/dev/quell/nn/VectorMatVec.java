package dev.quell.nn;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector kernel on the JDK's Vector API (JEP 338 onwards, incubating in JDK 17): each row
 * is a fused multiply-add over {@link FloatVector#SPECIES_PREFERRED} lanes, reduced at the end,
 * with a scalar tail. Loaded only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorMatVec implements MatVec {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Bytes with as many lanes as SPECIES has floats (a quarter of its bit size). */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 4));

    @Override
    public void multiplyAdd(float[] w, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            FloatVector acc = FloatVector.zero(SPECIES);
            int c = 0;
            for (; c < bound; c += SPECIES.length()) {
                FloatVector wv = FloatVector.fromArray(SPECIES, w, base + c);
                FloatVector xv = FloatVector.fromArray(SPECIES, x, xOff + c);
                acc = wv.fma(xv, acc);
            }
            float sum = acc.reduceLanes(VectorOperators.ADD);
            for (; c < cols; c++) {
                sum += w[base + c] * x[xOff + c];
            }
            y[yOff + r] += sum;
        }
    }

    @Override
    public void multiplyAddQuantised(byte[] q, float[] scales, int rows, int cols, float[] x, int xOff,
                                     float[] y, int yOff) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            FloatVector acc = FloatVector.zero(SPECIES);
            int c = 0;
            for (; c < bound; c += lanes) {
                FloatVector wv = (FloatVector) ByteVector.fromArray(BYTES, q, base + c).castShape(SPECIES, 0);
                acc = wv.fma(FloatVector.fromArray(SPECIES, x, xOff + c), acc);
            }
            float sum = acc.reduceLanes(VectorOperators.ADD);
            for (; c < cols; c++) {
                sum += q[base + c] * x[xOff + c];
            }
            y[yOff + r] += sum * scales[r];
        }
    }

    @Override
    public String name() {
        return Messages.vectorKernel(SPECIES.length());
    }
}
