/* quell_wavcmp A B OFFSET: error of B (from frame OFFSET on) against A, in dB relative to A's
 * energy, over min(len A, len B - OFFSET) frames and all channels. Prints it; exit status 0 when
 * below the limit given as a 4th argument (default -60 dB), 1 above, 2 on bad input. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "wav.h"

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: quell_wavcmp REFERENCE TEST OFFSET [LIMIT_DB]\n");
        return 2;
    }
    wav_audio a, b;
    if (wav_read(argv[1], &a) || wav_read(argv[2], &b)) {
        fprintf(stderr, "quell_wavcmp: cannot read %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    long off = atol(argv[3]);
    double limit = argc > 4 ? atof(argv[4]) : -60;
    if (a.channels != b.channels || off < 0) {
        fprintf(stderr, "quell_wavcmp: channel counts differ (%d vs %d)\n", a.channels, b.channels);
        return 2;
    }
    long n = a.frames < b.frames - off ? a.frames : b.frames - off;
    double e = 0, s = 0;
    for (long i = 0; i < n * a.channels; i++) {
        double x = a.data[i];
        double d = b.data[i + off * a.channels] - x;
        e += d * d;
        s += x * x;
    }
    double db = 10 * log10((e + 1e-30) / (s + 1e-30));
    printf("%ld frames compared from offset %ld: error %.1f dB (limit %.1f dB)\n", n, off, db, limit);
    return n > 0 && db <= limit ? 0 : 1;
}
