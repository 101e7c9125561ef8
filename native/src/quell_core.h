/* One Quell plugin instance as the format shims see it: parameters, state, latency and audio,
 * forwarded to the Java engine (dev.quell.plugin.nativebridge.NativeBridge) through JNI, with a
 * latency-compensated dry fallback whenever Java is unavailable or throws.
 *
 * Real-time rules: quell_core_process and quell_core_set_param make no allocation, take no lock
 * and create no JNI local references (audio crosses in a direct buffer allocated per instance).
 * Everything else may allocate and is meant for the host's setup threads. */
#ifndef QUELL_CORE_H
#define QUELL_CORE_H

#include <stddef.h>
#include <jni.h>
#include "quell_params.h"
#include "quell_jvm.h"

#define QUELL_MAX_CHANNELS 2
#define QUELL_MAX_LATENCY 32768 /* > the 20 ms look-ahead latency at 384 kHz (16,385 samples) */

typedef struct {
    char resource_dir[1024];
    int channels;
    int max_block;
    double rate;
    double params[QUELL_PARAM_COUNT];   /* plain values: the C side's copy, authoritative without Java */
    const quell_java *java;              /* method table, cached at prepare (no lock in process) */
    jobject bridge;                      /* global ref, NULL in fallback */
    jobject buffer;                      /* global ref to the direct ByteBuffer over audio */
    float *audio;                        /* 2 * channels * max_block floats: inputs, then outputs */
    int latency;                         /* samples at the host rate */
    volatile int failed;                 /* 1: dry fallback */
    float *dry;                          /* channels rings of dry_len samples */
    int dry_len;
    int dry_pos;
    char error[512];
} quell_core;

/* Sets defaults; no JVM yet. resource_dir holds lib/<name>.jar (and optionally jre/). */
void quell_core_init(quell_core *q, const char *resource_dir, int channels);

/* (Re)creates the engine for a configuration: starts/attaches the JVM, constructs the bridge with
 * the current parameters, measures the latency. Not real-time. Returns 0, or -1 when running in
 * dry fallback (the reason is in q->error). */
int quell_core_prepare(quell_core *q, double rate, int max_block);

/* Audio: n <= max_block frames (larger blocks are split), in/out per channel (may alias). */
void quell_core_process(quell_core *q, const float *const *in, float *const *out, int n);

/* Sets a parameter (plain value, clamped); returns the latency afterwards. */
int quell_core_set_param(quell_core *q, int index, double plain);

/* Clears the audio stream (not real-time). */
void quell_core_reset(quell_core *q);

/* Current latency in samples (the fallback delays the dry signal by exactly this). */
int quell_core_latency(const quell_core *q);

/* State as versioned JSON (malloc'd, caller frees; *len set). */
char *quell_core_save_state(quell_core *q, size_t *len);

/* Restores a state (strict: quell_state.h); returns 0, or -1 with the reason in q->error and the
 * parameters unchanged. */
int quell_core_load_state(quell_core *q, const char *data, size_t len);

/* 1 while the Java engine processes the audio, 0 while the instance passes it through (no Java,
 * an unsupported rate, or an engine failure; the reason is in q->error and in the log file). */
int quell_core_running(const quell_core *q);

/* Frees the engine and buffers (not the JVM). */
void quell_core_release(quell_core *q);

/* Parameter helpers shared by both formats (pure C, no JVM). */
double quell_param_clamp(int index, double plain);
double quell_param_to_normalized(int index, double plain);
double quell_param_from_normalized(int index, double normalized);
void quell_param_format(int index, double plain, char *out, size_t len);
int quell_param_parse(int index, const char *text, double *plain);

#endif
