#define _GNU_SOURCE
#include "quell_core.h"
#include "quell_state.h"
#include "quell_jvm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

double quell_param_clamp(int index, double v) {
    const quell_param_info *p = &QUELL_PARAMS[index];
    if (isnan(v)) {
        return p->def;
    }
    if (v < p->min) {
        v = p->min;
    }
    if (v > p->max) {
        v = p->max;
    }
    if (p->steps > 0) {
        double step = (p->max - p->min) / p->steps;
        v = p->min + floor((v - p->min) / step + 0.5) * step;
    }
    return v;
}

double quell_param_to_normalized(int index, double plain) {
    const quell_param_info *p = &QUELL_PARAMS[index];
    return (quell_param_clamp(index, plain) - p->min) / (p->max - p->min);
}

double quell_param_from_normalized(int index, double n) {
    const quell_param_info *p = &QUELL_PARAMS[index];
    if (isnan(n)) {
        return p->def;
    }
    n = n < 0 ? 0 : n > 1 ? 1 : n;
    return quell_param_clamp(index, p->min + n * (p->max - p->min));
}

void quell_param_format(int index, double v, char *out, size_t len) {
    if (index == QUELL_PARAM_BYPASS) {
        snprintf(out, len, "%s", v >= 0.5 ? "On" : "Off");
    } else if (index == QUELL_PARAM_LOOKAHEAD) {
        snprintf(out, len, "%d ms", (int) lround(v));
    } else {
        snprintf(out, len, "%.1f %s", v, QUELL_PARAMS[index].unit);
    }
}

int quell_param_parse(int index, const char *text, double *plain) {
    while (*text == ' ') {
        text++;
    }
    if (index == QUELL_PARAM_BYPASS) {
        if (!strcasecmp(text, "on") || !strcmp(text, "1")) {
            *plain = 1;
            return 0;
        }
        if (!strcasecmp(text, "off") || !strcmp(text, "0")) {
            *plain = 0;
            return 0;
        }
        return -1;
    }
    char *end;
    double v = strtod(text, &end);
    if (end == text || !isfinite(v)) {
        return -1;
    }
    while (*end == ' ') {
        end++;
    }
    if (*end && strcasecmp(end, QUELL_PARAMS[index].unit) != 0) {
        return -1;
    }
    if (index == QUELL_PARAM_ATTENUATION_LIMIT) {
        v = fabs(v);
    }
    *plain = quell_param_clamp(index, v);
    return 0;
}

/* Latency of the dry fallback before any engine reported one: the engine's figure at 48 kHz,
 * (1 + L) * 480 + 479, scaled to the host rate. */
static int fallback_latency(const quell_core *q) {
    int frames = (int) lround(q->params[QUELL_PARAM_LOOKAHEAD] / 10.0);
    double at48 = (1 + frames) * 480 + 479;
    int l = (int) lround(at48 * (q->rate > 0 ? q->rate : 48000) / 48000.0);
    return l < QUELL_MAX_LATENCY ? l : QUELL_MAX_LATENCY - 1;
}

void quell_core_init(quell_core *q, const char *resource_dir, int channels) {
    memset(q, 0, sizeof *q);
    snprintf(q->resource_dir, sizeof q->resource_dir, "%s", resource_dir);
    q->channels = channels;
    q->rate = 48000;
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        q->params[i] = QUELL_PARAMS[i].def;
    }
    q->latency = fallback_latency(q);
    q->failed = 1;
}

static void drop_bridge(quell_core *q) {
    JNIEnv *env = quell_jvm_env();
    if (env) {
        if (q->bridge) {
            (*env)->DeleteGlobalRef(env, q->bridge);
        }
        if (q->buffer) {
            (*env)->DeleteGlobalRef(env, q->buffer);
        }
    }
    q->bridge = NULL;
    q->buffer = NULL;
}

static int java_failed(quell_core *q, JNIEnv *env, const char *what) {
    if (!(*env)->ExceptionCheck(env)) {
        return 0;
    }
    char why[400];
    quell_jvm_exception(env, why, sizeof why, what); /* one line, no stack trace in the host's log */
    snprintf(q->error, sizeof q->error, "%s; this instance passes the signal through, delayed by its latency", why);
    q->failed = 1;
    return 1;
}

