package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamRendererTest {
    private static float[][] signal(int ch, int n) {
        Random r = new Random(ch);
        float[][] x = new float[ch][n];
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = (float) (0.05 * r.nextGaussian() + 0.2 * Math.sin(i * 0.02 * (c + 1)));
            }
        }
        return x;
    }

    /** Feeds the stream in uneven pieces and collects what comes out. */
    private static float[][] stream(AlignedStream r, float[][] x, long seed) {
        int ch = x.length;
        int n = x[0].length;
        float[][] y = new float[ch][n];
        float[][] out = new float[ch][Math.max(r.maxOutput(20_000), r.maxOutput(0))];
        Random rnd = new Random(seed);
        int pos = 0;
        int got = 0;
        while (pos < n) {
            int m = Math.min(n - pos, rnd.nextInt(20_000));
            int k = r.process(x, pos, m, out);
            for (int c = 0; c < ch; c++) {
                System.arraycopy(out[c], 0, y[c], got, k);
            }
            got += k;
            pos += m;
        }
        int k = r.finish(out);
        for (int c = 0; c < ch; c++) {
            System.arraycopy(out[c], 0, y[c], got, k);
        }
        assertEquals(n, got + k, "as many frames out as in");
        return y;
    }

    @Test
    void streamingEqualsRenderingTheWholeSignal() {
        for (int ch = 1; ch <= 2; ch++) {
            float[][] x = signal(ch, 37_123);
            QuellEngine e = new QuellEngine(EngineModels.defaults());
            e.prepare(16_000, 1000, ch);
            float[][] whole = OfflineRenderer.render(e, x, 1000, null);
            float[][] streamed = stream(new StreamRenderer(new QuellEngine[] {e}, ch, 1000), x, 5);
            for (int c = 0; c < ch; c++) {
                assertArrayEquals(whole[c], streamed[c], "channel " + c);
            }
        }
    }

    @Test
    void moreThanTwoChannelsAreEnhancedOneByOne() {
        float[][] x = signal(3, 12_000);
        QuellEngine[] es = new QuellEngine[3];
        for (int c = 0; c < 3; c++) {
            es[c] = new QuellEngine(EngineModels.defaults());
            es[c].prepare(48_000, 512, 1);
        }
        float[][] y = stream(new StreamRenderer(es, 3, 512), x, 9);
        QuellEngine mono = new QuellEngine(EngineModels.defaults());
        mono.prepare(48_000, 512, 1);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(OfflineRenderer.render(mono, new float[][] {x[c]}, 512, null)[0], y[c], "channel " + c);
        }
        assertThrows(IllegalArgumentException.class, () -> new StreamRenderer(new QuellEngine[] {es[0]}, 3, 512));
    }

    @Test
    void aRateTheEngineDoesNotRunIsStreamedThroughTheConvertersAsRenderAtRateDoes() {
        for (int rate : new int[] {7_350, 6_000, 441_000}) {
            for (int ch = 1; ch <= 2; ch++) {
                float[][] x = signal(ch, 29_999 + rate % 1000);
                QuellEngine e = new QuellEngine(EngineModels.defaults());
                e.prepare(OfflineRenderer.engineRate(rate), 1000, ch);
                float[][] whole = OfflineRenderer.renderAtRate(e, x, rate, 1000, null);
                float[][] streamed = stream(new ResampledStreamRenderer(new QuellEngine[] {e}, ch, 1000, rate, 20_000), x, rate);
                for (int c = 0; c < ch; c++) {
                    assertArrayEquals(whole[c], streamed[c], rate + " Hz, channel " + c);
                }
            }
        }
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.prepare(48_000, 1000, 1);
        ResampledStreamRenderer r = new ResampledStreamRenderer(new QuellEngine[] {e}, 1, 1000, 7_350, 100);
        assertThrows(IllegalArgumentException.class, () -> r.process(new float[1][200], 0, 101, new float[1][r.maxOutput(101)]));
    }
}
