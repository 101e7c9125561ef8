/* LV2 stress host: loads quell.lv2's stereo plugin the way an LV2 host does (dlopen, lv2_descriptor,
 * instantiate with urid:map, connect_port, activate, run) and drives it like vst3_host --stress:
 * 48 kHz stereo speech-like audio in blocks whose size changes on every call (1-8192 samples,
 * log-uniform), with the look-ahead or the enabled port moved once a second, for SECONDS of
 * audio. Per block-size range it reports the calls, the worst call time, the calls longer than
 * their own block's duration, and the C heap calls and mutex locks made on the audio thread
 * inside run() (malloc_count.c interposes them for the whole process, the JVM included). Fails
 * (exit 1) if run() makes a heap call after the first second, or if the interposer does not count.
 *   quell_lv2_stress PATH/quell.lv2 SECONDS */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lv2/core/lv2.h>
#include <lv2/urid/urid.h>

#include "malloc_count.h"
#include "stress_stats.h"

#define MAX_URIS 64
static const char *uris[MAX_URIS];
static int n_uris;

static LV2_URID map_uri(LV2_URID_Map_Handle h, const char *uri) {
    (void) h;
    for (int i = 0; i < n_uris; i++) {
        if (!strcmp(uris[i], uri)) return (LV2_URID) (i + 1);
    }
    if (n_uris == MAX_URIS) return 0;
    uris[n_uris] = strdup(uri);
    return (LV2_URID) ++n_uris;
}

/* deterministic speech-like test signal: a gliding harmonic tone with syllable envelope plus noise */
static void speechlike(float *l, float *r, long n, unsigned seed) {
    double phase = 0;
    for (long i = 0; i < n; i++) {
        double t = (double) i / 48000;
        double f0 = 120 + 40 * sin(2 * M_PI * 0.7 * t);
        phase += 2 * M_PI * f0 / 48000;
        double env = 0.5 + 0.5 * sin(2 * M_PI * 3 * t);
        double v = 0;
        for (int k = 1; k <= 8; k++) v += sin(k * phase) / k;
        seed = seed * 1103515245u + 12345u;
        double noise = ((seed >> 8) & 0xffff) / 32768.0 - 1;
        l[i] = (float) (0.1 * env * v + 0.02 * noise);
        r[i] = (float) (0.9 * l[i]);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: quell_lv2_stress PATH/quell.lv2 SECONDS\n");
        return 2;
    }
    double seconds = atof(argv[2]);
    int failures = 0;
    int broken = malloc_count_self_check();
    if (broken) {
        fprintf(stderr, "FAILED: the %s interposer is not active\n", broken & 1 ? "malloc" : "mutex");
        return 1;
    }
    char so[4096], bundle[4096];
    snprintf(bundle, sizeof bundle, "%s/", argv[1]);
    snprintf(so, sizeof so, "%s/quell_lv2.so", argv[1]);
    void *lib = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    if (!lib) { fprintf(stderr, "cannot load %s: %s\n", so, dlerror()); return 1; }
    const LV2_Descriptor *(*descriptor)(uint32_t) = (const LV2_Descriptor *(*)(uint32_t)) dlsym(lib, "lv2_descriptor");
    if (!descriptor) { fprintf(stderr, "no lv2_descriptor in %s\n", so); return 1; }
    const LV2_Descriptor *d = NULL;
    for (uint32_t i = 0; descriptor(i); i++) {
        if (strstr(descriptor(i)->URI, "stereo")) d = descriptor(i);
    }
    if (!d) { fprintf(stderr, "no stereo plugin in %s\n", so); return 1; }
    LV2_URID_Map map = {NULL, map_uri};
    LV2_Feature map_feature = {LV2_URID__map, &map};
    const LV2_Feature *features[] = {&map_feature, NULL};
    LV2_Handle h = d->instantiate(d, STRESS_RATE, bundle, features);
    if (!h) { fprintf(stderr, "instantiate failed\n"); return 1; }

    long n = STRESS_RATE * 4;
    float *x[2] = {malloc(sizeof(float) * n), malloc(sizeof(float) * n)};
    float *y[2] = {malloc(sizeof(float) * n), malloc(sizeof(float) * n)};
    speechlike(x[0], x[1], n, 21);
    /* ports of the stereo plugin: in_l, in_r, out_l, out_r, post_filter, lookahead, attenuation_limit, enabled, latency, engine */
    float post = 100, lookahead = 20, limit = 100, enabled = 1, latency = 0, engine = 0;
    float *controls[] = {&post, &lookahead, &limit, &enabled, &latency, &engine};
    for (int c = 0; c < 6; c++) d->connect_port(h, 4 + c, controls[c]);
    if (d->activate) d->activate(h);

    stress_stats st = {0};
    unsigned seed = 7;
    long done = 0, total = (long) (seconds * STRESS_RATE), pos = 0;
    int toggles = 0;
    while (done < total) {
        int m = stress_next_block(&seed);
        if (pos + m > n) pos = 0;
        if ((done / STRESS_RATE) != ((done + m) / STRESS_RATE)) { /* once a second: the look-ahead or the enabled port moves */
            toggles++;
            if (toggles % 3 == 0) enabled = (toggles / 3) % 2 ? 0.0f : 1.0f;
            else lookahead = (toggles % 3) == 1 ? 0.0f : 20.0f;
        }
        for (int c = 0; c < 2; c++) {
            d->connect_port(h, c, x[c] + pos);
            d->connect_port(h, 2 + c, y[c] + pos);
        }
        long h0 = malloc_count_total(), l0 = malloc_count_locks();
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        malloc_count_watch(1);
        d->run(h, (uint32_t) m);
        malloc_count_watch(0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double dt = (double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        stress_record(&st, m, dt, malloc_count_total() - h0, malloc_count_locks() - l0, done);
        for (long i = 0; i < m; i++) {
            if (!(fabsf(y[0][pos + i]) <= 4.0f) || !(fabsf(y[1][pos + i]) <= 4.0f)) {
                fprintf(stderr, "FAILED: output sample %g at %ld is not finite or beyond the ceiling\n", y[0][pos + i], done + i);
                failures++;
                break;
            }
        }
        done += m;
        pos += m;
    }
    printf("lv2 stress: %.0f s of 48 kHz stereo through %s, block size changing every call, look-ahead/enabled moved once a second; engine %s, latency %.0f samples\n",
           seconds, d->URI, engine > 0.5f ? "running" : "NOT running", latency);
    stress_print(&st, "lv2 stress", "run()");
    if (engine < 0.5f) { fprintf(stderr, "FAILED: the engine is not running (pass-through)\n"); failures++; }
    if (st.heap_after) { fprintf(stderr, "FAILED: %ld C heap calls inside run() after the first second\n", st.heap_after); failures++; }
    d->cleanup(h);
    printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}
