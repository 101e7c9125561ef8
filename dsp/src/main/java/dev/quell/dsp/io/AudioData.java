package dev.quell.dsp.io;

/**
 * Decoded audio: planar float samples (full scale = 1.0), the sample rate and the encoding it
 * was read from.
 *
 * @param sampleRate sample rate in Hz (positive)
 * @param channels planar samples, [channel][frame]; every channel has the same length
 * @param format the source encoding (used to write the output in the same bit depth)
 */
public record AudioData(int sampleRate, float[][] channels, SampleFormat format) {
    /**
     * @throws IllegalArgumentException if the rate is not positive, there is no channel, or the
     *     channels differ in length
     */
    public AudioData {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (channels.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        for (float[] c : channels) {
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
    }

    /** @return number of channels */
    public int channelCount() {
        return channels.length;
    }

    /** @return number of sample frames per channel */
    public int frames() {
        return channels[0].length;
    }

    /** @return duration in seconds */
    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** @return the average of all channels (a copy for mono) */
    public float[] mono() {
        float[] m = channels[0].clone();
        if (channels.length == 1) {
            return m;
        }
        for (int c = 1; c < channels.length; c++) {
            for (int i = 0; i < m.length; i++) {
                m[i] += channels[c][i];
            }
        }
        float s = 1f / channels.length;
        for (int i = 0; i < m.length; i++) {
            m[i] *= s;
        }
        return m;
    }
}