static jbyteArray make_state(JNIEnv *env, quell_core *q) {
    size_t len;
    char *s = quell_core_save_state(q, &len);
    jbyteArray a = s ? (*env)->NewByteArray(env, (jsize) len) : NULL;
    if (a) {
        (*env)->SetByteArrayRegion(env, a, 0, (jsize) len, (const jbyte *) s);
    }
    free(s);
    return a;
}

int quell_core_prepare(quell_core *q, double rate, int max_block) {
    q->rate = rate;
    if (max_block < 1) {
        max_block = 1;
    }
    if (max_block > 8192) {
        max_block = 8192;
    }
    if (q->audio == NULL || q->max_block != max_block) {
        drop_bridge(q);
        free(q->audio);
        q->audio = calloc((size_t) 2 * q->channels * max_block, sizeof(float));
        q->max_block = max_block;
    }
    if (q->dry == NULL) {
        q->dry_len = QUELL_MAX_LATENCY + 8192;
        q->dry = calloc((size_t) q->channels * q->dry_len, sizeof(float));
    }
    q->dry_pos = 0;
    memset(q->dry, 0, sizeof(float) * q->channels * q->dry_len);
    q->failed = 1;
    q->latency = fallback_latency(q);
    if (!q->audio || !q->dry) {
        snprintf(q->error, sizeof q->error, "out of memory");
        return -1;
    }
    char err[512] = "";
    const quell_java *j = quell_jvm_init(q->resource_dir, err, sizeof err);
    JNIEnv *env = j ? quell_jvm_env() : NULL;
    if (!env) {
        snprintf(q->error, sizeof q->error, "%s", err[0] ? err : "no JVM");
        return -1;
    }
    (*env)->PushLocalFrame(env, 16);
    drop_bridge(q);
    jobject buf = (*env)->NewDirectByteBuffer(env, q->audio, (jlong) sizeof(float) * 2 * q->channels * max_block);
    jbyteArray state = buf ? make_state(env, q) : NULL;
    jobject bridge = state ? (*env)->NewObject(env, j->bridge, j->ctor, buf, rate, max_block, q->channels, state) : NULL;
    if (java_failed(q, env, "prepare") || !bridge) {
        if (!q->error[0]) {
            snprintf(q->error, sizeof q->error, "could not create the engine");
        }
        quell_log("%s", q->error);
        (*env)->PopLocalFrame(env, NULL);
        return -1;
    }
    q->java = j;
    q->buffer = (*env)->NewGlobalRef(env, buf);
    q->bridge = (*env)->NewGlobalRef(env, bridge);
    q->latency = (*env)->CallIntMethod(env, q->bridge, j->latency);
    if (java_failed(q, env, "latency")) {
        (*env)->PopLocalFrame(env, NULL);
        return -1;
    }
    if (q->latency >= QUELL_MAX_LATENCY) {
        q->latency = QUELL_MAX_LATENCY - 1;
    }
    q->failed = 0;
    q->error[0] = 0;
    (*env)->PopLocalFrame(env, NULL);
    return 0;
}

/* Dry delay line: always fed, so a fallback mid-stream continues seamlessly in time. */
static void dry_push(quell_core *q, const float *const *in, int n) {
    int len = q->dry_len;
    for (int c = 0; c < q->channels; c++) {
        float *ring = q->dry + (size_t) c * len;
        int w = q->dry_pos;
        for (int i = 0; i < n; i++) {
            float v = in[c][i];
            ring[w] = (v == v && v < 64.f && v > -64.f) ? v : 0.f;
            if (++w == len) {
                w = 0;
            }
        }
    }
    q->dry_pos = (q->dry_pos + n) % len;
}

