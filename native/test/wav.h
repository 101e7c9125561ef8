/* Minimal WAV reading/writing for the native tests (PCM 16/24/32-bit and float32, any channels). */
#ifndef QUELL_TEST_WAV_H
#define QUELL_TEST_WAV_H
typedef struct {
    int rate;
    int channels;
    long frames;
    float *data; /* interleaved */
} wav_audio;

int wav_read(const char *path, wav_audio *out);            /* 0 on success */
int wav_write_float(const char *path, const wav_audio *a); /* 0 on success */
#endif
