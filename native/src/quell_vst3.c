/* Quell as a VST3 plugin: one "single component" class that is at once IComponent,
 * IAudioProcessor, IEditController, IUnitInfo (the factory presets as a program list) and
 * IProcessContextRequirements, forwarding to quell_core.
 * Exports GetPluginFactory, ModuleEntry and ModuleExit only. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quell_core.h"
#include "quell_restart.h"
#include "vst3_api.h"

#define EXPORT __attribute__((visibility("default")))
#define VERSION_STRING "0.1.0"
#define SDK_VERSION "VST 3.7.12"
#define MAX_CHANGES 256

static int iid_equal(const int8_t *a, const int8_t *b) {
    return memcmp(a, b, 16) == 0;
}

static void to_utf16(char16 *dst, const char *src, int cap) {
    int i = 0;
    for (; src[i] && i < cap - 1; i++) {
        dst[i] = (unsigned char) src[i];
    }
    dst[i] = 0;
}

static void from_utf16(char *dst, const char16 *src, int cap) {
    int i = 0;
    for (; src[i] && i < cap - 1; i++) {
        dst[i] = src[i] < 128 ? (char) src[i] : '?';
    }
    dst[i] = 0;
}

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
}

static void class_id(TUID out) {
    const char *hex = QUELL_VST3_CID;
    for (int i = 0; i < 16; i++) {
        out[i] = (int8_t) (hexval(hex[2 * i]) * 16 + hexval(hex[2 * i + 1]));
    }
}

/* ---------------------------------------------------------------- the plugin object */

typedef struct {
    const IComponentVtbl *component;
    const IAudioProcessorVtbl *processor;
    const IEditControllerVtbl *controller;
    const IProcessContextRequirementsVtbl *requirements;
    const IUnitInfoVtbl *units;
    volatile int refs;
    int program;                          /* index of the last factory preset chosen */
    int initialized;
    int active;
    int channels;
    int sample_size;
    int max_block;
    double rate;
    IComponentHandler *handler;           /* identity only; quell_restart holds the reference */
    quell_restart *restart;               /* delivers restartComponent outside host calls */
    int engine_shown;                     /* the Engine value the host last heard of (-1: none yet) */
    double normalized[QUELL_PARAM_COUNT]; /* the controller's view */
    struct { int32_t offset; int32_t id; double value; } changes[MAX_CHANGES];
    quell_core core;
} Plugin;

#define FROM(self, field) ((Plugin *) ((char *) (self) - offsetof(Plugin, field)))

static char resources[PATH_MAX];

static void find_resources(void) {
    Dl_info info;
    if (resources[0] || !dladdr((void *) find_resources, &info) || !info.dli_fname) {
        return;
    }
    /* .../Quell.vst3/Contents/x86_64-linux/Quell.so -> .../Quell.vst3/Contents/Resources */
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", info.dli_fname);
    char *slash = strrchr(path, '/');
    if (slash) {
        *slash = 0;
    }
    char joined[PATH_MAX + 16];
    snprintf(joined, sizeof joined, "%s/../Resources", path);
    if (!realpath(joined, resources)) {
        snprintf(resources, sizeof resources, "%s", joined);
    }
}

static uint32_t plugin_add_ref(Plugin *p) {
    return (uint32_t) __atomic_add_fetch(&p->refs, 1, __ATOMIC_SEQ_CST);
}

static uint32_t plugin_release(Plugin *p) {
    int r = __atomic_sub_fetch(&p->refs, 1, __ATOMIC_SEQ_CST);
    if (r == 0) {
        quell_restart_destroy(p->restart);
        quell_core_release(&p->core);
        free(p);
    }
    return (uint32_t) r;
}

static tresult plugin_query(Plugin *p, const TUID iid, void **obj) {
    if (iid_equal(iid, IID_FUnknown) || iid_equal(iid, IID_IPluginBase) || iid_equal(iid, IID_IComponent)) {
        *obj = &p->component;
    } else if (iid_equal(iid, IID_IAudioProcessor)) {
        *obj = &p->processor;
    } else if (iid_equal(iid, IID_IEditController)) {
        *obj = &p->controller;
    } else if (iid_equal(iid, IID_IProcessContextRequirements)) {
        *obj = &p->requirements;
    } else if (iid_equal(iid, IID_IUnitInfo)) {
        *obj = &p->units;
    } else {
        *obj = NULL;
        return kNoInterface;
    }
    plugin_add_ref(p);
    return kResultOk;
}

