package dev.quell.plugin.engine;

import dev.quell.dsp.Features;
import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.NetworkInputs;
import dev.quell.dsp.SnrFromGains;
import dev.quell.dsp.StereoFeatures;
import dev.quell.nn.Model;
import dev.quell.nn.ModelState;

/**
 * One 10 ms hop of enhancement at 48 kHz for one or two channels with one network look-ahead
 * (ALGORITHM.md steps 1-10): 480 samples per channel in, 480 out, delayed by
 * {@link #latencySamples()} = (1 + L) * 480 samples.
 *
 * <p>Stereo is linked, and the analysis hears what a listener hears in either channel: each
 * channel's chain analyses its own signal (spectrum, pitch, coherence); {@link StereoFeatures}
 * feeds the network, per band, the features of the louder channel, and the pitch of the louder
 * channel overall; one set of band gains, one pitch period and one set of comb strengths are
 * then applied to both channels' spectra, with the post-filter following the per-band maximum of
 * their energies. The image is kept (a source panned anywhere is the same signal scaled in both
 * channels, and every step is linear in the signal given those gains), and channels that are
 * copies, polarity-inverted copies, or a signal and silence are treated exactly as the mono
 * signal. Mono uses one chain.
 *
 * <p>The post-filter strength passed in is limited per hop by {@link PostFilterSnrLimit} at the
 * input's running SNR estimate ({@link SnrFromGains}, read from the network's gains and the
 * energies the post-filter follows). Allocation-free after construction.
 */
final class HopProcessor {
    private static final int HOP = FrameFormat.HOP;
    private final int channels;
    private final FrameChain[] chains;
    private final ModelState network;
    /** The network's input vector and its trackers (noise floor, modulation), for the model's layout. */
    private final NetworkInputs inputs;
    /** Stereo: the combined features of the newest frame. */
    private final float[] stereoFeatures = new float[Features.COUNT];
    /** Stereo: the channel whose pitch each frame in the look-ahead delay line follows. */
    private final int[] pitchLead;
    private int leadSlot;
    private final float[] energy = new float[FrameFormat.BANDS];
    private final float[] gains;
    private final float[] strengths;
    private final float[] bandGain = new float[FrameFormat.BANDS];
    private final SnrFromGains snr = new SnrFromGains(PostFilterSnrLimit.TIME_CONSTANT_SECONDS);

    /**
     * @param model network with look-ahead L (0..2 frames), taking {@link #supportsInputs} features
     * @param channels 1 or 2
     * @throws IllegalArgumentException if the network takes another number of features
     */
    HopProcessor(Model model, int channels) {
        this.channels = channels;
        int la = model.lookahead();
        this.chains = new FrameChain[channels];
        for (int c = 0; c < channels; c++) {
            chains[c] = new FrameChain(la);
        }
        this.pitchLead = new int[la + 1];
        this.network = model.newState();
        if (!supportsInputs(model.inputSize())) {
            throw Messages.featureCount(model.inputSize());
        }
        this.inputs = new NetworkInputs(model.inputSize());
        this.gains = new float[model.bands()];
        this.strengths = new float[model.bands()];
    }

    /**
     * @param count a network's input features per frame
     * @return whether the chain can feed it: one of the {@link NetworkInputs} layouts
     */
    static boolean supportsInputs(int count) {
        return NetworkInputs.supports(count);
    }

    /** @return latency in samples at 48 kHz */
    int latencySamples() {
        return chains[0].latencySamples();
    }

    /**
     * @param in per channel, 480 input samples at inOff
     * @param inOff offset into each input
     * @param out per channel, receives 480 samples at outOff
     * @param outOff offset into each output
     * @param postFilter post-filter strength 0..{@link dev.quell.dsp.PostFilter#MAX_STRENGTH}, before
     *     {@link PostFilterSnrLimit}
     * @param minGain attenuation floor (linear)
     */
    void process(float[][] in, int inOff, float[][] out, int outOff, float postFilter, float minGain) {
        for (int c = 0; c < channels; c++) {
            chains[c].analyze(in[c], inOff);
        }
        float[] features = chains[0].features();
        if (channels == 2) {
            leadSlot = (leadSlot + 1) % pitchLead.length;
            pitchLead[leadSlot] = StereoFeatures.combine(features, chains[0].newestEnergy(),
                    chains[1].features(), chains[1].newestEnergy(), stereoFeatures);
            features = stereoFeatures;
        }
        network.infer(inputs.update(features), gains, strengths);
        if (channels == 1) {
            FrameChain chain = chains[0];
            chain.prepareOutputFrame();
            chain.bandGains(gains, snrLimited(postFilter, chain.outputEnergy()), minGain, bandGain);
            chain.synthesizeWithBandGains(bandGain, strengths, out[0], outOff);
            return;
        }
        int lead = pitchLead[(leadSlot + 1) % pitchLead.length]; // the output frame's entry (the oldest)
        int period = chains[lead].trackedOutputPeriod();
        for (int c = 0; c < channels; c++) {
            chains[c].prepareOutputFrame(period);
        }
        StereoFeatures.maxEnergy(chains[0].outputEnergy(), chains[1].outputEnergy(), energy);
        FrameChain.bandGains(gains, energy, snrLimited(postFilter, energy), minGain, bandGain);
        for (int c = 0; c < channels; c++) {
            chains[c].synthesizeWithBandGains(bandGain, strengths, out[c], outOff);
        }
    }

    /**
     * Adds the output frame to the SNR estimate and limits the post-filter strength by it.
     *
     * @param postFilter the strength before the SNR limit
     * @param energy the band energies the post-filter follows (34, linear)
     * @return the strength to apply
     */
    private float snrLimited(float postFilter, float[] energy) {
        snr.update(gains, energy);
        return PostFilterSnrLimit.apply(postFilter, snr.snrDb());
    }

    /** @return the running SNR estimate the post-filter follows, dB ({@link SnrFromGains}) */
    float snrDb() {
        return snr.snrDb();
    }

    /** Clears every stream state (chains, network memory, SNR estimate). */
    void reset() {
        for (FrameChain c : chains) {
            c.reset();
        }
        java.util.Arrays.fill(pitchLead, 0);
        leadSlot = 0;
        network.reset();
        inputs.reset();
        snr.reset();
    }
}
