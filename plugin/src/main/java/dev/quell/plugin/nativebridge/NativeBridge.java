package dev.quell.plugin.nativebridge;

import dev.quell.plugin.runtime.JitStringConstants;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.QuellEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * What the native VST3/LV2 shim calls through JNI: one instance per plugin instance, wrapping a
 * {@link QuellEngine}. Audio crosses in a direct buffer the shim allocates once per instance
 * (planar float32, native byte order: channels x maxBlock input samples, then channels x
 * maxBlock output samples), so a {@link #process} call passes only a frame count: no JNI
 * arrays, no local references, no allocation. Every method is called from a thread the shim
 * has attached to the JVM; exceptions are caught by the shim, which then falls back to the dry
 * signal delayed by the latency.
 */
public final class NativeBridge {
    private final QuellEngine engine = new QuellEngine();
    private final FloatBuffer audio;
    private final float[][] in;
    private final float[][] out;
    private final int channels;
    private final int maxBlock;

    static {
        JitStringConstants.startInBackground(); // overlaps with the first instance's model load
    }

    /**
     * Creates and prepares the engine (loads the default model, warms the JIT: not real-time).
     *
     * @param buffer direct buffer of 2 * channels * maxBlock floats
     * @param sampleRate host sample rate in Hz
     * @param maxBlock largest block the host will send
     * @param channels 1 or 2
     * @param state saved engine state to restore before preparing, or null
     * @throws IllegalArgumentException for an unsupported configuration or a buffer of the wrong size
     */
    public NativeBridge(ByteBuffer buffer, double sampleRate, int maxBlock, int channels, byte[] state) {
        if (!buffer.isDirect() || buffer.capacity() < 8L * channels * maxBlock) {
            throw Messages.bufferShape(channels, maxBlock);
        }
        this.audio = buffer.order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.channels = channels;
        this.maxBlock = maxBlock;
        this.in = new float[channels][maxBlock];
        this.out = new float[channels][maxBlock];
        if (state != null) {
            engine.loadState(state);
        }
        engine.prepare(sampleRate, maxBlock, channels);
    }

    /**
     * Processes n frames from the input half of the buffer into the output half. Allocation-free.
     *
     * @param n frames, 0..maxBlock
     */
    public void process(int n) {
        if (n <= 0) {
            return;
        }
        int m = Math.min(n, maxBlock);
        for (int c = 0; c < channels; c++) {
            audio.get(c * maxBlock, in[c], 0, m);
        }
        engine.process(in, out, m);
        int base = channels * maxBlock;
        for (int c = 0; c < channels; c++) {
            audio.put(base + c * maxBlock, out[c], 0, m);
        }
    }

    /**
     * @param index parameter index ({@link Parameter#index()})
     * @param plain plain value
     * @return the latency in samples after the change
     */
    public int setParameter(int index, double plain) {
        if (index >= 0 && index < Parameter.values().length) {
            engine.setParameter(Parameter.byIndex(index), plain);
        }
        return engine.latencySamples();
    }

    /** @param index parameter index @return its plain value */
    public double getParameter(int index) {
        return engine.getParameter(Parameter.byIndex(index));
    }

    /** @return latency in samples at the host rate */
    public int latency() {
        return engine.latencySamples();
    }

    /** Clears the stream (transport jump, reactivation). */
    public void reset() {
        engine.reset();
    }

    /** @return the engine state as JSON bytes */
    public byte[] saveState() {
        return engine.saveState();
    }

    /**
     * @param state bytes from {@link #saveState()}
     * @return null on success, else the reason (parameters are then at their defaults)
     */
    public String loadState(byte[] state) {
        return engine.loadState(state);
    }

    /** @return "vector" or "scalar" network kernel and the model name, for the shim's log */
    public String describe() {
        return Messages.description(engine.models().name(), dev.quell.nn.MatVec.get().name(), engine.sampleRate(),
                channels, engine.latencySamples());
    }
}