static tresult plugin_initialize(Plugin *p, FUnknown *context) {
    (void) context;
    if (p->initialized) {
        return kResultFalse;
    }
    find_resources();
    quell_core_init(&p->core, resources, p->channels);
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        p->normalized[i] = quell_param_to_normalized(i, QUELL_PARAMS[i].def);
    }
    p->initialized = 1;
    return kResultOk;
}

static tresult plugin_terminate(Plugin *p) {
    quell_core_release(&p->core);
    p->initialized = 0;
    p->active = 0;
    return kResultOk;
}

/* reads a whole IBStream (at most 64 KiB) into a malloc'd buffer */
static char *read_stream(IBStream *s, size_t *len) {
    size_t cap = 4096;
    size_t n = 0;
    char *buf = malloc(cap);
    while (buf) {
        int32_t got = 0;
        if (s->vtbl->read(s, buf + n, (int32_t) (cap - n), &got) != kResultOk || got <= 0) {
            break;
        }
        n += (size_t) got;
        if (n == cap) {
            if (cap >= 65536) {
                break;
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    *len = n;
    return buf;
}

static void sync_controller(Plugin *p) {
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        p->normalized[i] = quell_param_to_normalized(i, p->core.params[i]);
    }
}

/* The factory presets are a VST3 program list: one more parameter (after the engine's), flagged
 * kIsProgramChange, whose steps select QUELL_PRESETS; choosing one sets the engine parameters it
 * names (bypass is left alone). */
#define PROGRAM_PARAM QUELL_PARAM_COUNT
#define ENGINE_PARAM (QUELL_PARAM_COUNT + 1) /* read-only: 1 = the enhancer runs, 0 = passing through */
#define PARAM_TOTAL (QUELL_PARAM_COUNT + 2)
#define ENGINE_OFF_TEXT "passing through (see ~/.cache/quell/quell.log)"
#define PROGRAM_LIST_ID 1

static double program_to_normalized(int index) {
    return QUELL_PRESET_COUNT > 1 ? (double) index / (QUELL_PRESET_COUNT - 1) : 0;
}

static int program_from_normalized(double v) {
    int i = (int) lround((v < 0 ? 0 : v > 1 ? 1 : v) * (QUELL_PRESET_COUNT - 1));
    return i < 0 ? 0 : i >= QUELL_PRESET_COUNT ? QUELL_PRESET_COUNT - 1 : i;
}

/* applies a factory preset to the engine and the controller's values; returns 1 if the latency changed */
static int apply_program(Plugin *p, int index) {
    int before = quell_core_latency(&p->core);
    p->program = index;
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        double v = QUELL_PRESETS[index].values[i];
        if (v >= 0) {
            quell_core_set_param(&p->core, i, v);
            p->normalized[i] = quell_param_to_normalized(i, p->core.params[i]);
        }
    }
    return quell_core_latency(&p->core) != before;
}

/* ---------------------------------------------------------------- IComponent */

static tresult c_query(void *self, const TUID iid, void **obj) { return plugin_query(FROM(self, component), iid, obj); }
static uint32_t c_add_ref(void *self) { return plugin_add_ref(FROM(self, component)); }
static uint32_t c_release(void *self) { return plugin_release(FROM(self, component)); }
static tresult c_initialize(void *self, FUnknown *ctx) { return plugin_initialize(FROM(self, component), ctx); }
static tresult c_terminate(void *self) { return plugin_terminate(FROM(self, component)); }
static tresult c_controller_class(void *self, TUID cid) { (void) self; memset(cid, 0, 16); return kResultFalse; }
static tresult c_set_io_mode(void *self, int32_t mode) { (void) self; (void) mode; return kResultOk; }

static int32_t c_bus_count(void *self, int32_t type, int32_t dir) {
    (void) self;
    (void) dir;
    return type == kAudio ? 1 : 0;
}

static tresult c_bus_info(void *self, int32_t type, int32_t dir, int32_t index, BusInfo *bus) {
    Plugin *p = FROM(self, component);
    if (type != kAudio || index != 0 || (dir != kInput && dir != kOutput) || !bus) {
        return kInvalidArgument;
    }
    memset(bus, 0, sizeof *bus);
    bus->mediaType = kAudio;
    bus->direction = dir;
    bus->channelCount = p->channels;
    to_utf16(bus->name, dir == kInput ? "Input" : "Output", 128);
    bus->busType = kMain;
    bus->flags = kDefaultActive;
    return kResultOk;
}

static tresult c_routing(void *self, RoutingInfo *in, RoutingInfo *out) { (void) self; (void) in; (void) out; return kNotImplemented; }

static tresult c_activate_bus(void *self, int32_t type, int32_t dir, int32_t index, TBool state) {
    (void) self;
    (void) dir;
    (void) state;
    return type == kAudio && index == 0 ? kResultOk : kInvalidArgument;
}

static void prepare(Plugin *p) {
    if (p->core.channels != p->channels) {
        char dir[sizeof p->core.resource_dir];
        double params[QUELL_PARAM_COUNT];
        memcpy(dir, p->core.resource_dir, sizeof dir);
        memcpy(params, p->core.params, sizeof params);
        quell_core_release(&p->core);
        quell_core_init(&p->core, dir, p->channels);
        for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
            quell_core_set_param(&p->core, i, params[i]);
        }
    }
    /* on failure the instance runs the delayed dry fallback; the reason was logged once */
    quell_core_prepare(&p->core, p->rate, p->max_block);
}

