package dev.quell.train;

import java.util.Random;

/**
 * Simulated room impulse responses for training (model-v2 issue, item 2): random shoebox rooms,
 * early part by the image-source method, late part as decaying noise.
 *
 * <p><b>Early part</b> (the first {@value #EARLY_SECONDS} s after the direct sound): image sources
 * of a rectangular room (Allen &amp; Berkley, "Image method for efficiently simulating small-room
 * acoustics", JASA 65(4), 1979, eq. 3-10): for integers (n_x, n_y, n_z) and mirror bits
 * (p_x, p_y, p_z), the image of source s lies at ((1 - 2 p_x) s_x + 2 n_x L_x, ...); its pressure
 * amplitude is the product of the walls' reflection coefficients beta = sqrt(1 - alpha), one per
 * reflection (|n_x - p_x| on the wall at x = 0, |n_x| at x = L_x, and so on), divided by
 * 4 pi d (spherical spreading); its delay d / c is placed with a fractional-delay tap, a
 * Hann-windowed sinc of {@value #TAPS} taps (Laakso et al., "Splitting the unit delay", IEEE
 * SP Magazine 1996), not rounded to a whole sample as in the 1979 paper.
 *
 * <p><b>Late part</b>: Gaussian noise with the exponential decay of the room's RT60, joined to the
 * image-source part at the same energy density (the last 10 ms before the join), so very long
 * responses cost no more than short ones. The decay rate is 3 ln(10) / RT60 in amplitude per
 * second for 60 dB of energy over RT60.
 *
 * <p><b>Rooms</b>: length and width 3-20 m (log-uniform), height 2.4-6 m; a target RT60 of
 * 0.1-1.5 s (log-uniform) sets the mean absorption by Sabine's formula RT60 = 0.161 V / (S alpha)
 * (alpha at most 0.95), each wall's absorption is scattered by a factor 0.5-1.5 around it, and the
 * room's RT60 is then Eyring's for the area-weighted mean absorption of those walls,
 * 0.161 V / (-S ln(1 - alpha_mean)) (Kuttruff, "Room Acoustics", 5th ed., eqs. 5.25 and 5.39):
 * that is the decay of the late part and the value reported. Source and microphone at least
 * 0.5 m from every wall, the source at most 2 m high, 0.3-5 m apart.
 *
 * <p>Deterministic for a given {@link Random} state.
 */
public final class RoomSimulator {
    /** Speed of sound, m/s (air at about 20 degrees C). */
    public static final double SPEED_OF_SOUND = 343.0;
    /** Length of the image-source part after the direct sound, s. */
    public static final double EARLY_SECONDS = 0.08;
    /** Fractional-delay filter length, taps. */
    public static final int TAPS = 32;

    /**
     * One simulated room response and how it was made.
     *
     * @param ir impulse response at the requested rate, direct sound at index {@code directIndex}
     * @param directIndex sample index of the direct sound's peak
     * @param rt60 the room's RT60 (Eyring, from its walls), the decay of the late part, s
     * @param distance source-microphone distance, m
     */
    public record Room(float[] ir, int directIndex, double rt60, double distance) {
    }

    private RoomSimulator() {
    }

    /**
     * Draws a random room and computes its response.
     *
     * @param r random source
     * @param sampleRate sample rate, Hz (48 000 in training)
     * @return the response, length about 1.2 RT60 + {@value #EARLY_SECONDS} s
     */
    public static Room random(Random r, int sampleRate) {
        double lx = 3 * Math.pow(20 / 3.0, r.nextDouble());
        double ly = 3 * Math.pow(20 / 3.0, r.nextDouble());
        double lz = 2.4 + 3.6 * r.nextDouble();
        double rt60 = 0.1 * Math.pow(15, r.nextDouble());
        double volume = lx * ly * lz;
        double surface = 2 * (lx * ly + lx * lz + ly * lz);
        double alpha = Math.min(0.95, 0.161 * volume / (surface * rt60));
        double[] beta = new double[6];
        double[] area = {ly * lz, ly * lz, lx * lz, lx * lz, lx * ly, lx * ly};
        double absorbed = 0;
        for (int w = 0; w < 6; w++) {
            double a = Math.max(0.01, Math.min(0.99, alpha * (0.5 + r.nextDouble())));
            beta[w] = Math.sqrt(1 - a);
            absorbed += area[w] * a;
        }
        // the RT60 these walls give (Eyring), which the late part continues: a large room cannot
        // reach a very short target, nor scattered walls exactly the drawn one
        rt60 = 0.161 * volume / (-surface * Math.log(1 - absorbed / surface));
        double[] room = {lx, ly, lz};
        double[] src = new double[3];
        double[] mic = new double[3];
        double dist;
        int tries = 0;
        do {
            for (int i = 0; i < 3; i++) {
                src[i] = 0.5 + (room[i] - 1) * r.nextDouble();
                mic[i] = 0.5 + (room[i] - 1) * r.nextDouble();
            }
            src[2] = Math.min(src[2], 2.0);
            dist = Math.sqrt(sq(src[0] - mic[0]) + sq(src[1] - mic[1]) + sq(src[2] - mic[2]));
        } while ((dist < 0.3 || dist > 5) && ++tries < 1000);
        return new Room(response(room, beta, src, mic, rt60, sampleRate, r), directIndex(dist, sampleRate), rt60, dist);
    }

