package dev.quell.train;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.resample.Resampler;
import dev.quell.dsp.resample.UpperBandNoise;
import java.util.Arrays;
import java.util.Random;

/**
 * The recording chain a whole mixture went through before it reaches Quell (model-v2 issue,
 * item 4): its effective bandwidth, made by real rate conversion, a low bit-rate codec, and mild
 * clipping.
 *
 * <p>Bandwidth tiers: fullband (40 %), 22.05 kHz audio (about 10.5 kHz, 15 %), 16 kHz audio (about
 * 7.2 kHz, 25 %) and telephone (8 kHz rate and a 300-3400 Hz band, 20 %). A band-limited mixture is
 * converted down to its rate and back to 48 kHz with the product's own {@link Resampler}, noisy
 * input and target alike (Quell removes noise; it does not extend bandwidth), and the band-mask
 * limit becomes the converter's passband edge. In 70 % of those the input then gets the
 * {@link UpperBandNoise} floor exactly as the engine adds it for audio arriving at that rate; the
 * other 30 % keep empty upper bands, as a band-limited recording stored at 48 kHz has them.
 * A quarter of the fullband mixtures get a fourth-order low-pass at 6-20 kHz instead (log-uniform;
 * lossy codecs and cheap microphones). Clipping (5 % of mixtures): the noisy input is hard-clipped 1-6 dB below its peak; the target
 * is not.
 */
public final class ChannelSimulator {
    private static final int RATE = FrameFormat.SAMPLE_RATE;

    /**
     * One drawn chain.
     *
     * @param rateHz the rate the mixture passes through (48 000 for fullband)
     * @param limitHz highest frequency the chain passes, Hz
     * @param telephone whether the 300-3400 Hz telephone band applies
     * @param engineFloor whether the engine's upper-band floor is added to the input
     * @param lowPassHz cutoff of a low-pass at 48 kHz, Hz (0 = none)
     * @param opusBitrate bit-rate of an Opus round trip of the input, bit/s (0 = none)
     * @param clipDb clipping threshold below the input's peak, dB (0 = no clipping)
     */
    public record Channel(int rateHz, double limitHz, boolean telephone, boolean engineFloor, double lowPassHz,
                          int opusBitrate, double clipDb) {
    }

    private ChannelSimulator() {
    }

    /**
     * Draws a chain.
     *
     * @param r random source
     * @return the chain
     */
    public static Channel random(Random r) {
        double u = r.nextDouble();
        int rate = u < 0.40 ? RATE : u < 0.55 ? 22_050 : u < 0.80 ? 16_000 : 8_000;
        boolean telephone = rate == 8_000;
        double limit = rate == RATE ? RATE / 2.0 : Resampler.passband(rate) * rate;
        if (telephone) {
            limit = 3400;
        }
        boolean floor = rate != RATE && r.nextDouble() < 0.7;
        double lowPass = 0;
        if (rate == RATE && r.nextDouble() < 0.25) {
            lowPass = 6000 * Math.pow(20_000 / 6000.0, r.nextDouble());
            limit = lowPass;
        }
        int opus = 0;
        if (!telephone && r.nextDouble() < 0.10) {
            opus = 10_000 + 1000 * r.nextInt(23);
            double coded = OpusRoundTrip.bandwidthHz(opus);
            if (coded < limit) {
                limit = coded;
                lowPass = rate == RATE ? coded : 0;
            }
        }
        double clip = r.nextDouble() < 0.05 ? 1 + 5 * r.nextDouble() : 0;
        return new Channel(rate, limit, telephone, floor, lowPass, opus, clip);
    }

    /**
     * Applies the band part of a chain to a signal at 48 kHz (for input and target alike).
     *
     * @param x samples at 48 kHz
     * @param c the chain
     * @return a new array, same length
     */
    public static float[] band(float[] x, Channel c) {
        if (c.rateHz() == RATE) {
            float[] y = x.clone();
            if (c.lowPassHz() > 0) {
                MixtureGenerator.lowPass(y, c.lowPassHz());
            }
            return y;
        }
        float[] low = Resampler.resample(x, RATE, c.rateHz());
        if (c.telephone()) {
            MixtureGenerator.highPass(low, 300, c.rateHz());
            MixtureGenerator.lowPass(low, 3400, c.rateHz());
        }
        if (c.opusBitrate() > 0 && OpusRoundTrip.bandwidthHz(c.opusBitrate()) < c.rateHz() / 2.0 * 0.9) {
            MixtureGenerator.lowPass(low, OpusRoundTrip.bandwidthHz(c.opusBitrate()), c.rateHz());
        }
        return Arrays.copyOf(Resampler.resample(low, c.rateHz(), RATE), x.length);
    }

    /**
     * Applies the input-only parts of a chain (codec, engine floor, clipping) in place.
     *
     * @param noisy the band-limited input at 48 kHz, at its final level
     * @param c the chain
     */
    public static void inputOnly(float[] noisy, Channel c) {
        if (c.opusBitrate() > 0) {
            System.arraycopy(OpusRoundTrip.apply(noisy, c.opusBitrate()), 0, noisy, 0, noisy.length);
        }
        if (c.engineFloor()) {
            UpperBandNoise.forSourceRate(c.rateHz()).addTo(noisy, 0, noisy.length);
        }
        if (c.clipDb() > 0) {
            float peak = 0;
            for (float v : noisy) {
                peak = Math.max(peak, Math.abs(v));
            }
            float t = (float) (peak * Math.pow(10, -c.clipDb() / 20));
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] = Math.max(-t, Math.min(t, noisy[i]));
            }
        }
    }
}