static tresult c_set_active(void *self, TBool state) {
    Plugin *p = FROM(self, component);
    if (!p->initialized) {
        return kNotInitialized;
    }
    if (state) {
        if (!p->core.audio || p->core.channels != p->channels || p->core.rate != p->rate || p->core.max_block != p->max_block) {
            prepare(p);
        } else {
            quell_core_reset(&p->core);
        }
    }
    p->active = state ? 1 : 0;
    return kResultOk;
}

static tresult c_set_state(void *self, IBStream *s) {
    Plugin *p = FROM(self, component);
    if (!s) {
        return kInvalidArgument;
    }
    size_t len = 0;
    char *data = read_stream(s, &len);
    if (!data) {
        return kOutOfMemory;
    }
    int rc = quell_core_load_state(&p->core, data, len);
    free(data);
    sync_controller(p);
    if (rc != 0) {
        quell_log("%s", p->core.error);
        return kResultFalse;
    }
    return kResultOk;
}

static tresult c_get_state(void *self, IBStream *s) {
    Plugin *p = FROM(self, component);
    if (!s) {
        return kInvalidArgument;
    }
    size_t len = 0;
    char *data = quell_core_save_state(&p->core, &len);
    if (!data) {
        return kOutOfMemory;
    }
    int32_t written = 0;
    tresult r = s->vtbl->write(s, data, (int32_t) len, &written);
    free(data);
    return r == kResultOk && written == (int32_t) len ? kResultOk : kResultFalse;
}

static const IComponentVtbl component_vtbl = {
    c_query, c_add_ref, c_release, c_initialize, c_terminate, c_controller_class, c_set_io_mode, c_bus_count,
    c_bus_info, c_routing, c_activate_bus, c_set_active, c_set_state, c_get_state};

/* ---------------------------------------------------------------- IAudioProcessor */

static tresult a_query(void *self, const TUID iid, void **obj) { return plugin_query(FROM(self, processor), iid, obj); }
static uint32_t a_add_ref(void *self) { return plugin_add_ref(FROM(self, processor)); }
static uint32_t a_release(void *self) { return plugin_release(FROM(self, processor)); }

static tresult a_set_arrangements(void *self, SpeakerArrangement *ins, int32_t nin, SpeakerArrangement *outs, int32_t nout) {
    Plugin *p = FROM(self, processor);
    if (nin != 1 || nout != 1 || !ins || !outs || ins[0] != outs[0] || (ins[0] != kArrMono && ins[0] != kArrStereo)) {
        return kResultFalse;
    }
    if (p->active) {
        return kResultFalse;
    }
    p->channels = ins[0] == kArrMono ? 1 : 2;
    return kResultTrue;
}

static tresult a_get_arrangement(void *self, int32_t dir, int32_t index, SpeakerArrangement *arr) {
    Plugin *p = FROM(self, processor);
    if (index != 0 || !arr || (dir != kInput && dir != kOutput)) {
        return kInvalidArgument;
    }
    *arr = p->channels == 1 ? kArrMono : kArrStereo;
    return kResultOk;
}

static tresult a_can_process(void *self, int32_t size) { (void) self; return size == kSample32 ? kResultTrue : kResultFalse; }
static uint32_t a_latency(void *self) { return (uint32_t) quell_core_latency(&FROM(self, processor)->core); }

