/* Quell as an LV2 plugin (mono and stereo variants): ports map onto quell_core; the state
 * extension stores the engine's JSON state. Only lv2_descriptor is exported. */
#include <lv2/core/lv2.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>
#include <lv2/atom/atom.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "quell_core.h"

#define STATE_KEY "https://quell.dev/lv2#state"

typedef struct {
    quell_core core;
    int channels;
    const float *in[QUELL_MAX_CHANNELS];
    float *out[QUELL_MAX_CHANNELS];
    const float *control[QUELL_PARAM_COUNT]; /* post_filter, lookahead, attenuation_limit, enabled */
    float *latency;
    float *engine;                             /* output: 1 engine running, 0 passing through */
    float last[QUELL_PARAM_COUNT];
    LV2_URID state_key;
    LV2_URID atom_string;
} quell_lv2;

static LV2_Handle instantiate(const LV2_Descriptor *d, double rate, const char *bundle, const LV2_Feature *const *features) {
    LV2_URID_Map *map = NULL;
    for (int i = 0; features && features[i]; i++) {
        if (!strcmp(features[i]->URI, LV2_URID__map)) {
            map = (LV2_URID_Map *) features[i]->data;
        }
    }
    quell_lv2 *p = calloc(1, sizeof *p);
    if (!p) {
        return NULL;
    }
    p->channels = strcmp(d->URI, QUELL_LV2_URI_STEREO) == 0 ? 2 : 1;
    if (map) { /* optional: without it the state extension is unavailable (the ports still carry every parameter) */
        p->state_key = map->map(map->handle, STATE_KEY);
        p->atom_string = map->map(map->handle, LV2_ATOM__String);
    }
    /* bundle paths from hosts end in '/'; the jars are in <bundle>/lib */
    char dir[1024];
    size_t n = strlen(bundle);
    snprintf(dir, sizeof dir, "%.*s", (int) (n > 0 && bundle[n - 1] == '/' ? n - 1 : n), bundle);
    quell_core_init(&p->core, dir, p->channels);
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        p->last[i] = NAN;
    }
    quell_core_prepare(&p->core, rate, 4096);
    return p;
}

static void connect_port(LV2_Handle h, uint32_t port, void *data) {
    quell_lv2 *p = h;
    int ch = p->channels;
    if (port < (uint32_t) ch) {
        p->in[port] = data;
    } else if (port < (uint32_t) (2 * ch)) {
        p->out[port - ch] = data;
    } else if (port < (uint32_t) (2 * ch + QUELL_PARAM_COUNT)) {
        p->control[port - 2 * ch] = data;
    } else if (port == (uint32_t) (2 * ch + QUELL_PARAM_COUNT)) {
        p->latency = data;
    } else if (port == (uint32_t) (2 * ch + QUELL_PARAM_COUNT + 1)) {
        p->engine = data;
    }
}

static void activate(LV2_Handle h) {
    quell_lv2 *p = h;
    quell_core_reset(&p->core);
}

static void run(LV2_Handle h, uint32_t n) {
    quell_lv2 *p = h;
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        if (!p->control[i]) {
            continue;
        }
        float v = *p->control[i];
        if (v != p->last[i]) {
            p->last[i] = v;
            /* LV2's "enabled" port is the inverse of Quell's bypass */
            quell_core_set_param(&p->core, i, i == QUELL_PARAM_BYPASS ? (v >= 0.5f ? 0.0 : 1.0) : v);
        }
    }
    int ok = 1;
    for (int c = 0; c < p->channels; c++) {
        ok &= p->in[c] != NULL && p->out[c] != NULL;
    }
    if (ok && n > 0) {
        quell_core_process(&p->core, p->in, p->out, (int) n);
    }
    if (p->latency) {
        *p->latency = (float) quell_core_latency(&p->core);
    }
    if (p->engine) {
        *p->engine = quell_core_running(&p->core) ? 1.0f : 0.0f;
    }
}

static void cleanup(LV2_Handle h) {
    quell_lv2 *p = h;
    quell_core_release(&p->core);
    free(p);
}

static LV2_State_Status save(LV2_Handle h, LV2_State_Store_Function store, LV2_State_Handle handle, uint32_t flags,
                             const LV2_Feature *const *features) {
    (void) flags;
    (void) features;
    quell_lv2 *p = h;
    if (!p->state_key) {
        return LV2_STATE_ERR_NO_FEATURE;
    }
    size_t len;
    char *json = quell_core_save_state(&p->core, &len);
    if (!json) {
        return LV2_STATE_ERR_UNKNOWN;
    }
    LV2_State_Status s = store(handle, p->state_key, json, len + 1, p->atom_string,
                               LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE);
    free(json);
    return s;
}

static LV2_State_Status restore(LV2_Handle h, LV2_State_Retrieve_Function retrieve, LV2_State_Handle handle,
                                uint32_t flags, const LV2_Feature *const *features) {
    (void) flags;
    (void) features;
    quell_lv2 *p = h;
    if (!p->state_key) {
        return LV2_STATE_ERR_NO_FEATURE;
    }
    size_t size = 0;
    uint32_t type = 0;
    uint32_t vflags = 0;
    const char *data = retrieve(handle, p->state_key, &size, &type, &vflags);
    if (!data || type != p->atom_string) {
        return LV2_STATE_ERR_NO_PROPERTY;
    }
    size_t len = strnlen(data, size);
    if (quell_core_load_state(&p->core, data, len) != 0) {
        quell_log("%s", p->core.error);
        return LV2_STATE_ERR_UNKNOWN;
    }
    return LV2_STATE_SUCCESS;
}

static const void *extension_data(const char *uri) {
    static const LV2_State_Interface state = {save, restore};
    return strcmp(uri, LV2_STATE__interface) == 0 ? &state : NULL;
}

static const LV2_Descriptor descriptors[2] = {
    {QUELL_LV2_URI_MONO, instantiate, connect_port, activate, run, NULL, cleanup, extension_data},
    {QUELL_LV2_URI_STEREO, instantiate, connect_port, activate, run, NULL, cleanup, extension_data},
};

LV2_SYMBOL_EXPORT const LV2_Descriptor *lv2_descriptor(uint32_t index) {
    return index < 2 ? &descriptors[index] : NULL;
}
