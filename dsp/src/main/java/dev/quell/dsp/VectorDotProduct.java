package dev.quell.dsp;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DotProduct} on the JDK's incubating Vector API: fused multiply-adds over
 * {@link DoubleVector#SPECIES_PREFERRED} lanes into two accumulators (so consecutive FMAs do not
 * wait for each other), reduced at the end, with a scalar tail. The products of widened floats
 * are exact, so the FMA rounds exactly as a separate add would. Loaded only when
 * {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorDotProduct implements DotProduct {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public double dot(double[] x, int a, int b, int length) {
        int lanes = SPECIES.length();
        DoubleVector acc0 = DoubleVector.zero(SPECIES);
        DoubleVector acc1 = DoubleVector.zero(SPECIES);
        int i = 0;
        for (; i + 2 * lanes <= length; i += 2 * lanes) {
            acc0 = DoubleVector.fromArray(SPECIES, x, a + i)
                    .fma(DoubleVector.fromArray(SPECIES, x, b + i), acc0);
            acc1 = DoubleVector.fromArray(SPECIES, x, a + i + lanes)
                    .fma(DoubleVector.fromArray(SPECIES, x, b + i + lanes), acc1);
        }
        for (; i + lanes <= length; i += lanes) {
            acc0 = DoubleVector.fromArray(SPECIES, x, a + i)
                    .fma(DoubleVector.fromArray(SPECIES, x, b + i), acc0);
        }
        double sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            sum += x[a + i] * x[b + i];
        }
        return sum;
    }
}
