package dev.quell.train;

import dev.quell.dsp.Features;
import dev.quell.dsp.NetworkInputs;

/**
 * The network's raw (unnormalised) inputs from the 70 stored {@link Features} of each frame, in
 * the {@link NetworkInputs} layout of the network's input count, with the trackers started at the
 * sequence's first frame (what a stream processed from that frame gives, as in the engine). One
 * place for the choice, shared by the training batches, the normalisation statistics, the dev loss
 * and the golden files.
 */
final class ModelInputs {
    private ModelInputs() {
    }

    /**
     * @param raw stored features, frame-major, {@link Features#COUNT} per frame, from {@code from}
     * @param from first value in raw
     * @param frames number of frames
     * @param inputs the network's inputs per frame, one of {@link NetworkInputs#SUPPORTED}
     * @param out receives frames × inputs values from {@code to} (not the same array as raw)
     * @param to first value written in out
     * @throws IllegalArgumentException for another input count
     */
    static void fill(float[] raw, int from, int frames, int inputs, float[] out, int to) {
        if (inputs == Features.COUNT) {
            System.arraycopy(raw, from, out, to, frames * Features.COUNT);
        } else {
            NetworkInputs.extend(raw, from, frames, inputs, out, to);
        }
    }
}