static tresult a_setup(void *self, ProcessSetup *setup) {
    Plugin *p = FROM(self, processor);
    if (!setup || setup->symbolicSampleSize != kSample32 || setup->sampleRate <= 0 || setup->maxSamplesPerBlock <= 0) {
        return kResultFalse;
    }
    if (p->active) {
        return kResultFalse;
    }
    p->rate = setup->sampleRate;
    p->max_block = setup->maxSamplesPerBlock;
    p->sample_size = setup->symbolicSampleSize;
    prepare(p); /* not real-time: the latency is exact from here on */
    return kResultOk;
}

static tresult a_set_processing(void *self, TBool state) { (void) self; (void) state; return kResultOk; }

/* a change from the host's automation, on the audio thread: the host hears of a new latency or
   new parameter values through the deferred restart (never a host call from here) */
static void apply_change(Plugin *p, int32_t id, double value) {
    if (id >= 0 && id < QUELL_PARAM_COUNT) {
        p->normalized[id] = value;
        int before = quell_core_latency(&p->core);
        if (quell_core_set_param(&p->core, id, quell_param_from_normalized(id, value)) != before) {
            quell_restart_request(p->restart, kLatencyChanged);
        }
    } else if (id == PROGRAM_PARAM) {
        int latency_changed = apply_program(p, program_from_normalized(value));
        quell_restart_request(p->restart, kParamValuesChanged | (latency_changed ? kLatencyChanged : 0));
    }
}

static tresult a_process(void *self, ProcessData *d) {
    Plugin *p = FROM(self, processor);
    if (!d) {
        return kInvalidArgument;
    }
    /* parameter changes, sorted by sample offset (sample-accurate: the block is split there) */
    int n = 0;
    IParameterChanges *pc = d->inputParameterChanges;
    if (pc) {
        int32_t count = pc->vtbl->getParameterCount(pc);
        for (int32_t i = 0; i < count; i++) {
            IParamValueQueue *q = pc->vtbl->getParameterData(pc, i);
            if (!q) {
                continue;
            }
            ParamID id = q->vtbl->getParameterId(q);
            int32_t points = q->vtbl->getPointCount(q);
            for (int32_t k = 0; k < points && n < MAX_CHANGES; k++) {
                int32_t off = 0;
                ParamValue v = 0;
                if (q->vtbl->getPoint(q, k, &off, &v) == kResultOk) {
                    int j = n++;
                    while (j > 0 && p->changes[j - 1].offset > off) {
                        p->changes[j] = p->changes[j - 1];
                        j--;
                    }
                    p->changes[j].offset = off;
                    p->changes[j].id = (int32_t) id;
                    p->changes[j].value = v;
                }
            }
        }
    }
    int frames = d->numSamples;
    int have_audio = frames > 0 && d->numInputs > 0 && d->numOutputs > 0 && d->inputs && d->outputs
                     && d->inputs[0].channelBuffers32 && d->outputs[0].channelBuffers32
                     && d->inputs[0].numChannels == p->channels && d->outputs[0].numChannels == p->channels;
    if (!have_audio || d->symbolicSampleSize != kSample32) {
        for (int i = 0; i < n; i++) {
            apply_change(p, p->changes[i].id, p->changes[i].value);
        }
        if (frames > 0 && d->numOutputs > 0 && d->outputs && d->outputs[0].channelBuffers32
            && d->symbolicSampleSize == kSample32) {
            for (int c = 0; c < d->outputs[0].numChannels; c++) {
                if (d->outputs[0].channelBuffers32[c]) {
                    memset(d->outputs[0].channelBuffers32[c], 0, sizeof(float) * (size_t) frames);
                }
            }
            d->outputs[0].silenceFlags = 0;
        }
        return kResultOk;
    }
    float **in = d->inputs[0].channelBuffers32;
    float **out = d->outputs[0].channelBuffers32;
    const float *ins[QUELL_MAX_CHANNELS];
    float *outs[QUELL_MAX_CHANNELS];
    int pos = 0;
    int ci = 0;
    while (pos < frames) {
        while (ci < n && p->changes[ci].offset <= pos) {
            apply_change(p, p->changes[ci].id, p->changes[ci].value);
            ci++;
        }
        int end = ci < n && p->changes[ci].offset < frames ? p->changes[ci].offset : frames;
        for (int c = 0; c < p->channels; c++) {
            ins[c] = in[c] + pos;
            outs[c] = out[c] + pos;
        }
        quell_core_process(&p->core, ins, outs, end - pos);
        pos = end;
    }
    for (; ci < n; ci++) {
        apply_change(p, p->changes[ci].id, p->changes[ci].value);
    }
    /* tell the host which output channels are exactly silent (it may skip work downstream) */
    uint64_t silent = 0;
    for (int c = 0; c < p->channels; c++) {
        const float *o = out[c];
        int i = 0;
        while (i < frames && o[i] == 0.0f) {
            i++;
        }
        if (i == frames) {
            silent |= (uint64_t) 1 << c;
        }
    }
    d->outputs[0].silenceFlags = silent;
    int running = quell_core_running(&p->core);
    if (running != p->engine_shown) { /* the read-only Engine parameter changed: let the host reread it */
        p->engine_shown = running;
        quell_restart_request(p->restart, kParamValuesChanged);
    }
    return kResultOk;
}

