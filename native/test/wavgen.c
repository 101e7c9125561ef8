/* quell_wavgen OUT.wav RATE CHANNELS SECONDS: a speech-like test signal (gliding harmonic voice
 * with a syllable envelope, plus noise), float32 WAV; the second channel is scaled by 0.7. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "wav.h"

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: quell_wavgen OUT.wav RATE CHANNELS SECONDS\n");
        return 2;
    }
    wav_audio a;
    a.rate = atoi(argv[2]);
    a.channels = atoi(argv[3]);
    a.frames = (long) (atof(argv[4]) * a.rate);
    a.data = malloc(sizeof(float) * (size_t) (a.frames * a.channels));
    unsigned seed = 1;
    double ph = 0;
    for (long i = 0; i < a.frames; i++) {
        double t = (double) i / a.rate;
        ph += 2 * M_PI * (130 + 50 * sin(2 * M_PI * 0.6 * t)) / a.rate;
        double env = fmax(0, sin(2 * M_PI * 2.2 * t));
        double v = 0;
        for (int h = 1; h <= 12; h++) {
            v += sin(h * ph) / h;
        }
        seed = seed * 1103515245u + 12345u;
        double noise = ((seed >> 8) & 0xFFFF) / 65536.0 - 0.5;
        for (int c = 0; c < a.channels; c++) {
            a.data[i * a.channels + c] = (float) ((0.12 * env * v + 0.03 * noise) * (c ? 0.7 : 1.0));
        }
    }
    return wav_write_float(argv[1], &a) ? 1 : 0;
}
