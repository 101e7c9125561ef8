package dev.quell.validation.demo;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real recordings bundled for {@code quell demo} (resources next to this class; sources and
 * licences in {@code SOURCES.md} there): read speech (public domain) and a crackling fireplace
 * (CC0), both 12.29 s of 44.1 kHz mono.
 */
public final class DemoRecordings {
    /** Sample rate of both recordings, Hz. */
    public static final int RATE = 44_100;
    /** What the demo input is, for its printout. */
    public static final String DESCRIPTION = "read speech (LJ Speech, public domain) + a crackling fireplace (CC0)";
    private static final String SPEECH = "speech-lj003.flac";
    private static final String NOISE = "noise-fireplace.flac";
    private static final double MAX_PEAK = 0.99;

    private final float[] speech;
    private final float[] noise;

    private DemoRecordings(float[] speech, float[] noise) {
        this.speech = speech;
        this.noise = noise;
    }

    /**
     * Decodes both recordings from the class path.
     *
     * @return the recordings
     * @throws IOException if a resource is missing (a broken build) or cannot be decoded
     */
    public static DemoRecordings load() throws IOException {
        float[] s = decode(SPEECH);
        float[] n = decode(NOISE);
        if (s.length != n.length) {
            throw new IOException("demo recordings differ in length: " + SPEECH + " " + s.length + ", " + NOISE + " " + n.length);
        }
        return new DemoRecordings(s, n);
    }

    private static float[] decode(String name) throws IOException {
        try (InputStream in = DemoRecordings.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("demo recording " + name + " missing from the class path (rebuild the validation module)");
            }
            Path tmp = Files.createTempFile("quell-demo-", ".flac");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                AudioData a = AudioReader.read(tmp);
                if (a.sampleRate() != RATE) {
                    throw new IOException("demo recording " + name + " is " + a.sampleRate() + " Hz, not " + RATE);
                }
                return a.mono();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** @return the clean speech, linear full scale 1, 44.1 kHz (a copy) */
    public float[] speech() {
        return speech.clone();
    }

    /** @return the fireplace noise, linear full scale 1, 44.1 kHz, as long as the speech (a copy) */
    public float[] noise() {
        return noise.clone();
    }

    /**
     * The speech plus the noise scaled to an SNR over the whole clip (powers summed over all
     * samples: 10 log10(Σs² / Σn²) = snrDb), then both scaled by one gain so the mixture peaks at
     * no more than 0.99 (the fireplace's crackles peak 35 dB above its RMS).
     *
     * @param snrDb SNR in dB
     * @return {clean, noisy}: the speech and the mixture, same length, same gain, 44.1 kHz
     */
    public float[][] mix(double snrDb) {
        float[] y = DemoSignals.mix(speech, noise, snrDb);
        float[] c = speech.clone();
        float peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > MAX_PEAK) {
            float g = (float) (MAX_PEAK / peak);
            for (int i = 0; i < y.length; i++) {
                y[i] *= g;
                c[i] *= g;
            }
        }
        return new float[][] {c, y};
    }
}