void quell_core_process(quell_core *q, const float *const *in, float *const *out, int n) {
    if (q->max_block <= 0 || !q->dry || !q->audio) {
        for (int c = 0; c < q->channels; c++) {
            memset(out[c], 0, sizeof(float) * (size_t) (n > 0 ? n : 0));
        }
        return;
    }
    const float *ins[QUELL_MAX_CHANNELS];
    float *outs[QUELL_MAX_CHANNELS];
    for (int off = 0; off < n;) {
        int m = n - off < q->max_block ? n - off : q->max_block;
        for (int c = 0; c < q->channels; c++) {
            ins[c] = in[c] + off;
            outs[c] = out[c] + off;
        }
        /* the input goes into the dry ring first (before outputs that may alias it are written) */
        dry_push(q, ins, m);
        int done = 0;
        if (!q->failed && q->bridge) {
            const quell_java *j = q->java;
            JNIEnv *env = j ? quell_jvm_env() : NULL;
            if (env) {
                for (int c = 0; c < q->channels; c++) {
                    memcpy(q->audio + (size_t) c * q->max_block, ins[c], sizeof(float) * (size_t) m);
                }
                (*env)->CallVoidMethod(env, q->bridge, j->process, m);
                if (!java_failed(q, env, "process")) {
                    const float *o = q->audio + (size_t) q->channels * q->max_block;
                    for (int c = 0; c < q->channels; c++) {
                        memcpy(outs[c], o + (size_t) c * q->max_block, sizeof(float) * (size_t) m);
                    }
                    done = 1;
                }
            } else {
                q->failed = 1;
            }
        }
        if (!done) {
            /* dry fallback: this block's input is in the ring; read it back delayed by the latency */
            for (int c = 0; c < q->channels; c++) {
                const float *ring = q->dry + (size_t) c * q->dry_len;
                int r = q->dry_pos - m - q->latency;
                while (r < 0) {
                    r += q->dry_len;
                }
                for (int i = 0; i < m; i++) {
                    outs[c][i] = ring[r];
                    if (++r == q->dry_len) {
                        r = 0;
                    }
                }
            }
        }
        off += m;
    }
}

int quell_core_set_param(quell_core *q, int index, double plain) {
    if (index < 0 || index >= QUELL_PARAM_COUNT) {
        return q->latency;
    }
    q->params[index] = quell_param_clamp(index, plain);
    if (!q->failed && q->bridge) {
        const quell_java *j = q->java;
        JNIEnv *env = quell_jvm_env();
        if (j && env) {
            int l = (*env)->CallIntMethod(env, q->bridge, j->set_param, index, q->params[index]);
            if (!java_failed(q, env, "setParameter")) {
                q->latency = l < QUELL_MAX_LATENCY ? l : QUELL_MAX_LATENCY - 1;
            }
        }
    } else if (index == QUELL_PARAM_LOOKAHEAD) {
        q->latency = fallback_latency(q);
    }
    return q->latency;
}

void quell_core_reset(quell_core *q) {
    if (q->dry) {
        memset(q->dry, 0, sizeof(float) * q->channels * q->dry_len);
    }
    if (!q->failed && q->bridge) {
        const quell_java *j = q->java;
        JNIEnv *env = quell_jvm_env();
        if (j && env) {
            (*env)->CallVoidMethod(env, q->bridge, j->reset);
            java_failed(q, env, "reset");
        }
    }
}

int quell_core_running(const quell_core *q) {
    return !q->failed && q->bridge != NULL;
}

int quell_core_latency(const quell_core *q) {
    return q->latency;
}

char *quell_core_save_state(quell_core *q, size_t *len) {
    char *s = malloc(512);
    if (!s) {
        return NULL;
    }
    int n = snprintf(s, 512, "{\"format\":\"quell-state\",\"version\":1,\"parameters\":{");
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        n += snprintf(s + n, 512 - n, "%s\"%s\":%.17g", i ? "," : "", QUELL_PARAMS[i].key, q->params[i]);
    }
    n += snprintf(s + n, 512 - n, "}}");
    *len = (size_t) n;
    return s;
}

/* Restores a state read by the strict parser of quell_state.c (the Java engine's rules); a
 * rejected state changes nothing. */
int quell_core_load_state(quell_core *q, const char *data, size_t len) {
    double values[QUELL_PARAM_COUNT];
    char why[200];
    if (quell_state_parse(data, len, values, why, sizeof why) != 0) {
        snprintf(q->error, sizeof q->error, "%s; parameters unchanged", why);
        return -1;
    }
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        quell_core_set_param(q, i, values[i]);
    }
    return 0;
}

void quell_core_release(quell_core *q) {
    drop_bridge(q);
    free(q->audio);
    free(q->dry);
    q->audio = NULL;
    q->dry = NULL;
    q->max_block = 0;
    q->failed = 1;
}
