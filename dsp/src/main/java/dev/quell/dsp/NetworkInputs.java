package dev.quell.dsp;

/**
 * The network's input vector per frame, in one of three layouts told apart by their length:
 *
 * <table>
 *   <caption>input layouts</caption>
 *   <tr><th>count</th><th>values, in order</th></tr>
 *   <tr><td>{@value #PLAIN}</td><td>the {@link Features}</td></tr>
 *   <tr><td>{@value #WITH_NOISE_FLOOR}</td><td>the features, then the 34 {@link NoiseFloor}
 *       distances</td></tr>
 *   <tr><td>{@value #WITH_MODULATION}</td><td>the features, the noise-floor distances, then the 34
 *       {@link ModulationDepth} values</td></tr>
 * </table>
 * Each layout is a prefix of the next, so a network trained on one can be widened to the next
 * with zero weights for the new inputs. The trackers run from the stream's first frame (or the
 * last {@link #reset()}); training computes them the same way from each sequence's first frame
 * ({@link #extend}).
 *
 * <p>Allocation-free after construction; not thread-safe (one instance per stream).
 */
public final class NetworkInputs {
    /** Inputs per frame of the plain layout. */
    public static final int PLAIN = Features.COUNT;
    /** Inputs per frame with the noise-floor distances. */
    public static final int WITH_NOISE_FLOOR = PLAIN + NoiseFloor.COUNT;
    /** Inputs per frame with the noise-floor distances and the modulation depths. */
    public static final int WITH_MODULATION = WITH_NOISE_FLOOR + ModulationDepth.COUNT;
    /** The supported counts, for messages. */
    public static final String SUPPORTED = PLAIN + ", " + WITH_NOISE_FLOOR + " (with the noise-floor distances) or "
            + WITH_MODULATION + " (and the modulation depths)";

    private final int count;
    private final NoiseFloor noiseFloor;
    private final ModulationDepth modulation;
    private final float[] inputs;

    /**
     * @param count inputs per frame: {@value #PLAIN}, {@value #WITH_NOISE_FLOOR} or {@value #WITH_MODULATION}
     * @throws IllegalArgumentException for another count
     */
    public NetworkInputs(int count) {
        if (!supports(count)) {
            throw Messages.unsupportedInputCount(count);
        }
        this.count = count;
        this.noiseFloor = count >= WITH_NOISE_FLOOR ? new NoiseFloor() : null;
        this.modulation = count >= WITH_MODULATION ? new ModulationDepth() : null;
        this.inputs = new float[count];
    }

    /**
     * @param count a network's inputs per frame
     * @return whether it is one of the three layouts
     */
    public static boolean supports(int count) {
        return count == PLAIN || count == WITH_NOISE_FLOOR || count == WITH_MODULATION;
    }

    /** @return inputs per frame */
    public int count() {
        return count;
    }

    /** Forgets the trackers' history; the next frame is treated as the first. */
    public void reset() {
        if (noiseFloor != null) {
            noiseFloor.reset();
        }
        if (modulation != null) {
            modulation.reset();
        }
    }

    /**
     * Takes the next frame.
     *
     * @param features the frame's {@link Features} ({@link Features#COUNT} values, not modified)
     * @return the network's input, {@link #count()} values: an internal buffer that the next call
     *     overwrites
     */
    public float[] update(float[] features) {
        System.arraycopy(features, 0, inputs, 0, PLAIN);
        if (noiseFloor != null) {
            noiseFloor.update(features, inputs, PLAIN);
        }
        if (modulation != null) {
            modulation.update(features, inputs, WITH_NOISE_FLOOR);
        }
        return inputs;
    }

    /**
     * The inputs of a sequence of feature frames, with fresh trackers started at its first frame
     * (what a stream processed from that frame gives). The one place training turns stored features
     * into inputs (batches, normalisation statistics, dev loss, golden files). It allocates, so it
     * is not for the audio path. raw and out may not overlap.
     *
     * @param raw input frames, frame-major, {@link Features#COUNT} values each, from {@code from}
     * @param from first value in raw
     * @param frames number of frames
     * @param count inputs per frame (see {@link #NetworkInputs(int)})
     * @param out receives frames × count values from {@code to}
     * @param to first value written in out
     * @throws IllegalArgumentException for an unsupported count or arrays too short
     */
    public static void extend(float[] raw, int from, int frames, int count, float[] out, int to) {
        if (from + frames * Features.COUNT > raw.length || to + frames * count > out.length) {
            throw Messages.arraysTooShort(frames);
        }
        if (count == PLAIN) {
            System.arraycopy(raw, from, out, to, frames * PLAIN);
            return;
        }
        NetworkInputs stream = new NetworkInputs(count);
        float[] frame = new float[Features.COUNT];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(raw, from + t * Features.COUNT, frame, 0, Features.COUNT);
            System.arraycopy(stream.update(frame), 0, out, to + t * count, count);
        }
    }
}