static uint32_t a_tail(void *self) { (void) self; return 0; }

static const IAudioProcessorVtbl processor_vtbl = {
    a_query, a_add_ref, a_release, a_set_arrangements, a_get_arrangement, a_can_process, a_latency, a_setup,
    a_set_processing, a_process, a_tail};

/* ---------------------------------------------------------------- IProcessContextRequirements */

static tresult r_query(void *self, const TUID iid, void **obj) { return plugin_query(FROM(self, requirements), iid, obj); }
static uint32_t r_add_ref(void *self) { return plugin_add_ref(FROM(self, requirements)); }
static uint32_t r_release(void *self) { return plugin_release(FROM(self, requirements)); }
static uint32_t r_requirements(void *self) { (void) self; return 0; /* no transport or tempo needed */ }

static const IProcessContextRequirementsVtbl requirements_vtbl = {r_query, r_add_ref, r_release, r_requirements};

/* ---------------------------------------------------------------- IEditController */

static tresult e_query(void *self, const TUID iid, void **obj) { return plugin_query(FROM(self, controller), iid, obj); }
static uint32_t e_add_ref(void *self) { return plugin_add_ref(FROM(self, controller)); }
static uint32_t e_release(void *self) { return plugin_release(FROM(self, controller)); }
static tresult e_initialize(void *self, FUnknown *ctx) {
    Plugin *p = FROM(self, controller);
    return p->initialized ? kResultOk : plugin_initialize(p, ctx);
}
static tresult e_terminate(void *self) { (void) self; return kResultOk; }

static tresult e_set_component_state(void *self, IBStream *s) {
    Plugin *p = FROM(self, controller);
    if (!s) {
        return kInvalidArgument;
    }
    /* single component: the processor side has the same state; mirror it into the controller */
    size_t len = 0;
    char *data = read_stream(s, &len);
    free(data);
    sync_controller(p);
    return kResultOk;
}

static tresult e_set_state(void *self, IBStream *s) { (void) self; (void) s; return kResultOk; }
static tresult e_get_state(void *self, IBStream *s) { (void) self; (void) s; return kResultOk; }
static int32_t e_param_count(void *self) { (void) self; return PARAM_TOTAL; }

static tresult e_param_info(void *self, int32_t index, ParameterInfo *info) {
    (void) self;
    if (index == PROGRAM_PARAM && info) {
        memset(info, 0, sizeof *info);
        info->id = PROGRAM_PARAM;
        to_utf16(info->title, "Preset", 128);
        to_utf16(info->shortTitle, "Preset", 128);
        info->stepCount = QUELL_PRESET_COUNT - 1;
        info->defaultNormalizedValue = 0;
        info->unitId = kRootUnitId;
        info->flags = kIsProgramChange | kIsList;
        return kResultOk;
    }
    if (index == ENGINE_PARAM && info) {
        memset(info, 0, sizeof *info);
        info->id = ENGINE_PARAM;
        to_utf16(info->title, "Engine", 128);
        to_utf16(info->shortTitle, "Engine", 128);
        info->stepCount = 1;
        info->defaultNormalizedValue = 1;
        info->unitId = kRootUnitId;
        info->flags = kIsReadOnly | kIsList;
        return kResultOk;
    }
    if (index < 0 || index >= QUELL_PARAM_COUNT || !info) {
        return kInvalidArgument;
    }
    const quell_param_info *q = &QUELL_PARAMS[index];
    memset(info, 0, sizeof *info);
    info->id = q->id;
    to_utf16(info->title, q->name, 128);
    to_utf16(info->shortTitle, q->name, 128);
    to_utf16(info->units, q->unit, 128);
    info->stepCount = q->steps;
    info->defaultNormalizedValue = quell_param_to_normalized(index, q->def);
    info->unitId = 0;
    info->flags = kCanAutomate | (index == QUELL_PARAM_BYPASS ? kIsBypass : 0) | (index == QUELL_PARAM_LOOKAHEAD ? kIsList : 0);
    return kResultOk;
}

