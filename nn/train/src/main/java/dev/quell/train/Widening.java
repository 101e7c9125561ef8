package dev.quell.train;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the parameters of a trained {@link QuellNet} onto a larger one that computes exactly the
 * same outputs until training changes it (function-preserving widening, in the spirit of Net2Net,
 * Chen, Goodfellow and Shlens 2016, with zero instead of copied outgoing weights). Two ways to grow:
 *
 * <ul>
 *   <li>more input features (70 to 104 or 138, 104 to 138: the {@link dev.quell.dsp.NetworkInputs} layouts): the input
 *       layer gets zero weights for the new inputs;</li>
 *   <li>a larger state size of gru1 and gru2 (H to H'): every gate block (r, z, n, PyTorch order)
 *       keeps the old units as its first H rows; the new units get random input and recurrent
 *       weights, uniform in ±1/√H' (PyTorch's GRU initialisation), and zero biases; every weight
 *       from a new unit into an old unit or into the heads (gru2, gru_r, gains; the old units'
 *       recurrence) is 0, so the new units cannot change any output until those weights are
 *       trained, while gradients reach them through those zero weights.</li>
 * </ul>
 * Every other parameter must keep its shape.
 */
final class Widening {
    private static final Pattern KEY = Pattern.compile("^\\d*(input|conv1|conv2|gru1|gru2|gru_r|gains|strengths|snr)_(.+)$");
    private final int fromGru;
    private final int toGru;
    private final Random random;

    /**
     * @param fromGru state size H of gru1/gru2 in the checkpoint
     * @param toGru state size H' ≥ H of the live network
     * @param seed seed of the new units' random weights
     * @throws IllegalArgumentException if H' &lt; H
     */
    Widening(int fromGru, int toGru, long seed) {
        if (toGru < fromGru) {
            throw new IllegalArgumentException("cannot shrink the GRUs from " + fromGru + " to " + toGru);
        }
        this.fromGru = fromGru;
        this.toGru = toGru;
        this.random = new Random(seed);
    }

    /**
     * @param key DJL parameter name of the live network, e.g. {@code 04gru1_l_0_i2h_WEIGHT}
     * @param values the checkpoint tensor, row-major
     * @param from its shape
     * @param to the live parameter's shape
     * @param source checkpoint file, for messages
     * @return the tensor in shape {@code to}, row-major
     * @throws IOException if the shapes cannot be mapped (names the file and the parameter)
     */
    float[] apply(String key, float[] values, Shape from, Shape to, Path source) throws IOException {
        if (from.equals(to)) {
            return values;
        }
        Matcher m = KEY.matcher(key);
        if (!m.matches() || from.dimension() != to.dimension() || from.dimension() > 2) {
            throw mismatch(source, key, from, to);
        }
        String block = m.group(1);
        boolean gru = block.equals("gru1") || block.equals("gru2");
        boolean bias = from.dimension() == 1;
        int oldRows = (int) from.get(0);
        int newRows = (int) to.get(0);
        int oldCols = bias ? 1 : (int) from.get(1);
        int newCols = bias ? 1 : (int) to.get(1);
        IntUnaryOperator rows = gru ? gated(oldRows, newRows) : same(oldRows, newRows);
        IntUnaryOperator cols = bias ? j -> j : columns(block, oldCols, newCols);
        if (rows == null || cols == null || newCols < oldCols) {
            throw mismatch(source, key, from, to);
        }
        float[] out = new float[newRows * newCols];
        boolean[] kept = new boolean[newRows];
        for (int r = 0; r < oldRows; r++) {
            int nr = rows.applyAsInt(r);
            kept[nr] = true;
            for (int c = 0; c < oldCols; c++) {
                out[nr * newCols + cols.applyAsInt(c)] = values[r * oldCols + c];
            }
        }
        if (!bias) {
            randomiseNewRows(out, kept, newCols);
        }
        return out;
    }

    /**
     * Where a weight matrix's old input columns go. The gain and SNR heads read [conv2, gru1, gru2]:
     * the old gru2 units move up by H' - H. Every other matrix (input layer with new features,
     * gru1/gru2 recurrence, gru2 and gru_r inputs) keeps its old inputs at the front.
     *
     * @return the column map, or null if the head's sizes do not match H and H'
     */
    private IntUnaryOperator columns(String block, int oldCols, int newCols) {
        if (!block.equals("gains") && !block.equals("snr")) {
            return j -> j;
        }
        int conv = QuellNet.CONV;
        if (oldCols != conv + 2 * fromGru || newCols != conv + 2 * toGru) {
            return null;
        }
        return j -> j < conv + fromGru ? j : j + (toGru - fromGru);
    }

    /** Gives the rows not kept from the checkpoint uniform weights in ±1/√H' (PyTorch's GRU initialisation). */
    private void randomiseNewRows(float[] out, boolean[] kept, int cols) {
        float k = (float) (1 / Math.sqrt(toGru));
        for (int r = 0; r < kept.length; r++) {
            if (!kept[r]) {
                for (int c = 0; c < cols; c++) {
                    out[r * cols + c] = (2 * random.nextFloat() - 1) * k;
                }
            }
        }
    }

    /** Rows in three gate blocks of H, mapped into blocks of H'; null if the sizes do not match. */
    private IntUnaryOperator gated(int oldRows, int newRows) {
        if (oldRows != 3 * fromGru || newRows != 3 * toGru) {
            return null;
        }
        return r -> (r / fromGru) * toGru + r % fromGru;
    }

    private static IntUnaryOperator same(int oldRows, int newRows) {
        return oldRows == newRows ? r -> r : null;
    }

    private static IOException mismatch(Path source, String key, Shape from, Shape to) {
        return new IOException(source + ": parameter " + key + " has shape " + from + " where " + to
                + " was expected");
    }
}
