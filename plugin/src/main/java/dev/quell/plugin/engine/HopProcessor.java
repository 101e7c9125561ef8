package dev.quell.plugin.engine;

import dev.quell.dsp.Features;
import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.NoiseFloor;
import dev.quell.nn.Model;
import dev.quell.nn.ModelState;

/**
 * One 10 ms hop of enhancement at 48 kHz for one or two channels with one network look-ahead
 * (ALGORITHM.md steps 1-10): 480 samples per channel in, 480 out, delayed by
 * {@link #latencySamples()} = (1 + L) * 480 samples.
 *
 * <p>Stereo keeps the image: the features, the pitch and the band gains come from a lead chain
 * that analyses the mid signal (L + R) / 2, and each channel's own chain applies the same band
 * gains, the same pitch period and the same comb strengths to its own spectrum. For a source
 * panned anywhere, both channels are the same signal scaled, so their ratio, the pan position,
 * is kept exactly. Mono uses one chain for both roles. Allocation-free after construction.
 */
final class HopProcessor {
    private static final int HOP = FrameFormat.HOP;
    private final int channels;
    private final FrameChain lead;
    private final FrameChain[] chains;
    private final ModelState network;
    /** Noise-floor tracker of the lead chain, when the network takes its features (else null). */
    private final NoiseFloor noiseFloor;
    /** The network's input: the chain's features, then the noise-floor distances (else null). */
    private final float[] inputs;
    private final float[] mid = new float[HOP];
    private final float[] gains;
    private final float[] strengths;
    private final float[] bandGain = new float[FrameFormat.BANDS];

    /**
     * @param model network with look-ahead L (0..2 frames), taking {@link #supportsInputs} features
     * @param channels 1 or 2
     * @throws IllegalArgumentException if the network takes another number of features
     */
    HopProcessor(Model model, int channels) {
        this.channels = channels;
        int la = model.lookahead();
        this.lead = new FrameChain(la);
        this.chains = new FrameChain[channels];
        if (channels == 1) {
            chains[0] = lead;
        } else {
            for (int c = 0; c < channels; c++) {
                chains[c] = new FrameChain(la);
            }
        }
        this.network = model.newState();
        if (!supportsInputs(model.inputSize())) {
            throw new IllegalArgumentException("the model takes " + model.inputSize() + " features per frame");
        }
        this.noiseFloor = model.inputSize() == NoiseFloor.EXTENDED_COUNT ? new NoiseFloor() : null;
        this.inputs = noiseFloor != null ? new float[NoiseFloor.EXTENDED_COUNT] : null;
        this.gains = new float[model.bands()];
        this.strengths = new float[model.bands()];
    }

    /**
     * @param count a network's input features per frame
     * @return whether the chain can feed it: {@link Features#COUNT}, or
     *     {@link NoiseFloor#EXTENDED_COUNT} (the features followed by the noise-floor distances)
     */
    static boolean supportsInputs(int count) {
        return count == Features.COUNT || count == NoiseFloor.EXTENDED_COUNT;
    }

    /** @return latency in samples at 48 kHz */
    int latencySamples() {
        return lead.latencySamples();
    }

    /**
     * @param in per channel, 480 input samples at inOff
     * @param inOff offset into each input
     * @param out per channel, receives 480 samples at outOff
     * @param outOff offset into each output
     * @param postFilter post-filter strength 0..1
     * @param minGain attenuation floor (linear)
     */
    void process(float[][] in, int inOff, float[][] out, int outOff, float postFilter, float minGain) {
        if (channels == 1) {
            lead.analyze(in[0], inOff);
        } else {
            float[] l = in[0];
            float[] r = in[1];
            for (int i = 0; i < HOP; i++) {
                mid[i] = 0.5f * (l[inOff + i] + r[inOff + i]);
            }
            lead.analyze(mid, 0);
        }
        float[] features = lead.features();
        if (noiseFloor != null) {
            System.arraycopy(features, 0, inputs, 0, Features.COUNT);
            noiseFloor.update(features, inputs, Features.COUNT);
            features = inputs;
        }
        network.infer(features, gains, strengths);
        lead.prepareOutputFrame();
        lead.bandGains(gains, postFilter, minGain, bandGain);
        if (channels == 1) {
            lead.synthesizeWithBandGains(bandGain, strengths, out[0], outOff);
        } else {
            int period = lead.outputPeriod();
            for (int c = 0; c < channels; c++) {
                chains[c].analyzeSignal(in[c], inOff);
                chains[c].prepareOutputFrame(period);
                chains[c].synthesizeWithBandGains(bandGain, strengths, out[c], outOff);
            }
        }
    }

    /** Clears every stream state (chains, network memory). */
    void reset() {
        lead.reset();
        if (channels > 1) {
            for (FrameChain c : chains) {
                c.reset();
            }
        }
        network.reset();
        if (noiseFloor != null) {
            noiseFloor.reset();
        }
    }
}
