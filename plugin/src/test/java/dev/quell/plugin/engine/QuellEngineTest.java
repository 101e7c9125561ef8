package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.plugin.AllocationProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuellEngineTest {
    @TempDir
    static Path dir;
    static EngineModels unity;
    static EngineModels silence;

    @BeforeAll
    static void models() throws IOException {
        unity = TestModels.unity(dir);
        silence = TestModels.silence(dir);
    }

    /** Runs the engine with a given sequence of block sizes (cycled) and collects the raw output. */
    private static float[][] run(QuellEngine e, float[][] x, int[] blocks) {
        int ch = x.length;
        int n = x[0].length;
        float[][] y = new float[ch][n];
        float[][] in = new float[ch][8192];
        float[][] out = new float[ch][8192];
        int pos = 0;
        int k = 0;
        while (pos < n) {
            int m = Math.min(blocks[k++ % blocks.length], n - pos);
            for (int c = 0; c < ch; c++) {
                System.arraycopy(x[c], pos, in[c], 0, m);
            }
            e.process(in, out, m);
            for (int c = 0; c < ch; c++) {
                System.arraycopy(out[c], 0, y[c], pos, m);
            }
            pos += m;
        }
        return y;
    }

    private static int[] randomBlocks(long seed, int count, int max) {
        Random r = new Random(seed);
        int[] b = new int[count];
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(10);
            b[i] = kind == 0 ? 0 : kind == 1 ? 1 : kind == 2 ? max : 1 + r.nextInt(kind < 6 ? 64 : max);
        }
        return b;
    }

    private static float[][] stereo(long seed, int n, int rate) {
        return new float[][] {TestModels.speechLike(seed, n, rate), TestModels.speechLike(seed + 1, n, rate)};
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100, 96000, 16000, 11025})
    void outputIsBitIdenticalWhateverTheBlockSizes(int rate) {
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.prepare(rate, 8192, 2);
        float[][] x = stereo(3, rate * 3, rate);
        float[][] ref = run(e, x, new int[] {480});
        for (long seed = 1; seed <= 3; seed++) {
            e.reset();
            float[][] y = run(e, x, randomBlocks(seed, 500, 8192));
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(ref[c], y[c], "rate " + rate + " seed " + seed + " channel " + c);
            }
        }
        double ey = TestModels.energy(ref[0], 0, ref[0].length);
        assertTrue(ey > 0, "the default model passes some signal");
    }

    /** Delay of y against x by cross-correlation over lags 0..maxLag. */
    private static int measuredDelay(float[] x, float[] y, int maxLag) {
        int best = -1;
        double bestC = -1;
        for (int lag = 0; lag <= maxLag; lag++) {
            double c = 0;
            for (int i = 0; i + lag < y.length && i < x.length; i++) {
                c += x[i] * (double) y[i + lag];
            }
            if (c > bestC) {
                bestC = c;
                best = lag;
            }
        }
        return best;
    }

    @ParameterizedTest
    @CsvSource({"48000,20", "48000,10", "48000,0", "44100,20", "44100,0", "88200,20", "96000,10", "22050,20", "32000,0", "16000,20", "11025,10", "8000,0", "8000,20",
            "12000,20", "37800,10", "352800,20", "384000,0", "384000,20"})
    void reportedLatencyIsTheMeasuredDelay(int rate, int lookaheadMs) {
        QuellEngine e = new QuellEngine(unity);
        e.setParameter(Parameter.POST_FILTER, 0);
        e.setParameter(Parameter.LOOKAHEAD, lookaheadMs);
        e.prepare(rate, 512, 1);
        int latency = e.latencySamples();
        if (rate == 48000) {
            assertEquals((1 + lookaheadMs / 10) * 480 + 479, latency);
        }
        int n = rate;
        // an impulse, then a noise burst
        float[] x = new float[n];
        x[rate / 10] = 0.5f;
        Random r = new Random(4);
        // band-limited (three ~1.4 ms moving averages, first null near 5-6 kHz) so the resamplers'
        // band edge (0.45 x the lower rate) does not matter
        int ma = Math.max(8, rate / 5500);
        float[] w = new float[rate / 10 + 2 * ma];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.4 * r.nextGaussian());
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int i = w.length - 1; i >= ma - 1; i--) {
                float s = 0;
                for (int j = 0; j < ma; j++) {
                    s += w[i - j];
                }
                w[i] = s / ma;
            }
        }
        System.arraycopy(w, 2 * ma, x, rate / 2, rate / 10);
        float[] y = run(e, new float[][] {x}, new int[] {137, 512, 1, 60})[0];
        float[] impulse = java.util.Arrays.copyOfRange(x, 0, rate / 3);
        float[] burst = java.util.Arrays.copyOfRange(x, rate / 3, n);
        assertEquals(latency, measuredDelay(impulse, java.util.Arrays.copyOfRange(y, 0, n), 2 * latency));
        assertEquals(latency, measuredDelay(burst, java.util.Arrays.copyOfRange(y, rate / 3, n), 2 * latency));
        // and the unity model really passes the signal: aligned output matches the input
        double err = 0;
        for (int i = rate / 2; i < rate / 2 + rate / 10; i++) {
            err += Math.pow(y[i + latency] - x[i], 2);
        }
        double rel = 10 * Math.log10(err / TestModels.energy(x, rate / 2, rate / 2 + rate / 10));
        assertTrue(rel < -40, "aligned error " + rel + " dB");
    }

    @Test
    void lookaheadChangesLatencyAndTellsTheListener() {
        QuellEngine e = new QuellEngine(unity);
        e.prepare(44100, 256, 2);
        List<Integer> told = new ArrayList<>();
        e.setLatencyListener(told::add);
        int l20 = e.latencySamples();
        e.setParameter(Parameter.LOOKAHEAD, 20); // unchanged: no call
        e.setParameter(Parameter.LOOKAHEAD, 0);
        int l0 = e.latencySamples();
        e.setParameter(Parameter.POST_FILTER, 10);
        assertEquals(List.of(l0), told);
        assertTrue(l20 - l0 >= 2 * 441 && l20 - l0 <= 2 * 441 + 2, l20 + " vs " + l0);
        // after the switch the measured delay is the new latency
        float[] x = new float[44100];
        x[30000] = 0.5f;
        float[] y = run(e, new float[][] {x, x}, new int[] {256})[0];
        assertEquals(l0, measuredDelay(java.util.Arrays.copyOfRange(x, 20000, 44100),
                java.util.Arrays.copyOfRange(y, 20000, 44100), 3000));
    }

    @Test
    void bypassIsLatencyCompensatedAndCrossfadesWithoutClicks() {
        QuellEngine e = new QuellEngine(silence);
        e.prepare(48000, 128, 1);
        int n = 48000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 48000.0));
        }
        float[][] in = new float[1][128];
        float[][] out = new float[1][128];
        float[] y = new float[n];
        for (int pos = 0; pos < n; pos += 128) {
            if (pos == 12800) {
                e.setParameter(Parameter.BYPASS, 1);
            }
            if (pos == 38400) {
                e.setParameter(Parameter.BYPASS, 0);
            }
            System.arraycopy(x, pos, in[0], 0, 128);
            e.process(in, out, 128);
            System.arraycopy(out[0], 0, y, pos, 128);
        }
        int lat = e.latencySamples();
        // fully bypassed: exactly the input, delayed by the latency
        for (int i = 12800 + 480; i < 38400; i++) {
            assertEquals(x[i - lat], y[i], 0f, "sample " + i);
        }
        // before and after: the silence model removes everything
        assertTrue(TestModels.energy(y, 6000, 12800) < 1e-6 * TestModels.energy(x, 6000, 12800));
        assertTrue(TestModels.energy(y, 38400 + 960, n) < 1e-6 * TestModels.energy(x, 38400 + 960, n));
        // no clicks: the largest step in the output is no larger than the sine's own
        double maxStep = 0;
        for (int i = 1; i < n; i++) {
            maxStep = Math.max(maxStep, Math.abs(y[i] - y[i - 1]));
        }
        double sineStep = 0.5 * 2 * Math.PI * 220 / 48000.0;
        assertTrue(maxStep <= sineStep * 1.05, "largest step " + maxStep + " vs sine " + sineStep);
    }

    @Test
    void parameterChangesAreSmoothedAndALookaheadSwitchDoesNotClick() {
        QuellEngine e = new QuellEngine(silence);
        e.setParameter(Parameter.POST_FILTER, 0);
        e.prepare(48000, 480, 1);
        int n = 48000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
        }
        float[][] in = new float[1][480];
        float[][] out = new float[1][480];
        float[] y = new float[n];
        for (int hop = 0; hop < n / 480; hop++) {
            if (hop == 30) {
                e.setParameter(Parameter.ATTENUATION_LIMIT, 6); // from -100 dB to -6 dB at once
            }
            if (hop == 70) {
                e.setParameter(Parameter.LOOKAHEAD, 0);
            }
            System.arraycopy(x, hop * 480, in[0], 0, 480);
            e.process(in, out, 480);
            System.arraycopy(out[0], 0, y, hop * 480, 480);
        }
        // the gain glides over several hops instead of jumping (the change acts on the frame being
        // synthesised when it arrives): hop levels rise monotonically through at least three
        // intermediate levels between the -100 dB floor and the final -6 dB one
        double end = 10 * Math.log10(TestModels.energy(y, 60 * 480, 61 * 480) / 480);
        int intermediate = 0;
        double previous = -200;
        for (int hop = 28; hop < 50; hop++) {
            int from = hop * 480;
            double rms = 10 * Math.log10(TestModels.energy(y, from, from + 480) / 480 + 1e-20);
            assertTrue(rms >= previous - 0.5, "level falls back at hop " + hop);
            previous = rms;
            if (rms > -90 && rms < end - 1) {
                intermediate++;
            }
        }
        assertTrue(intermediate >= 3, "only " + intermediate + " intermediate hops: the change is not smoothed");
        // no step larger than the sine's own anywhere, including the look-ahead switch (fade out, fade in)
        double maxStep = 0;
        for (int i = 1; i < n; i++) {
            maxStep = Math.max(maxStep, Math.abs(y[i] - y[i - 1]));
        }
        assertTrue(maxStep <= 0.5 * 2 * Math.PI * 440 / 48000.0 * 1.05, "largest step " + maxStep);
        assertEquals(959, e.latencySamples());
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 12, 30})
    void attenuationLimitBoundsTheReduction(int limitDb) {
        QuellEngine e = new QuellEngine(silence);
        e.setParameter(Parameter.ATTENUATION_LIMIT, limitDb);
        e.setParameter(Parameter.POST_FILTER, 0);
        e.prepare(48000, 1024, 1);
        float[] x = TestModels.speechLike(5, 48000, 48000);
        float[] y = OfflineRenderer.render(e, new float[][] {x}, 1024, null)[0];
        double ratio = TestModels.energy(y, 4800, 43200) / TestModels.energy(x, 4800, 43200);
        assertEquals(-limitDb, 10 * Math.log10(ratio), 0.5);
    }

    @Test
    void processAllocatesNothing() {
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.prepare(44100, 1024, 2);
        AllocationProbe.bytes(); // warms the probe before the measured calls
        Random r = new Random(6);
        float[][] in = new float[2][1024];
        float[][] out = new float[2][1024];
        for (int c = 0; c < 2; c++) {
            float[] s = TestModels.speechLike(c, 1024, 44100);
            System.arraycopy(s, 0, in[c], 0, 1024);
        }
        // 40,000 calls (about 5,000 hops): past the JIT's first C2 compilations of every audio-path
        // class, which used to allocate interned string constants on this thread (see JitStringConstants)
        int calls = 40_000;
        int[] sizes = new int[calls];
        for (int i = 0; i < calls; i++) {
            sizes[i] = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 32 : 256);
        }
        long total = 0;
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < calls; i++) {
            if (i % 1000 == 500) {
                e.setParameter(Parameter.POST_FILTER, i % 2000 == 500 ? 30 : 90);
                e.setParameter(Parameter.BYPASS, i % 3000 == 500 ? 1 : 0);
            }
            if (i == 5000) {
                e.setParameter(Parameter.LOOKAHEAD, 10);
            }
            if (i == 25_000) {
                e.setParameter(Parameter.LOOKAHEAD, 0);
            }
            long before = AllocationProbe.bytes();
            e.process(in, out, sizes[i]);
            long bytes = AllocationProbe.bytes() - before;
            if (bytes != 0 && where.length() < 200) {
                where.append(" call ").append(i).append(": ").append(bytes).append(" B;");
            }
            total += bytes;
        }
        assertEquals(0, total, "bytes allocated by " + calls + " process calls:" + where);
    }

    @Test
    void badSamplesNeverPropagateAndTheEngineRecovers() {
        QuellEngine e = new QuellEngine(unity);
        e.setParameter(Parameter.POST_FILTER, 0);
        e.prepare(48000, 480, 1);
        int n = 48000;
        float[] x = TestModels.speechLike(7, n, 48000);
        float[] bad = x.clone();
        float[] poison = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e30f, Float.MIN_VALUE, 1e-39f};
        for (int i = 9600; i < 9600 + 960; i++) {
            bad[i] = poison[i % poison.length];
        }
        float[] y = run(e, new float[][] {bad}, new int[] {480})[0];
        for (int i = 0; i < n; i++) {
            assertTrue(Float.isFinite(y[i]), "sample " + i);
        }
        int lat = e.latencySamples();
        // a few frames after the bad block has left the window the output is the clean input again
        int from = 9600 + 960 + lat + 3 * 480;
        double err = 0;
        for (int i = from; i < n; i++) {
            err += Math.pow(y[i] - x[i - lat], 2);
        }
        assertTrue(10 * Math.log10(err / TestModels.energy(x, from - lat, n - lat)) < -40);
        // the real network too: finite, and alive afterwards
        QuellEngine d = new QuellEngine(EngineModels.defaults());
        d.prepare(48000, 480, 1);
        float[] z = run(d, new float[][] {bad}, new int[] {480})[0];
        for (float v : z) {
            assertTrue(Float.isFinite(v));
        }
        assertTrue(TestModels.energy(z, 24000, n) > 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 16000})
    void theOutputNeverExceedsTheInputsPeakAndNonFiniteInputCountsAsFullScale(int rate) {
        int n = 2 * rate;
        for (float absurd : new float[] {Float.POSITIVE_INFINITY, 1e30f}) {
            float[] x = new float[n];
            for (int i = rate / 2; i < rate / 2 + rate / 10; i++) {
                x[i] = i % 2 == 0 ? absurd : -absurd;
            }
            QuellEngine d = new QuellEngine(EngineModels.defaults());
            d.prepare(rate, 480, 1);
            float[] y = run(d, new float[][] {x}, new int[] {480})[0];
            float peak = 0;
            for (float v : y) {
                peak = Math.max(peak, Math.abs(v));
            }
            // before the ceiling: +24 dBFS for infinities, +32 dBFS for 1e30 (clamped to 64 at the input)
            assertTrue(peak <= (Float.isInfinite(absurd) ? 1f : 64f), absurd + " at " + rate + " Hz: peak " + peak);
        }
        // a full-scale click in silence must not come out louder than it went in
        float[] click = new float[n];
        click[rate / 2] = 1f;
        QuellEngine d = new QuellEngine(EngineModels.defaults());
        d.prepare(rate, 480, 1);
        float[] y = run(d, new float[][] {click}, new int[] {480})[0];
        int lat = d.latencySamples();
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(y[i]) <= (i >= rate / 2 + lat ? 1f : 0f), "sample " + i + ": " + y[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 8000})
    void badSamplesAtLowerHostRatesLeaveTheFloorAndTheResamplersFinite(int rate) {
        QuellEngine d = new QuellEngine(EngineModels.defaults());
        d.prepare(rate, 480, 1);
        int n = 2 * rate;
        float[] bad = TestModels.speechLike(7, n, rate);
        float[] poison = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e30f, Float.MIN_VALUE, 1e-39f};
        for (int i = rate / 5; i < rate / 5 + rate / 50; i++) {
            bad[i] = poison[i % poison.length];
        }
        float[] z = run(d, new float[][] {bad}, new int[] {480})[0];
        for (float v : z) {
            assertTrue(Float.isFinite(v));
        }
        assertTrue(TestModels.energy(z, n / 2, n) > 0, "alive after the bad block");
    }

    @Test
    void stereoKeepsThePanPosition() {
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.prepare(48000, 512, 2);
        float[] s = TestModels.speechLike(8, 96000, 48000);
        float[][] x = new float[2][96000];
        for (int i = 0; i < s.length; i++) {
            x[0][i] = 0.8f * s[i];
            x[1][i] = 0.3f * s[i];
        }
        float[][] y = OfflineRenderer.render(e, x, 512, null);
        double el = TestModels.energy(y[0], 0, 96000);
        double er = TestModels.energy(y[1], 0, 96000);
        assertTrue(el > 0);
        assertEquals(20 * Math.log10(0.8 / 0.3), 10 * Math.log10(el / er), 0.01);
        // hard left stays hard left
        float[][] hard = {s, new float[96000]};
        float[][] yh = OfflineRenderer.render(e, hard, 512, null);
        assertEquals(0.0, TestModels.energy(yh[1], 0, 96000), 0.0);
        assertTrue(TestModels.energy(yh[0], 0, 96000) > 0);
    }

    @Test
    void unsupportedConfigurationsAreRefusedClearly() {
        QuellEngine e = new QuellEngine(unity);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.prepare(12345, 512, 1));
        assertTrue(ex.getMessage().contains("12345") && ex.getMessage().contains("44100"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.prepare(400_000, 512, 1));
        assertThrows(IllegalArgumentException.class, () -> e.prepare(7999, 512, 1));
        ex = assertThrows(IllegalArgumentException.class, () -> e.prepare(48000, 512, 6));
        assertTrue(ex.getMessage().contains("6 channels"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.prepare(44100.5, 512, 1));
        float[][] io = {{1f, 2f, 3f}};
        e.process(io, io, 3); // not prepared: silence, no exception
        assertArrayEquals(new float[3], io[0]);
    }

    @Test
    void stateRoundTripsExactlyAndABadStateChangesNothing() {
        QuellEngine a = new QuellEngine(unity);
        a.setParameter(Parameter.POST_FILTER, 33.3333333);
        a.setParameter(Parameter.LOOKAHEAD, 10);
        a.setParameter(Parameter.ATTENUATION_LIMIT, 17.25);
        a.setParameter(Parameter.BYPASS, 1);
        byte[] state = a.saveState();
        QuellEngine b = new QuellEngine(unity);
        assertNull(b.loadState(state));
        for (Parameter p : Parameter.values()) {
            assertEquals(a.getParameter(p), b.getParameter(p), 0.0, p.id());
        }
        String json = new String(state, StandardCharsets.UTF_8);
        String[] bad = {"", "{not json", "{\"format\":\"quell-state\",\"version\":2,\"parameters\":{}}",
                "{\"format\":\"other\"}", json.replace("17.25", "999"), json.replace("bypass", "volume"),
                json.substring(0, json.length() - 12), json + " garbage", json.replace("\"version\":1", "\"version\":1.0"),
                json.replace("\"lookahead\":10.0", "\"lookahead\":15.0"), json.replace("bypass", "by\\npass")};
        for (String s : bad) {
            b.loadState(state);
            String err = b.loadState(s.getBytes(StandardCharsets.UTF_8));
            assertTrue(err != null && err.endsWith("parameters unchanged") && err.lines().count() == 1, "no error for " + s + ": " + err);
            for (Parameter p : Parameter.values()) {
                assertEquals(a.getParameter(p), b.getParameter(p), 0.0, p.id() + " after " + s);
            }
        }
        assertTrue(b.loadState("{\"format\":\"quell-state\",\"version\":2,\"parameters\":{}}".getBytes(StandardCharsets.UTF_8))
                .contains("version 2"));
    }

    @Test
    void presetsApplyAndFactoryPresetsAreValid() {
        QuellEngine e = new QuellEngine(unity);
        e.setParameter(Parameter.BYPASS, 1);
        var presets = PresetParameters.factory();
        assertEquals(4, presets.size());
        e.applyPreset(presets.get(2)); // Gentle cleanup
        assertEquals(12, e.getParameter(Parameter.ATTENUATION_LIMIT));
        assertEquals(1, e.getParameter(Parameter.BYPASS), "presets leave bypass alone");
        e.applyPreset(presets.get(1)); // Live broadcast
        assertEquals(0, e.getParameter(Parameter.LOOKAHEAD));
    }

    @Test
    void parametersFromAnotherThreadAreSafe() throws InterruptedException {
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.prepare(48000, 256, 1);
        Thread t = new Thread(() -> {
            Random r = new Random(9);
            for (int i = 0; i < 20_000; i++) {
                e.setParameter(Parameter.POST_FILTER, r.nextDouble() * 100);
                e.setParameter(Parameter.ATTENUATION_LIMIT, 6 + r.nextDouble() * 94);
            }
        });
        t.start();
        float[] x = TestModels.speechLike(10, 48000, 48000);
        float[] y = run(e, new float[][] {x}, new int[] {256, 33})[0];
        t.join();
        for (float v : y) {
            assertTrue(Float.isFinite(v));
        }
    }
}
