package dev.quell.dsp.resample;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A low-level noise floor confined to the band between a source's Nyquist frequency and 24 kHz,
 * added to audio that was upsampled to 48 kHz from a lower rate, at a level that follows the
 * signal.
 *
 * <p>Why: audio upsampled from 8 or 16 kHz has exact digital silence above its old Nyquist
 * frequency, which no 48 kHz recording has (a microphone, a converter or a dithered file always
 * leaves a noise floor). The network never met such empty bands in training and answers them by
 * cutting weak speech in the bands below: on clean 16 kHz speech the output against the input
 * measured SI-SDR 18.2 dB and STOI 0.977 without the floor, 36.7 dB and 0.999 with it; on the
 * noisy dev pairs at 16 kHz, 7.6 dB (below the noisy input's 8.2) and 11.7 dB with it (see
 * {@code docs/engine.md}). The floor lies entirely above the old Nyquist frequency, so the
 * converter back to the source rate removes it (its stopband starts there, at least 90 dB
 * down): it changes what the analysis sees, not what the listener hears.
 *
 * <p>Level: the larger of two amplitudes, never below -100 dBFS. (1) {@link #relativeLevelDb(double)}
 * below the signal's envelope, a power follower with a 0.1 s attack and a 5 s release (so it keeps
 * the level of speech through pauses): a level relative to the signal matters, because with a
 * fixed floor the network's answer changed with the input level (quiet noisy 16 kHz input fell to
 * SI-SDR 2.8 dB without a floor). (2) The continuation of the recording's own noise: the in-band
 * noise floor (minimum statistics over 2 s) at the same power per hertz above the cutoff, as
 * fullband noise would have it, smoothed over 21 ms. On clean speech (1) leads; on noisy speech
 * (2) does. At 8 kHz, against (1) alone, it gains 0.6 dB SI-SDR on noisy dev pairs and loses
 * 2 dB on clean speech (docs/engine.md); at 16 kHz the two are equal within 0.2 dB.
 *
 * <p>Noise: a periodic sequence of {@link #PERIOD} samples whose DFT has unit magnitude and
 * uniformly random phase (fixed seed) in every bin from the cutoff up to 24 kHz and zero below,
 * so the unscaled floor has no energy below the cutoff (a periodic signal has a line spectrum);
 * the slowly moving gain widens its lines by a few hertz only. The table is built once per
 * cutoff and shared by all instances. Allocation-free after construction; deterministic: the output depends only on the stream, not on the block sizes.
 * Not thread-safe (one instance per channel and stream).
 */
public final class UpperBandNoise {
    /** Period of the noise in samples at 48 kHz (0.68 s; lines every 1.46 Hz). */
    public static final int PERIOD = 32768;
    /** Lowest RMS level of the floor, dBFS. */
    public static final double MIN_LEVEL_DB = -100.0;
    /** Attack time constant of the envelope follower, seconds. */
    public static final double ATTACK_SECONDS = 0.1;
    /** Release time constant of the envelope follower, seconds. */
    public static final double RELEASE_SECONDS = 5.0;

    private static final int RATE = 48_000;
    /** Largest sample power the envelope follows: (+/- 64)^2, the engine's input clamp (+36 dBFS). */
    private static final double MAX_POWER = 64.0 * 64.0;
    private static final double ATTACK = 1 - Math.exp(-1 / (ATTACK_SECONDS * RATE));
    private static final double RELEASE = 1 - Math.exp(-1 / (RELEASE_SECONDS * RATE));

    /** Samples per block of the noise-floor tracker (10 ms at 48 kHz). */
    private static final int BLOCK = 480;
    /** Blocks per sub-window of the minimum search. */
    private static final int SUB_WINDOW = 25;
    /** Sub-windows searched: 8 x 25 blocks = 2 s. */
    private static final int SUB_WINDOWS = 8;
    /** One-pole smoothing of the block powers before the minimum search. */
    private static final double BLOCK_SMOOTHING = 0.3;
    /** Per-sample smoothing of the continuation's amplitude (time constant 1,000 samples, 21 ms). */
    private static final double CONTINUATION_SMOOTHING = 0.001;

    /** Smallest amplitude of the floor (linear), from {@link #MIN_LEVEL_DB}. */
    private static final double MIN_AMPLITUDE = Math.pow(10, MIN_LEVEL_DB / 20);
    /** Noise tables by first bin, shared read-only by all instances. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, float[]> TABLES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final float[] table;
    private final double relative;
    private final double continuation;
    private final double[] subWindowMinima = new double[SUB_WINDOWS];
    private int position;
    private double envelope;
    private double blockSum;
    private int blockFill;
    private long blocks;
    private double smoothedBlock;
    private double currentMinimum;
    private double noiseFloor;
    private double continuationAmplitude;

    /**
     * @param cutoffHz lower edge of the floor in Hz (the source's Nyquist frequency), 0 &lt; cutoff &lt; 24000
     * @param relativeDb RMS level of the floor relative to the signal's envelope, dB
     * @throws IllegalArgumentException if the cutoff leaves no band below 24 kHz
     */
    public UpperBandNoise(double cutoffHz, double relativeDb) {
        int first = (int) Math.ceil(cutoffHz * PERIOD / RATE);
        if (cutoffHz <= 0 || first >= PERIOD / 2) {
            throw Messages.cutoffOutOfRange(cutoffHz);
        }
        table = TABLES.computeIfAbsent(first, UpperBandNoise::buildTable);
        relative = Math.pow(10, relativeDb / 20);
        continuation = Math.sqrt((RATE / 2.0 - cutoffHz) / cutoffHz);
        reset();
    }

    /**
     * The unit-RMS noise with unit magnitude and random phase (fixed seed) in bins first..PERIOD/2-1.
     * Built once per first bin and shared, read-only, by every channel and engine instance.
     */
    private static float[] buildTable(int first) {
        double[] spectrum = new double[PERIOD]; // JTransforms' packed real layout
        Random rnd = new Random(0x5155454CL);
        for (int k = first; k < PERIOD / 2; k++) {
            double phase = 2 * Math.PI * rnd.nextDouble();
            spectrum[2 * k] = Math.cos(phase);
            spectrum[2 * k + 1] = Math.sin(phase);
        }
        new DoubleFFT_1D(PERIOD).realInverse(spectrum, false);
        double power = 0;
        for (double v : spectrum) {
            power += v * v;
        }
        double scale = 1 / Math.sqrt(power / PERIOD);
        float[] table = new float[PERIOD];
        for (int i = 0; i < PERIOD; i++) {
            table[i] = (float) (spectrum[i] * scale);
        }
        return table;
    }

    /**
     * The floor's level below the signal for a band edge: -40 dB for a 4 kHz edge (8 kHz audio),
     * -20 dB from an 8 kHz to a 12 kHz edge (16 to 24 kHz audio), -60 dB from a 16 kHz edge up
     * (32 and 44.1 kHz audio), linear in between. Chosen on the dev set by clean-speech
     * transparency and noisy-pair scores at each rate, for the shipped network (docs/engine.md
     * has the sweeps): above a 16 kHz edge the floor lies in the network's top bands, where at
     * -20 dB it read as noise and the network cut speech (44.1 kHz: clean speech 41.5 dB SI-SDR
     * against 48.3 dB through sox; noisy pairs 0.17 dB SI-SDR lower and, at 20 dB input SNR,
     * 0.007 STOI below the input, means over four frame-grid positions with silence in front;
     * with the file's mirrored opening in front the engine now keeps STOI within 0.004 of the
     * input there).
     *
     * @param cutoffHz the band edge, Hz
     * @return level in dB relative to the signal's envelope (-60 to -20)
     */
    public static double relativeLevelDb(double cutoffHz) {
        double rise = Math.max(0, Math.min(1, (cutoffHz - 4000) / 4000));
        double fall = Math.max(0, Math.min(1, (cutoffHz - 12000) / 4000));
        return -40 + 20 * rise - 40 * fall;
    }

    /**
     * The floor for a converter from {@code sourceRate} to 48 kHz.
     *
     * @param sourceRate the rate audio was upsampled from, Hz
     * @return the floor above sourceRate / 2 at {@link #relativeLevelDb(double)}, or null when
     *     sourceRate is 48 kHz or more (no empty band)
     */
    public static UpperBandNoise forSourceRate(int sourceRate) {
        return sourceRate >= RATE ? null : new UpperBandNoise(sourceRate / 2.0, relativeLevelDb(sourceRate / 2.0));
    }

    /**
     * Adds the floor to the next {@code count} samples of the stream in place: the envelope
     * follows each sample before its floor sample is added.
     *
     * @param x samples at 48 kHz (linear, full scale 1.0)
     * @param off offset into x
     * @param count number of samples (0 allowed)
     */
    public void addTo(float[] x, int off, int count) {
        int p = position;
        double env = envelope;
        for (int i = 0; i < count; i++) {
            double e = (double) x[off + i] * x[off + i];
            if (e <= MAX_POWER) { // NaN, infinities and samples beyond the clamp leave both trackers alone
                env += (e > env ? ATTACK : RELEASE) * (e - env);
                blockSum += e;
            }
            if (++blockFill == BLOCK) {
                endBlock();
            }
            continuationAmplitude += CONTINUATION_SMOOTHING * (continuation * Math.sqrt(noiseFloor) - continuationAmplitude);
            double amplitude = Math.max(MIN_AMPLITUDE, Math.max(relative * Math.sqrt(env), continuationAmplitude));
            x[off + i] += (float) (table[p] * amplitude);
            if (++p == PERIOD) {
                p = 0;
            }
        }
        position = p;
        envelope = env;
    }

    /**
     * Minimum statistics (Martin 2001, without the bias correction): the smoothed power of the
     * 10 ms blocks, its minimum over the last 8 sub-windows of 25 blocks (2 s) is the in-band
     * noise floor.
     */
    private void endBlock() {
        double power = blockSum / BLOCK;
        smoothedBlock = blocks == 0 ? power : smoothedBlock + BLOCK_SMOOTHING * (power - smoothedBlock);
        currentMinimum = Math.min(currentMinimum, smoothedBlock);
        blocks++;
        if (blocks % SUB_WINDOW == 0) {
            subWindowMinima[(int) (blocks / SUB_WINDOW % SUB_WINDOWS)] = currentMinimum;
            currentMinimum = Double.MAX_VALUE;
        }
        double floor = currentMinimum;
        for (double m : subWindowMinima) {
            floor = Math.min(floor, m);
        }
        noiseFloor = floor;
        blockSum = 0;
        blockFill = 0;
    }

    /** Restarts the stream: position 0, both trackers empty. */
    public void reset() {
        position = 0;
        envelope = 0;
        blockSum = 0;
        blockFill = 0;
        blocks = 0;
        smoothedBlock = 0;
        currentMinimum = Double.MAX_VALUE;
        java.util.Arrays.fill(subWindowMinima, Double.MAX_VALUE);
        noiseFloor = 0;
        continuationAmplitude = 0;
    }
}
