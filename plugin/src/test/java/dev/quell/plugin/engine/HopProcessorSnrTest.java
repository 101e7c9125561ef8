package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;
import dev.quell.nn.Model;
import dev.quell.nn.ModelState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hop processor limits the post-filter by the SNR its network's gains imply
 * ({@link PostFilterSnrLimit}): with a model whose gains are a constant g in every band, the
 * estimate is 10 log10(g^2 / (1 - g^2)) whatever the input, so the output must be the DSP chain's
 * output at the limited strength.
 */
class HopProcessorSnrTest {
    private static final int HOP = FrameFormat.HOP;
    private static final int HOPS = 200;

    @TempDir
    Path dir;

    /** A model whose band gains are {@code g} (0..1, linear) in every band and frame, at two frames of look-ahead. */
    private Model constantGains(float g) throws IOException {
        return TestModels.constant(dir, (float) Math.log(g / (1 - g))).model(2);
    }

    private static float[] noise() {
        Random r = new Random(7);
        float[] x = new float[HOPS * HOP];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * r.nextGaussian());
        }
        return x;
    }

    private static float[] throughHops(HopProcessor hop, float[] x, float postFilter) {
        float[] y = new float[x.length];
        float[][] in = {x};
        float[][] out = {y};
        for (int h = 0; h < HOPS; h++) {
            hop.process(in, h * HOP, out, h * HOP, postFilter, 0f);
        }
        return y;
    }

    /** The DSP chain alone with the model's constant gains and strengths at a fixed post-filter strength. */
    private static float[] throughChain(Model model, float[] x, float strength) {
        float[] g = new float[model.bands()];
        float[] r = new float[model.bands()];
        ModelState state = model.newState();
        for (int t = 0; t <= model.lookahead(); t++) { // past the look-ahead's start-up
            state.infer(new float[model.inputSize()], g, r); // zero weights: the outputs are the biases' sigmoids
        }
        FrameChain chain = new FrameChain(model.lookahead());
        float[] y = new float[x.length];
        for (int h = 0; h < HOPS; h++) {
            chain.analyze(x, h * HOP);
            chain.prepareOutputFrame();
            chain.synthesize(g, r, strength, 0f, y, h * HOP);
        }
        return y;
    }

    private static double maxDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    private static double peak(float[] a) {
        double p = 0;
        for (float v : a) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    @Test
    void atALowEstimatedSnrTheSharperWarpIsLimitedToOne() throws IOException {
        float g = 0.4f;
        Model model = constantGains(g);
        HopProcessor hop = new HopProcessor(model, 1);
        float[] x = noise();
        float[] y = throughHops(hop, x, 1.5f);
        double expectedSnr = 10 * Math.log10(g * g / (1 - g * g));
        assertEquals(expectedSnr, hop.snrDb(), 0.01);
        assertTrue(expectedSnr < PostFilterSnrLimit.LOW_SNR_DB);
        assertEquals(0.0, maxDifference(y, throughChain(model, x, 1f)), 0.0, "strength 1");
        double unlimited = maxDifference(y, throughChain(model, x, 1.5f));
        assertTrue(unlimited > 1e-2 * peak(y), "against strength 1.5: " + unlimited + ", peak " + peak(y));
        HopProcessor weaker = new HopProcessor(model, 1);
        assertEquals(0.0, maxDifference(throughHops(weaker, x, 0.75f), throughChain(model, x, 0.75f)), 0.0,
                "a strength below 1 (16 kHz) is not changed");
    }

    @Test
    void atAHighEstimatedSnrTheWholeStrengthApplies() throws IOException {
        Model model = constantGains(0.9f);
        HopProcessor hop = new HopProcessor(model, 1);
        float[] x = noise();
        float[] y = throughHops(hop, x, 1.5f);
        assertTrue(hop.snrDb() > PostFilterSnrLimit.HIGH_SNR_DB, "" + hop.snrDb());
        assertEquals(0.0, maxDifference(y, throughChain(model, x, 1.5f)), 0.0);
        hop.reset();
        assertEquals(0f, hop.snrDb(), 0f, "reset forgets the estimate");
    }
}
