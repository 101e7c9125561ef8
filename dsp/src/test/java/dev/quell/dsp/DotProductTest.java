package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DotProductTest {
    /** The exact sum of the (exact) products of widened floats, rounded once to double. */
    private static double exact(double[] x, int a, int b, int length) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < length; i++) {
            s = s.add(new BigDecimal(x[a + i]).multiply(new BigDecimal(x[b + i])));
        }
        return s.round(MathContext.DECIMAL64).doubleValue();
    }

    @Test
    void bothKernelsMatchTheExactSumForEveryTailLength() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        DotProduct[] kernels = {new ScalarDotProduct(), new VectorDotProduct()};
        for (int length : new int[] {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 360, 1440}) {
            int a = 400;
            int b = 400 - 1 - length % 13;
            double want = exact(x, a, b, length);
            double scale = 0;
            for (int i = 0; i < length; i++) {
                scale += Math.abs(x[a + i] * x[b + i]);
            }
            for (DotProduct k : kernels) {
                double got = k.dot(x, a, b, length);
                assertEquals(want, got, 1e-14 * scale + 1e-300, k.getClass().getSimpleName() + " length " + length);
            }
        }
    }

    @Test
    void theVectorKernelIsChosenWhenTheVectorApiIsUsable() {
        // the test JVM runs with --add-modules jdk.incubator.vector and C2 (root pom's argLine)
        assertTrue(dev.quell.jvm.VectorSupport.usable(), "Vector API usable in the test JVM");
        assertEquals(VectorDotProduct.class, DotProduct.get().getClass());
    }
}