static tresult e_string_by_value(void *self, ParamID id, ParamValue v, char16 *string) {
    (void) self;
    if (id == PROGRAM_PARAM && string) {
        to_utf16(string, QUELL_PRESETS[program_from_normalized(v)].name, 128);
        return kResultOk;
    }
    if (id == ENGINE_PARAM && string) {
        to_utf16(string, v >= 0.5 ? "running" : ENGINE_OFF_TEXT, 128);
        return kResultOk;
    }
    if (id >= QUELL_PARAM_COUNT || !string) {
        return kInvalidArgument;
    }
    char text[64];
    quell_param_format((int) id, quell_param_from_normalized((int) id, v), text, sizeof text);
    to_utf16(string, text, 128);
    return kResultOk;
}

static tresult e_value_by_string(void *self, ParamID id, char16 *string, ParamValue *v) {
    (void) self;
    if (id >= PARAM_TOTAL || !string || !v) {
        return kInvalidArgument;
    }
    char text[128];
    from_utf16(text, string, sizeof text);
    if (id == ENGINE_PARAM) {
        if (!strcmp(text, "running") || !strcmp(text, ENGINE_OFF_TEXT)) {
            *v = !strcmp(text, "running") ? 1.0 : 0.0;
            return kResultOk;
        }
        return kResultFalse;
    }
    if (id == PROGRAM_PARAM) {
        for (int i = 0; i < QUELL_PRESET_COUNT; i++) {
            if (!strcmp(text, QUELL_PRESETS[i].name)) {
                *v = program_to_normalized(i);
                return kResultOk;
            }
        }
        return kResultFalse;
    }
    double plain;
    if (quell_param_parse((int) id, text, &plain) != 0) {
        return kResultFalse;
    }
    *v = quell_param_to_normalized((int) id, plain);
    return kResultOk;
}

static ParamValue e_to_plain(void *self, ParamID id, ParamValue v) {
    (void) self;
    if (id == PROGRAM_PARAM) {
        return program_from_normalized(v);
    }
    if (id == ENGINE_PARAM) {
        return v >= 0.5 ? 1.0 : 0.0;
    }
    return id < QUELL_PARAM_COUNT ? quell_param_from_normalized((int) id, v) : v;
}

static ParamValue e_to_normalized(void *self, ParamID id, ParamValue v) {
    (void) self;
    if (id == PROGRAM_PARAM) {
        return program_to_normalized(program_from_normalized(QUELL_PRESET_COUNT > 1 ? v / (QUELL_PRESET_COUNT - 1) : 0));
    }
    return id < QUELL_PARAM_COUNT ? quell_param_to_normalized((int) id, v) : v;
}

static ParamValue e_get_normalized(void *self, ParamID id) {
    Plugin *p = FROM(self, controller);
    if (id == PROGRAM_PARAM) {
        return program_to_normalized(p->program);
    }
    if (id == ENGINE_PARAM) {
        return quell_core_running(&p->core) ? 1.0 : 0.0;
    }
    return id < QUELL_PARAM_COUNT ? p->normalized[id] : 0;
}

static tresult e_set_normalized(void *self, ParamID id, ParamValue v) {
    Plugin *p = FROM(self, controller);
    if (id == PROGRAM_PARAM && !isnan(v)) {
        int latency_changed = apply_program(p, program_from_normalized(v));
        /* deferred: Ardour's load_preset blocks if restartComponent comes back inside this call */
        quell_restart_request(p->restart, kParamValuesChanged | (latency_changed ? kLatencyChanged : 0));
        return kResultOk;
    }
    if (id >= QUELL_PARAM_COUNT || isnan(v)) {
        return kInvalidArgument;
    }
    p->normalized[id] = v < 0 ? 0 : v > 1 ? 1 : v;
    int before = quell_core_latency(&p->core);
    int after = quell_core_set_param(&p->core, (int) id, quell_param_from_normalized((int) id, p->normalized[id]));
    if (after != before) {
        quell_restart_request(p->restart, kLatencyChanged);
    }
    return kResultOk;
}

