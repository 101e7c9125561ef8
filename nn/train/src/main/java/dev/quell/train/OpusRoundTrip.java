package dev.quell.train;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * A low bit-rate Opus encode and decode of a 48 kHz mono signal (model-v2 issue, item 4: calls,
 * voice messages and streamed interviews reach Quell through a codec), with Concentus, the
 * pure-Java port of libopus the training already decodes with.
 *
 * <p>20 ms frames, VBR, complexity 5, audio application, the coded bandwidth fixed by the
 * bit-rate (RFC 6716 section 2: wideband 8 kHz, super-wideband 12 kHz, fullband 20 kHz):
 * below 16 kbit/s wideband, below 28 kbit/s super-wideband, otherwise fullband. The output is
 * aligned to the input by removing the encoder's look-ahead, so the target need not move.
 */
public final class OpusRoundTrip {
    private static final int RATE = 48_000;
    private static final int FRAME = 960;

    private OpusRoundTrip() {
    }

    /**
     * @param bitrate bits per second
     * @return the audio bandwidth the coder keeps at that rate, Hz
     */
    public static double bandwidthHz(int bitrate) {
        return bitrate < 16_000 ? 8_000 : bitrate < 28_000 ? 12_000 : 20_000;
    }

    /**
     * Encodes and decodes a signal.
     *
     * @param x samples at 48 kHz, [-1, 1] (clipped to 16 bits on the way in)
     * @param bitrate 6 000-64 000 bits per second
     * @return the decoded signal, same length, time-aligned with x
     * @throws IllegalArgumentException if the bit-rate is out of range
     * @throws IllegalStateException if the codec fails (it should not for valid input)
     */
    public static float[] apply(float[] x, int bitrate) {
        if (bitrate < 6_000 || bitrate > 64_000) {
            throw new IllegalArgumentException("Opus bit-rate " + bitrate + " outside 6000..64000");
        }
        try {
            OpusEncoder enc = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
            enc.setBitrate(bitrate);
            enc.setComplexity(5);
            enc.setUseVBR(true);
            double bw = bandwidthHz(bitrate);
            enc.setBandwidth(bw == 8_000 ? OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND
                    : bw == 12_000 ? OpusBandwidth.OPUS_BANDWIDTH_SUPERWIDEBAND : OpusBandwidth.OPUS_BANDWIDTH_FULLBAND);
            OpusDecoder dec = new OpusDecoder(RATE, 1);
            int delay = enc.getLookahead();
            int frames = (x.length + delay + FRAME - 1) / FRAME;
            short[] in = new short[FRAME];
            short[] out = new short[FRAME];
            byte[] packet = new byte[1500];
            float[] y = new float[x.length];
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < FRAME; i++) {
                    int j = f * FRAME + i;
                    float v = j < x.length ? x[j] : 0f;
                    in[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32768f)));
                }
                int len = enc.encode(in, 0, FRAME, packet, 0, packet.length);
                int n = dec.decode(packet, 0, len, out, 0, FRAME, false);
                for (int i = 0; i < n; i++) {
                    int j = f * FRAME + i - delay;
                    if (j >= 0 && j < y.length) {
                        y[j] = out[i] / 32768f;
                    }
                }
            }
            return y;
        } catch (OpusException e) {
            throw new IllegalStateException("Opus round trip failed: " + e.getMessage(), e);
        }
    }
}
