package dev.quell.validation.cli;

import dev.quell.validation.metrics.SegmentalSnr;
import dev.quell.validation.metrics.SiSdr;
import dev.quell.validation.metrics.Stoi;

/** The intrusive metrics every Quell report shows, recorded together. */
public final class QualityScores {
    private QualityScores() {
    }

    /**
     * Adds SI-SDR, segmental SNR, STOI and ESTOI of {@code test} against {@code clean} to a table.
     *
     * @param table the table
     * @param row condition label
     * @param snrDb input SNR of the pair (NaN if unknown)
     * @param clean clean reference
     * @param test signal under test, same length and rate
     * @param rate sample rate in Hz
     */
    public static void add(ResultTable table, String row, double snrDb, float[] clean, float[] test, int rate) {
        table.add("SI-SDR (dB)", row, snrDb, SiSdr.compute(clean, test));
        table.add("segmental SNR (dB)", row, snrDb, SegmentalSnr.compute(clean, test, rate));
        table.add("STOI", row, snrDb, Stoi.stoi(clean, test, rate));
        table.add("ESTOI", row, snrDb, Stoi.estoi(clean, test, rate));
    }
}