static tresult e_set_handler(void *self, IComponentHandler *h) {
    Plugin *p = FROM(self, controller);
    if (h == p->handler) {
        return kResultOk;
    }
    p->handler = h;
    quell_restart_set_handler(p->restart, h);
    return kResultOk;
}

static void *e_create_view(void *self, FIDString name) { (void) self; (void) name; return NULL; }

static const IEditControllerVtbl controller_vtbl = {
    e_query, e_add_ref, e_release, e_initialize, e_terminate, e_set_component_state, e_set_state, e_get_state,
    e_param_count, e_param_info, e_string_by_value, e_value_by_string, e_to_plain, e_to_normalized,
    e_get_normalized, e_set_normalized, e_set_handler, e_create_view};

/* ---------------------------------------------------------------- IUnitInfo: one root unit with the preset list */

static tresult u_query(void *self, const TUID iid, void **obj) { return plugin_query(FROM(self, units), iid, obj); }
static uint32_t u_add_ref(void *self) { return plugin_add_ref(FROM(self, units)); }
static uint32_t u_release(void *self) { return plugin_release(FROM(self, units)); }
static int32_t u_unit_count(void *self) { (void) self; return 1; }

static tresult u_unit_info(void *self, int32_t index, UnitInfo *info) {
    (void) self;
    if (index != 0 || !info) {
        return kInvalidArgument;
    }
    memset(info, 0, sizeof *info);
    info->id = kRootUnitId;
    info->parentUnitId = kNoParentUnitId;
    to_utf16(info->name, "Quell", 128);
    info->programListId = PROGRAM_LIST_ID;
    return kResultOk;
}

static int32_t u_list_count(void *self) { (void) self; return 1; }

static tresult u_list_info(void *self, int32_t index, ProgramListInfo *info) {
    (void) self;
    if (index != 0 || !info) {
        return kInvalidArgument;
    }
    memset(info, 0, sizeof *info);
    info->id = PROGRAM_LIST_ID;
    to_utf16(info->name, "Factory presets", 128);
    info->programCount = QUELL_PRESET_COUNT;
    return kResultOk;
}

static tresult u_program_name(void *self, int32_t list, int32_t index, char16 *name) {
    (void) self;
    if (list != PROGRAM_LIST_ID || index < 0 || index >= QUELL_PRESET_COUNT || !name) {
        return kInvalidArgument;
    }
    to_utf16(name, QUELL_PRESETS[index].name, 128);
    return kResultOk;
}

static tresult u_program_info(void *self, int32_t list, int32_t index, const char8 *attr, char16 *value) {
    (void) self; (void) list; (void) index; (void) attr; (void) value;
    return kResultFalse;
}

static tresult u_has_pitch_names(void *self, int32_t list, int32_t index) { (void) self; (void) list; (void) index; return kResultFalse; }

static tresult u_pitch_name(void *self, int32_t list, int32_t index, int16_t pitch, char16 *name) {
    (void) self; (void) list; (void) index; (void) pitch; (void) name;
    return kResultFalse;
}

static int32_t u_selected_unit(void *self) { (void) self; return kRootUnitId; }
static tresult u_select_unit(void *self, int32_t unit) { (void) self; return unit == kRootUnitId ? kResultOk : kResultFalse; }

static tresult u_unit_by_bus(void *self, int32_t type, int32_t dir, int32_t bus, int32_t channel, int32_t *unit) {
    (void) self; (void) type; (void) dir; (void) bus; (void) channel;
    if (!unit) {
        return kInvalidArgument;
    }
    *unit = kRootUnitId;
    return kResultOk;
}

static tresult u_set_program_data(void *self, int32_t list, int32_t index, IBStream *data) {
    (void) self; (void) list; (void) index; (void) data;
    return kNotImplemented;
}

static const IUnitInfoVtbl units_vtbl = {
    u_query, u_add_ref, u_release, u_unit_count, u_unit_info, u_list_count, u_list_info, u_program_name,
    u_program_info, u_has_pitch_names, u_pitch_name, u_selected_unit, u_select_unit, u_unit_by_bus,
    u_set_program_data};

/* ---------------------------------------------------------------- factory */

typedef struct {
    const IPluginFactoryVtbl *vtbl;
} Factory;

