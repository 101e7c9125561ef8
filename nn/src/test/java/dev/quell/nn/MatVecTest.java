package dev.quell.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatVecTest {
    /** Runs {@link PrintKernel} in a child JVM with the given options and returns what it chose. */
    private static String kernelInChildJvm(String... jvmOptions) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.util.List.of(jvmOptions));
        cmd.addAll(java.util.List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                PrintKernel.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        int at = out.indexOf("kernel=");
        assertTrue(at >= 0, out);
        return out.substring(at + 7).trim();
    }

    @Test
    void withoutTheOptimisingCompilerTheScalarKernelIsChosen() throws Exception {
        // the Vector API allocates on every operation unless C2 compiles it
        assertEquals("scalar", kernelInChildJvm("-XX:TieredStopAtLevel=1"));
        assertEquals("scalar", kernelInChildJvm("-Xint"));
        assertTrue(kernelInChildJvm().startsWith("vector"));
    }

    @Test
    void vectorKernelIsInUseUnderTheTestJvmAndMatchesTheScalarOne() {
        MatVec chosen = MatVec.get();
        assertTrue(chosen.name().startsWith("vector"), "tests run with --add-modules jdk.incubator.vector: " + chosen.name());
        MatVec scalar = new ScalarMatVec();
        Random r = new Random(9);
        for (int[] shape : new int[][] {{34, 768}, {768, 256}, {7, 13}, {1, 1}, {5, 70}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] w = new float[rows * cols];
            float[] x = new float[cols + 3];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextGaussian() / (float) Math.sqrt(cols);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            float[] a = new float[rows + 2];
            float[] b = new float[rows + 2];
            scalar.multiplyAdd(w, rows, cols, x, 3, a, 2);
            chosen.multiplyAdd(w, rows, cols, x, 3, b, 2);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5, rows + "x" + cols + " row " + i);
            }
            byte[] q = new byte[rows * cols];
            float[] scales = new float[rows];
            for (int i = 0; i < q.length; i++) {
                q[i] = (byte) (r.nextInt(255) - 127);
            }
            for (int i = 0; i < rows; i++) {
                scales[i] = 0.01f * (1 + r.nextFloat());
            }
            float[] qa = new float[rows + 2];
            float[] qb = new float[rows + 2];
            scalar.multiplyAddQuantised(q, scales, rows, cols, x, 3, qa, 2);
            chosen.multiplyAddQuantised(q, scales, rows, cols, x, 3, qb, 2);
            for (int i = 0; i < qa.length; i++) {
                assertEquals(qa[i], qb[i], 1e-5 * (1 + Math.abs(qa[i])), "int8 " + rows + "x" + cols + " row " + i);
            }
        }
    }
}
