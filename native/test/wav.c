#include "wav.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t) p[3] << 24; }
static uint16_t u16(const unsigned char *p) { return (uint16_t) (p[0] | p[1] << 8); }

int wav_read(const char *path, wav_audio *out) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t) size);
    if (!b || fread(b, 1, (size_t) size, f) != (size_t) size || size < 12 || memcmp(b, "RIFF", 4) || memcmp(b + 8, "WAVE", 4)) {
        fclose(f);
        free(b);
        return -1;
    }
    fclose(f);
    int fmt = 0, bits = 0;
    long pos = 12;
    memset(out, 0, sizeof *out);
    while (pos + 8 <= size) {
        uint32_t len = u32(b + pos + 4);
        const unsigned char *c = b + pos + 8;
        if (!memcmp(b + pos, "fmt ", 4)) {
            fmt = u16(c);
            out->channels = u16(c + 2);
            out->rate = (int) u32(c + 4);
            bits = u16(c + 14);
            if (fmt == 0xFFFE && len >= 26) {
                fmt = u16(c + 24);
            }
        } else if (!memcmp(b + pos, "data", 4)) {
            if (pos + 8 + (long) len > size) {
                len = (uint32_t) (size - pos - 8);
            }
            int bytes = bits / 8;
            if (!out->channels || !bytes) {
                break;
            }
            out->frames = len / (bytes * out->channels);
            long n = out->frames * out->channels;
            out->data = malloc(sizeof(float) * (size_t) (n > 0 ? n : 1));
            for (long i = 0; i < n; i++) {
                const unsigned char *s = c + i * bytes;
                float v = 0;
                if (fmt == 3 && bits == 32) {
                    memcpy(&v, s, 4);
                } else if (fmt == 1 && bits == 16) {
                    v = (int16_t) u16(s) / 32768.0f;
                } else if (fmt == 1 && bits == 24) {
                    int32_t x = (int32_t) (s[0] << 8 | s[1] << 16 | (uint32_t) s[2] << 24) >> 8;
                    v = x / 8388608.0f;
                } else if (fmt == 1 && bits == 32) {
                    v = (int32_t) u32(s) / 2147483648.0f;
                }
                out->data[i] = v;
            }
            free(b);
            return 0;
        }
        pos += 8 + len + (len & 1);
    }
    free(b);
    return -1;
}

static void put32(FILE *f, uint32_t v) { unsigned char b[4] = {v & 255, v >> 8 & 255, v >> 16 & 255, v >> 24 & 255}; fwrite(b, 1, 4, f); }
static void put16(FILE *f, uint16_t v) { unsigned char b[2] = {v & 255, v >> 8 & 255}; fwrite(b, 1, 2, f); }

int wav_write_float(const char *path, const wav_audio *a) {
    FILE *f = fopen(path, "wb");
    if (!f) {
        return -1;
    }
    uint32_t data = (uint32_t) (a->frames * a->channels * 4);
    fwrite("RIFF", 1, 4, f);
    put32(f, 36 + data);
    fwrite("WAVEfmt ", 1, 8, f);
    put32(f, 16);
    put16(f, 3);
    put16(f, (uint16_t) a->channels);
    put32(f, (uint32_t) a->rate);
    put32(f, (uint32_t) a->rate * a->channels * 4);
    put16(f, (uint16_t) (a->channels * 4));
    put16(f, 32);
    fwrite("data", 1, 4, f);
    put32(f, data);
    fwrite(a->data, 4, (size_t) (a->frames * a->channels), f);
    return fclose(f);
}
