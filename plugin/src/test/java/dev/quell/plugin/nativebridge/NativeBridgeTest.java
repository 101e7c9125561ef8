package dev.quell.plugin.nativebridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.plugin.AllocationProbe;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.QuellEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NativeBridgeTest {
    @Test
    void processThroughTheDirectBufferEqualsTheEngineAndAllocatesNothing() {
        int ch = 2;
        int max = 256;
        ByteBuffer buf = ByteBuffer.allocateDirect(8 * ch * max);
        NativeBridge bridge = new NativeBridge(buf, 44100, max, ch, null);
        QuellEngine engine = new QuellEngine();
        engine.prepare(44100, max, ch);
        FloatBuffer f = buf.order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random r = new Random(1);
        float[][] in = new float[ch][max];
        float[][] out = new float[ch][max];
        AllocationProbe.bytes(); // warms the probe before the measured calls
        long allocated = 0;
        for (int block = 0; block < 400; block++) {
            int n = 1 + r.nextInt(max);
            for (int c = 0; c < ch; c++) {
                for (int i = 0; i < n; i++) {
                    in[c][i] = (float) (0.1 * Math.sin(0.01 * (block * max + i) * (c + 1)) + 0.01 * r.nextGaussian());
                    f.put(c * max + i, in[c][i]);
                }
            }
            long a0 = AllocationProbe.bytes();
            bridge.process(n);
            allocated += AllocationProbe.bytes() - a0;
            engine.process(in, out, n);
            for (int c = 0; c < ch; c++) {
                float[] got = new float[n];
                f.get(ch * max + c * max, got, 0, n);
                assertArrayEquals(java.util.Arrays.copyOf(out[c], n), got, "block " + block + " channel " + c);
            }
        }
        assertEquals(0, allocated, "bytes allocated by NativeBridge.process");
        assertEquals(engine.latencySamples(), bridge.latency());
    }

    @Test
    void parametersStateAndBadBuffers() {
        ByteBuffer buf = ByteBuffer.allocateDirect(8 * 480);
        NativeBridge bridge = new NativeBridge(buf, 48000, 480, 1, null);
        int l20 = bridge.latency();
        int l0 = bridge.setParameter(Parameter.LOOKAHEAD.index(), 0);
        assertEquals(l20 - 960, l0);
        bridge.setParameter(Parameter.BYPASS.index(), 1);
        byte[] state = bridge.saveState();
        NativeBridge other = new NativeBridge(ByteBuffer.allocateDirect(8 * 480), 48000, 480, 1, state);
        assertEquals(1, other.getParameter(Parameter.BYPASS.index()));
        assertEquals(l0, other.latency());
        assertNull(other.loadState(state));
        assertTrue(other.loadState("junk".getBytes()) != null);
        assertTrue(bridge.describe().contains("48000 Hz"));
        assertThrows(IllegalArgumentException.class, () -> new NativeBridge(ByteBuffer.allocate(8 * 480), 48000, 480, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new NativeBridge(ByteBuffer.allocateDirect(16), 48000, 480, 1, null));
    }
}