    /**
     * The response of a given room.
     *
     * @param room dimensions L_x, L_y, L_z, m
     * @param beta reflection coefficients of the walls x = 0, x = L_x, y = 0, y = L_y, z = 0, z = L_z
     *     (pressure, 0..1)
     * @param src source position, m, inside the room
     * @param mic microphone position, m, inside the room
     * @param rt60 decay time of the late part, s
     * @param sampleRate sample rate, Hz
     * @param r random source for the late part
     * @return the response; the direct sound has amplitude 1 / (4 pi d)
     */
    public static float[] response(double[] room, double[] beta, double[] src, double[] mic, double rt60,
                                   int sampleRate, Random r) {
        double direct = Math.sqrt(sq(src[0] - mic[0]) + sq(src[1] - mic[1]) + sq(src[2] - mic[2]));
        double earlyEnd = direct / SPEED_OF_SOUND + EARLY_SECONDS;
        int join = (int) (earlyEnd * sampleRate);
        int length = join + (int) (1.2 * rt60 * sampleRate) + TAPS;
        double[] h = new double[length];
        double reach = earlyEnd * SPEED_OF_SOUND;
        int[] nMax = new int[3];
        for (int i = 0; i < 3; i++) {
            nMax[i] = (int) Math.ceil(reach / (2 * room[i])) + 1;
        }
        for (int nx = -nMax[0]; nx <= nMax[0]; nx++) {
            for (int ny = -nMax[1]; ny <= nMax[1]; ny++) {
                for (int nz = -nMax[2]; nz <= nMax[2]; nz++) {
                    for (int p = 0; p < 8; p++) {
                        int px = p & 1;
                        int py = (p >> 1) & 1;
                        int pz = (p >> 2) & 1;
                        double dx = (1 - 2 * px) * src[0] + 2 * nx * room[0] - mic[0];
                        double dy = (1 - 2 * py) * src[1] + 2 * ny * room[1] - mic[1];
                        double dz = (1 - 2 * pz) * src[2] + 2 * nz * room[2] - mic[2];
                        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                        if (d > reach) {
                            continue;
                        }
                        double g = Math.pow(beta[0], Math.abs(nx - px)) * Math.pow(beta[1], Math.abs(nx))
                                * Math.pow(beta[2], Math.abs(ny - py)) * Math.pow(beta[3], Math.abs(ny))
                                * Math.pow(beta[4], Math.abs(nz - pz)) * Math.pow(beta[5], Math.abs(nz))
                                / (4 * Math.PI * Math.max(d, 0.05));
                        addTap(h, d / SPEED_OF_SOUND * sampleRate + TAPS / 2.0, g);
                    }
                }
            }
        }
        addTail(h, join + TAPS / 2, rt60, sampleRate, r);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) h[i];
        }
        return out;
    }

    /** Index of the direct sound in a response from {@link #response}. */
    private static int directIndex(double distance, int sampleRate) {
        return (int) Math.round(distance / SPEED_OF_SOUND * sampleRate + TAPS / 2.0);
    }

    /** Adds g * (Hann-windowed sinc centred at {@code position}). */
    private static void addTap(double[] h, double position, double g) {
        int centre = (int) Math.floor(position);
        double frac = position - centre;
        for (int k = -TAPS / 2 + 1; k <= TAPS / 2; k++) {
            int i = centre + k;
            if (i < 0 || i >= h.length) {
                continue;
            }
            double t = k - frac;
            double sinc = Math.abs(t) < 1e-9 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
            double w = 0.5 + 0.5 * Math.cos(Math.PI * t / (TAPS / 2.0));
            h[i] += g * sinc * w;
        }
    }

    /** Appends decaying Gaussian noise from {@code join}, at the energy density just before it. */
    private static void addTail(double[] h, int join, double rt60, int sampleRate, Random r) {
        int window = sampleRate / 100;
        double e = 0;
        for (int i = Math.max(0, join - window); i < join; i++) {
            e += h[i] * h[i];
        }
        double sigma = Math.sqrt(e / window);
        double decay = 3 * Math.log(10) / (rt60 * sampleRate);
        for (int i = join; i < h.length; i++) {
            h[i] += sigma * r.nextGaussian() * Math.exp(-decay * (i - join));
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