static tresult f_query(void *self, const TUID iid, void **obj) {
    if (iid_equal(iid, IID_FUnknown) || iid_equal(iid, IID_IPluginFactory) || iid_equal(iid, IID_IPluginFactory2)
        || iid_equal(iid, IID_IPluginFactory3)) {
        *obj = self;
        return kResultOk;
    }
    *obj = NULL;
    return kNoInterface;
}
static uint32_t f_add_ref(void *self) { (void) self; return 1; }
static uint32_t f_release(void *self) { (void) self; return 1; }

static tresult f_info(void *self, PFactoryInfo *info) {
    (void) self;
    if (!info) {
        return kInvalidArgument;
    }
    memset(info, 0, sizeof *info);
    snprintf(info->vendor, sizeof info->vendor, "Quell");
    snprintf(info->url, sizeof info->url, "https://quell.dev");
    info->flags = kFactoryUnicode;
    return kResultOk;
}

static int32_t f_count(void *self) { (void) self; return 1; }

/* The fields every class-info flavour shares: class id, cardinality and category. */
static void class_common(TUID cid, int32_t *cardinality, char8 *category, size_t category_size) {
    class_id(cid);
    *cardinality = kManyInstances;
    snprintf(category, category_size, "%s", kVstAudioEffectClass);
}

static tresult f_class_info(void *self, int32_t index, PClassInfo *info) {
    (void) self;
    if (index != 0 || !info) {
        return kInvalidArgument;
    }
    memset(info, 0, sizeof *info);
    class_common(info->cid, &info->cardinality, info->category, sizeof info->category);
    snprintf(info->name, sizeof info->name, "Quell");
    return kResultOk;
}

static tresult f_create(void *self, FIDString cid, FIDString iid, void **obj) {
    (void) self;
    TUID mine;
    class_id(mine);
    if (!obj) {
        return kInvalidArgument;
    }
    *obj = NULL;
    if (!cid || !iid || !iid_equal((const int8_t *) cid, mine)) {
        return kNoInterface;
    }
    Plugin *p = calloc(1, sizeof *p);
    if (!p) {
        return kOutOfMemory;
    }
    p->component = &component_vtbl;
    p->processor = &processor_vtbl;
    p->controller = &controller_vtbl;
    p->requirements = &requirements_vtbl;
    p->units = &units_vtbl;
    p->refs = 1;
    p->restart = quell_restart_create();
    p->engine_shown = -1;
    p->channels = 2;
    p->rate = 48000;
    p->max_block = 1024;
    p->sample_size = kSample32;
    tresult r = plugin_query(p, (const int8_t *) iid, obj);
    plugin_release(p); /* the query took the reference the caller keeps */
    return r;
}

static tresult f_class_info2(void *self, int32_t index, PClassInfo2 *info) {
    (void) self;
    if (index != 0 || !info) {
        return kInvalidArgument;
    }
    memset(info, 0, sizeof *info);
    class_common(info->cid, &info->cardinality, info->category, sizeof info->category);
    snprintf(info->name, sizeof info->name, "Quell");
    snprintf(info->subCategories, sizeof info->subCategories, "Fx|Restoration");
    snprintf(info->vendor, sizeof info->vendor, "Quell");
    snprintf(info->version, sizeof info->version, VERSION_STRING);
    snprintf(info->sdkVersion, sizeof info->sdkVersion, SDK_VERSION);
    return kResultOk;
}

static tresult f_class_info_unicode(void *self, int32_t index, PClassInfoW *info) {
    (void) self;
    if (index != 0 || !info) {
        return kInvalidArgument;
    }
    memset(info, 0, sizeof *info);
    class_common(info->cid, &info->cardinality, info->category, sizeof info->category);
    to_utf16(info->name, "Quell", 64);
    snprintf(info->subCategories, sizeof info->subCategories, "Fx|Restoration");
    to_utf16(info->vendor, "Quell", 64);
    to_utf16(info->version, VERSION_STRING, 64);
    to_utf16(info->sdkVersion, SDK_VERSION, 64);
    return kResultOk;
}

static tresult f_set_context(void *self, FUnknown *ctx) { (void) self; (void) ctx; return kResultOk; }

static const IPluginFactoryVtbl factory_vtbl = {
    f_query, f_add_ref, f_release, f_info, f_count, f_class_info, f_create, f_class_info2, f_class_info_unicode,
    f_set_context};
static Factory factory = {&factory_vtbl};

EXPORT void *GetPluginFactory(void) {
    return &factory;
}

EXPORT int ModuleEntry(void *handle) {
    (void) handle;
    find_resources();
    return 1;
}

EXPORT int ModuleExit(void) {
    return 1;
}
