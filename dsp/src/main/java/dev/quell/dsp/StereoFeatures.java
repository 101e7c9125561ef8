package dev.quell.dsp;

/**
 * The network's input for a stereo stream, from the two channels' own analyses: what a listener
 * hears in either channel, never the mid signal (which cancels for out-of-phase channels).
 *
 * <p>Per band b, the log energy and the coherence q_b are taken from the channel whose band
 * energy is larger; the pitch features (period and correlation) from the channel with the larger
 * total energy. Ties go to the left channel. So a stereo stream whose channels are the same
 * signal, that signal negated, or that signal and silence gives bit for bit the features of the
 * mono signal, and the gains the network derives from them suit the louder channel in each band
 * (the other channel is quieter there, and takes the same gain). Allocation-free.
 */
public final class StereoFeatures {
    private static final int B = FrameFormat.BANDS;

    private StereoFeatures() {
    }

    /**
     * Combines two channels' features of the same frame.
     *
     * @param left the left channel's {@link Features} ({@link Features#COUNT} values)
     * @param leftEnergy the left channel's linear band energies E_b of that frame (34)
     * @param right the right channel's features
     * @param rightEnergy the right channel's band energies
     * @param out receives {@link Features#COUNT} combined features (may not alias the inputs)
     * @return 0 if the pitch features came from the left channel, 1 if from the right
     */
    public static int combine(float[] left, float[] leftEnergy, float[] right, float[] rightEnergy, float[] out) {
        double totalLeft = 0;
        double totalRight = 0;
        for (int b = 0; b < B; b++) {
            boolean useRight = rightEnergy[b] > leftEnergy[b];
            float[] f = useRight ? right : left;
            out[Features.ENERGY + b] = f[Features.ENERGY + b];
            out[Features.COHERENCE + b] = f[Features.COHERENCE + b];
            totalLeft += leftEnergy[b];
            totalRight += rightEnergy[b];
        }
        int lead = totalRight > totalLeft ? 1 : 0;
        float[] f = lead == 1 ? right : left;
        out[Features.PERIOD] = f[Features.PERIOD];
        out[Features.CORRELATION] = f[Features.CORRELATION];
        return lead;
    }

    /**
     * Per-band maximum of two channels' band energies (the envelope the post-filter of a linked
     * stereo pair follows).
     *
     * @param a band energies (34)
     * @param b band energies (34)
     * @param out receives max(a_b, b_b) (34; may alias a or b)
     */
    public static void maxEnergy(float[] a, float[] b, float[] out) {
        for (int i = 0; i < B; i++) {
            out[i] = Math.max(a[i], b[i]);
        }
    }
}
