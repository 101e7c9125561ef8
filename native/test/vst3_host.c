/* quell_vst3_host: a small VST3 host of our own that exercises Quell.vst3 the way DAWs and
 * Steinberg's validator do, and fails (exit 1) on any broken expectation.
 *
 *   quell_vst3_host PATH/Quell.vst3 [--quick | --no-java]
 *
 * Checks: factory walk and class info; parameter scan (bypass flag, text round trips);
 * for 44.1, 48 and 96 kHz stereo (and 48 kHz mono): setup, activation, latency against the
 * measured delay of an impulse; block sizes 1, 17, 64, 480, 1024, 4096 and random sequences give
 * identical output; sample-accurate parameter changes; bypass (latency-compensated, exact);
 * process() with 0 samples and no buffers; process() from a new thread that exits right after;
 * state save/restore (bypass survives); two instances on two threads; 100 create/destroy
 * cycles without the C heap or the Java heap (after GC) growing per cycle. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jni.h>
#include <malloc.h>

#include "vst3_api.h"
#include "malloc_count.h"
#include "stress_stats.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

/* ------------------------------------------------------------ host-side objects */

typedef struct { const IBStreamVtbl *vtbl; char *data; int64_t size, cap, pos; } MemStream;
static tresult ms_query(void *s, const TUID iid, void **o) { (void) iid; *o = s; return kResultOk; }
static uint32_t ms_ref(void *s) { (void) s; return 1; }
static tresult ms_read(void *self, void *buf, int32_t n, int32_t *got) {
    MemStream *s = self;
    int64_t k = s->size - s->pos < n ? s->size - s->pos : n;
    memcpy(buf, s->data + s->pos, (size_t) k);
    s->pos += k;
    if (got) *got = (int32_t) k;
    return kResultOk;
}
static tresult ms_write(void *self, void *buf, int32_t n, int32_t *put) {
    MemStream *s = self;
    if (s->pos + n > s->cap) { s->cap = (s->pos + n) * 2; s->data = realloc(s->data, (size_t) s->cap); }
    memcpy(s->data + s->pos, buf, (size_t) n);
    s->pos += n;
    if (s->pos > s->size) s->size = s->pos;
    if (put) *put = n;
    return kResultOk;
}
static tresult ms_seek(void *self, int64_t pos, int32_t mode, int64_t *res) {
    MemStream *s = self;
    s->pos = mode == kIBSeekSet ? pos : mode == kIBSeekCur ? s->pos + pos : s->size + pos;
    if (res) *res = s->pos;
    return kResultOk;
}
static tresult ms_tell(void *self, int64_t *pos) { *pos = ((MemStream *) self)->pos; return kResultOk; }
static const IBStreamVtbl ms_vtbl = {ms_query, ms_ref, ms_ref, ms_read, ms_write, ms_seek, ms_tell};

/* Counts restartComponent calls (they come from the shim's delivery thread) and records any made
   while the host is still inside one of its own calls to the plugin (Ardour's load_preset blocks
   on that: the call must be deferred). */
typedef struct { const IComponentHandlerVtbl *vtbl; int restarts; int flags_seen; int inside_host_call; int reentrant; } Handler;
static pthread_t host_thread; /* the thread making the host call being watched */
static tresult h_query(void *s, const TUID iid, void **o) { (void) iid; *o = s; return kResultOk; }
static uint32_t h_ref(void *s) { (void) s; return 1; }
static tresult h_edit(void *s, ParamID id) { (void) s; (void) id; return kResultOk; }
static tresult h_perform(void *s, ParamID id, ParamValue v) { (void) s; (void) id; (void) v; return kResultOk; }
static tresult h_restart(void *s, int32_t flags) {
    Handler *h = s;
    if (__atomic_load_n(&h->inside_host_call, __ATOMIC_SEQ_CST) && pthread_equal(pthread_self(), host_thread)) {
        __atomic_add_fetch(&h->reentrant, 1, __ATOMIC_SEQ_CST); /* synchronous: inside the host's own call */
    }
    __atomic_fetch_or(&h->flags_seen, flags, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&h->restarts, 1, __ATOMIC_SEQ_CST);
    return kResultOk;
}
static const IComponentHandlerVtbl handler_vtbl = {h_query, h_ref, h_ref, h_edit, h_perform, h_edit, h_restart};

/* one queue per parameter, up to 8 points */
typedef struct { const IParamValueQueueVtbl *vtbl; ParamID id; int n; int32_t off[8]; double val[8]; } Queue;
static tresult q_query(void *s, const TUID iid, void **o) { (void) iid; *o = s; return kResultOk; }
static uint32_t q_ref(void *s) { (void) s; return 1; }
static ParamID q_id(void *s) { return ((Queue *) s)->id; }
static int32_t q_count(void *s) { return ((Queue *) s)->n; }
static tresult q_point(void *s, int32_t i, int32_t *off, ParamValue *v) {
    Queue *q = s;
    if (i < 0 || i >= q->n) return kInvalidArgument;
    *off = q->off[i];
    *v = q->val[i];
    return kResultOk;
}
static tresult q_add(void *s, int32_t off, ParamValue v, int32_t *i) { (void) s; (void) off; (void) v; (void) i; return kResultFalse; }
static const IParamValueQueueVtbl queue_vtbl = {q_query, q_ref, q_ref, q_id, q_count, q_point, q_add};

typedef struct { const IParameterChangesVtbl *vtbl; int n; Queue q[8]; } Changes;
static tresult pc_query(void *s, const TUID iid, void **o) { (void) iid; *o = s; return kResultOk; }
static uint32_t pc_ref(void *s) { (void) s; return 1; }
static int32_t pc_count(void *s) { return ((Changes *) s)->n; }
static IParamValueQueue *pc_data(void *s, int32_t i) { Changes *c = s; return i >= 0 && i < c->n ? (IParamValueQueue *) &c->q[i] : NULL; }
static IParamValueQueue *pc_add(void *s, const ParamID *id, int32_t *i) { (void) s; (void) id; (void) i; return NULL; }
static const IParameterChangesVtbl changes_vtbl = {pc_query, pc_ref, pc_ref, pc_count, pc_data, pc_add};

static void changes_add(Changes *c, ParamID id, int32_t off, double v) {
    Queue *q = NULL;
    for (int i = 0; i < c->n; i++) if (c->q[i].id == id) q = &c->q[i];
    if (!q) { q = &c->q[c->n++]; q->vtbl = &queue_vtbl; q->id = id; q->n = 0; }
    q->off[q->n] = off;
    q->val[q->n++] = v;
}

/* ------------------------------------------------------------ plugin handles */

typedef struct { FUnknown *obj; const void *const *vt; } Ref;

typedef struct {
    void *component; const IComponentVtbl *c;
    void *processor; const IAudioProcessorVtbl *a;
    void *controller; const IEditControllerVtbl *e;
} Instance;

static IPluginFactoryVtbl **factory;
static TUID class_cid;
static Handler handler = {&handler_vtbl, 0, 0, 0, 0};

static int create(Instance *in, int channels, double rate, int max_block) {
    memset(in, 0, sizeof *in);
    if ((*factory)->createInstance(factory, (FIDString) class_cid, (FIDString) IID_IComponent, &in->component) != kResultOk) return -1;
    in->c = *(const IComponentVtbl **) in->component;
    if (in->c->initialize(in->component, NULL) != kResultOk) return -1;
    if (in->c->queryInterface(in->component, IID_IAudioProcessor, &in->processor) != kResultOk) return -1;
    in->a = *(const IAudioProcessorVtbl **) in->processor;
    if (in->c->queryInterface(in->component, IID_IEditController, &in->controller) != kResultOk) return -1;
    in->e = *(const IEditControllerVtbl **) in->controller;
    in->e->initialize(in->controller, NULL);
    in->e->setComponentHandler(in->controller, (IComponentHandler *) &handler);
    SpeakerArrangement arr = channels == 1 ? kArrMono : kArrStereo;
    if (in->a->setBusArrangements(in->processor, &arr, 1, &arr, 1) != kResultTrue) return -1;
    ProcessSetup setup = {kRealtime, kSample32, max_block, rate};
    if (in->a->setupProcessing(in->processor, &setup) != kResultOk) return -1;
    if (in->c->setActive(in->component, 1) != kResultOk) return -1;
    in->a->setProcessing(in->processor, 1);
    return 0;
}

static void destroy(Instance *in) {
    in->a->setProcessing(in->processor, 0);
    in->c->setActive(in->component, 0);
    in->e->setComponentHandler(in->controller, NULL);
    in->e->release(in->controller);
    in->a->release(in->processor);
    in->c->terminate(in->component);
    in->c->release(in->component);
}

/* process n frames of x (planar, ch channels) into y in blocks given by sizes (cycled) */
static void run(Instance *in, int ch, float **x, float **y, long n, const int *sizes, int nsizes, Changes *changes) {
    long pos = 0;
    int k = 0;
    while (pos < n) {
        int m = sizes[k++ % nsizes];
        if (m > n - pos) m = (int) (n - pos);
        float *ip[2], *op[2];
        for (int c = 0; c < ch; c++) { ip[c] = x[c] + pos; op[c] = y[c] + pos; }
        AudioBusBuffers ib = {ch, 0, {.channelBuffers32 = ip}}, ob = {ch, 0, {.channelBuffers32 = op}};
        ProcessData d = {kRealtime, kSample32, m, 1, 1, &ib, &ob, (IParameterChanges *) (pos == 0 ? changes : NULL), NULL, NULL, NULL, NULL};
        in->a->process(in->processor, &d);
        pos += m;
    }
}

static float **alloc2(int ch, long n) {
    float **p = malloc(sizeof(float *) * 2);
    for (int c = 0; c < ch; c++) p[c] = calloc((size_t) n, sizeof(float));
    return p;
}

static double frand(unsigned *s) { *s = *s * 1103515245u + 12345u; return ((*s >> 8) & 0xFFFF) / 65536.0 - 0.5; }

static void speechlike(float **x, int ch, long n, double rate, unsigned seed) {
    double ph = 0;
    for (long i = 0; i < n; i++) {
        double t = i / rate;
        ph += 2 * M_PI * (140 + 40 * sin(2 * M_PI * 0.7 * t)) / rate;
        double env = fmax(0, sin(2 * M_PI * 2.5 * t));
        double v = 0;
        for (int h = 1; h <= 8; h++) v += sin(h * ph) / h;
        for (int c = 0; c < ch; c++) x[c][i] = (float) (0.1 * env * v * (c ? 0.7 : 1.0) + 0.01 * frand(&seed));
    }
}

/* setParamNormalized as a host's UI thread calls it; a restart must not come back inside the call */
static void set_normalized(Instance *in, ParamID id, double v) {
    host_thread = pthread_self();
    __atomic_store_n(&handler.inside_host_call, 1, __ATOMIC_SEQ_CST);
    in->e->setParamNormalized(in->controller, id, v);
    __atomic_store_n(&handler.inside_host_call, 0, __ATOMIC_SEQ_CST);
}

static void set_param(Instance *in, int id, double plain) {
    set_normalized(in, (ParamID) id, in->e->plainParamToNormalized(in->controller, (ParamID) id, plain));
}

/* clears the flags seen; then wait_restart waits up to 1 s for a restart with all of `flags` */
static void expect_restart(void) { __atomic_store_n(&handler.flags_seen, 0, __ATOMIC_SEQ_CST); }
static int wait_restart(int32_t flags) {
    for (int i = 0; i < 100; i++) {
        if ((__atomic_load_n(&handler.flags_seen, __ATOMIC_SEQ_CST) & flags) == flags) return 1;
        struct timespec t = {0, 10000000};
        nanosleep(&t, NULL);
    }
    return 0;
}

static int delay_of(const float *x, const float *y, long n, int max_lag) {
    int best = -1;
    double bc = -1e300;
    for (int lag = 0; lag <= max_lag; lag++) {
        double c = 0;
        for (long i = 0; i + lag < n; i++) c += (double) x[i] * y[i + lag];
        if (c > bc) { bc = c; best = lag; }
    }
    return best;
}

/* ------------------------------------------------------------ tests */

static void test_factory(void) {
    PFactoryInfo fi;
    CHECK((*factory)->getFactoryInfo(factory, &fi) == kResultOk && !strcmp(fi.vendor, "Quell"), "factory info");
    int32_t n = (*factory)->countClasses(factory);
    CHECK(n >= 1, "class count %d", n);
    int found = 0;
    for (int i = 0; i < n; i++) {
        PClassInfo2 ci;
        CHECK((*factory)->getClassInfo2(factory, i, &ci) == kResultOk, "class info 2");
        if (!strcmp(ci.category, kVstAudioEffectClass)) {
            memcpy(class_cid, ci.cid, 16);
            found = 1;
            CHECK(strstr(ci.subCategories, "Fx") != NULL, "sub-categories %s", ci.subCategories);
            printf("class '%s' (%s), version %s, %s\n", ci.name, ci.subCategories, ci.version, ci.sdkVersion);
        }
        PClassInfoW wi;
        CHECK((*factory)->getClassInfoUnicode(factory, i, &wi) == kResultOk && wi.name[0] == 'Q', "unicode class info");
    }
    CHECK(found, "no Audio Module Class");
    void *bogus = (void *) 1;
    TUID zero = {0};
    CHECK((*factory)->createInstance(factory, (FIDString) zero, (FIDString) IID_IComponent, &bogus) != kResultOk && bogus == NULL,
          "unknown class id must fail cleanly");
}

static void test_parameters(Instance *in) {
    int n = in->e->getParameterCount(in->controller);
    int bypass = -1;
    for (int i = 0; i < n; i++) {
        ParameterInfo pi;
        CHECK(in->e->getParameterInfo(in->controller, i, &pi) == kResultOk, "parameter info %d", i);
        if (pi.flags & kIsBypass) {
            bypass = (int) pi.id;
            CHECK(pi.stepCount == 1 && (pi.flags & kCanAutomate), "bypass must be a 1-step automatable parameter");
        }
        char16 text[128];
        for (double v = 0; v <= 1.0; v += 0.25) {
            CHECK(in->e->getParamStringByValue(in->controller, pi.id, v, text) == kResultOk, "string by value");
            ParamValue back = -1;
            CHECK(in->e->getParamValueByString(in->controller, pi.id, text, &back) == kResultOk, "value by string");
            double plain = in->e->normalizedParamToPlain(in->controller, pi.id, v);
            double plain2 = in->e->normalizedParamToPlain(in->controller, pi.id, back);
            CHECK(fabs(plain - plain2) <= 0.051 * fmax(1, fabs(plain)), "text round trip of %u at %.2f: %.3f vs %.3f", pi.id, v, plain, plain2);
        }
    }
    CHECK(n == 6 && bypass == 3, "expected 6 parameters with bypass id 3 (got %d, bypass %d)", n, bypass);
    /* the read-only Engine status: running here (Java is there) */
    ParameterInfo eng;
    char16 etext[128];
    CHECK(in->e->getParameterInfo(in->controller, 5, &eng) == kResultOk && (eng.flags & kIsReadOnly) && !(eng.flags & kCanAutomate),
          "Engine: a read-only parameter");
    CHECK(in->e->getParamNormalized(in->controller, 5) == 1.0
          && in->e->getParamStringByValue(in->controller, 5, 1.0, etext) == kResultOk && etext[0] == 'r',
          "Engine reads 1 (running) while Java processes");
    /* the factory presets as a program list */
    ParameterInfo prog;
    CHECK(in->e->getParameterInfo(in->controller, 4, &prog) == kResultOk && (prog.flags & kIsProgramChange)
          && prog.stepCount == 3, "program-change parameter");
    void *u = NULL;
    CHECK(in->c->queryInterface(in->component, IID_IUnitInfo, &u) == kResultOk && u, "IUnitInfo");
    if (u) {
        const IUnitInfoVtbl *uv = *(const IUnitInfoVtbl **) u;
        ProgramListInfo li;
        CHECK(uv->getProgramListCount(u) == 1 && uv->getProgramListInfo(u, 0, &li) == kResultOk && li.programCount == 4,
              "one program list of 4 presets");
        char16 name[128];
        char text[128];
        CHECK(uv->getProgramName(u, li.id, 2, name) == kResultOk, "program name");
        int k = 0;
        for (; name[k] && k < 127; k++) text[k] = (char) name[k];
        text[k] = 0;
        CHECK(!strcmp(text, "Gentle cleanup"), "program 2 is '%s'", text);
        expect_restart();
        set_normalized(in, 4, 2.0 / 3.0);
        double limit = in->e->normalizedParamToPlain(in->controller, 2, in->e->getParamNormalized(in->controller, 2));
        double post = in->e->normalizedParamToPlain(in->controller, 0, in->e->getParamNormalized(in->controller, 0));
        CHECK(fabs(limit - 12) < 1e-9 && fabs(post - 50) < 1e-9, "Gentle cleanup sets 12 dB and 50 %% (got %g, %g)", limit, post);
        CHECK(wait_restart(kParamValuesChanged), "a program change asks the host to reread the parameters");
        CHECK(handler.reentrant == 0, "restartComponent came back inside setParamNormalized (Ardour freezes on that)");
        set_normalized(in, 4, 1.0); /* Maximum suppression: back to the defaults */
        uv->release(u);
    }
    printf("parameters: 4 engine parameters + the preset program list (4 factory presets): ok\n");
}

static void test_rate(double rate, int ch, int quick) {
    Instance in;
    if (create(&in, ch, rate, 4096)) { CHECK(0, "instance at %.0f Hz", rate); return; }
    long n = (long) rate * (quick ? 2 : 3);
    float **x = alloc2(ch, n), **y = alloc2(ch, n), **z = alloc2(ch, n);
    speechlike(x, ch, n, rate, 7);
    int latency = (int) in.a->getLatencySamples(in.processor);
    CHECK(latency > 0 && latency < 8192, "latency %d", latency);

    /* 1. identical output for any block sizes */
    static const int fixed[] = {480};
    static const int sizes[] = {1, 17, 64, 480, 1024, 4096, 3, 777, 128, 1};
    run(&in, ch, x, y, n, fixed, 1, NULL);
    in.c->setActive(in.component, 0);
    in.c->setActive(in.component, 1);
    run(&in, ch, x, z, n, sizes, 10, NULL);
    double diff = 0, energy = 0;
    for (int c = 0; c < ch; c++) for (long i = 0; i < n; i++) { diff = fmax(diff, fabs(y[c][i] - z[c][i])); energy += y[c][i] * y[c][i]; }
    CHECK(diff == 0, "%.0f Hz: block sizes changed the output (max diff %g)", rate, diff);
    CHECK(energy > 0, "%.0f Hz: silent output", rate);
    for (int c = 0; c < ch; c++) for (long i = 0; i < n; i++) CHECK(isfinite(z[c][i]), "non-finite output");

    /* 2. latency = measured delay of an impulse (gains floored at -6 dB, no post-filter: zero-phase) */
    in.c->setActive(in.component, 0);
    set_param(&in, 0, 0);
    set_param(&in, 2, 6);
    in.c->setActive(in.component, 1);
    for (int c = 0; c < ch; c++) { memset(x[c], 0, sizeof(float) * (size_t) n); x[c][n / 4] = 0.5f; }
    run(&in, ch, x, y, n, sizes, 10, NULL);
    int d = delay_of(x[0], y[0], n, 2 * latency);
    CHECK(d == latency, "%.0f Hz: reported latency %d, measured %d", rate, latency, d);

    /* 3. bypass through a sample-accurate parameter change at offset 100: exact delayed dry */
    in.c->setActive(in.component, 0);
    in.c->setActive(in.component, 1);
    speechlike(x, ch, n, rate, 9);
    Changes changes = {&changes_vtbl, 0, {{0}}};
    changes_add(&changes, 3, 100, 1.0);
    run(&in, ch, x, y, n, sizes, 10, &changes);
    long from = 100 + (long) (0.02 * rate) + latency;
    double worst = 0;
    for (int c = 0; c < ch; c++) for (long i = from; i < n; i++) worst = fmax(worst, fabs(y[c][i] - x[c][i - latency]));
    CHECK(worst == 0, "%.0f Hz: bypassed output is not the dry input delayed by %d (worst %g)", rate, latency, worst);
    changes.n = 0;
    changes_add(&changes, 3, 0, 0.0);
    run(&in, ch, x, y, 4096, sizes, 1, &changes);

    /* 4. zero samples, no buffers: parameter flush only */
    ProcessData flush = {kRealtime, kSample32, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    CHECK(in.a->process(in.processor, &flush) == kResultOk, "process with 0 samples and no buffers");

    /* 5. a look-ahead change reports the new latency and asks for a restart */
    expect_restart();
    set_param(&in, 1, 0);
    CHECK(wait_restart(kLatencyChanged), "no restartComponent(kLatencyChanged)");
    CHECK(handler.reentrant == 0, "restartComponent came back inside setParamNormalized");
    int l0 = (int) in.a->getLatencySamples(in.processor);
    CHECK(l0 < latency - (int) (0.019 * rate), "%.0f Hz: latency with 0 ms look-ahead %d vs %d", rate, l0, latency);
    set_param(&in, 1, 20);

    /* 6. the same change arriving only as automation inside process() (the host never calls
       setParamNormalized): the new latency is reported too */
    expect_restart();
    changes.n = 0;
    changes_add(&changes, 1, 0, in.e->plainParamToNormalized(in.controller, 1, 0));
    run(&in, ch, x, y, 4096, sizes, 1, &changes);
    CHECK(wait_restart(kLatencyChanged), "%.0f Hz: look-ahead automated in process(): no restartComponent(kLatencyChanged)", rate);
    CHECK((int) in.a->getLatencySamples(in.processor) == l0, "%.0f Hz: latency after automation %d, expected %d", rate,
          (int) in.a->getLatencySamples(in.processor), l0);
    changes.n = 0;
    changes_add(&changes, 1, 0, in.e->plainParamToNormalized(in.controller, 1, 20));
    run(&in, ch, x, y, 4096, sizes, 1, &changes);
    printf("%.0f Hz %s: latency %d samples (%d with 0 ms look-ahead); block sizes, impulse delay, bypass, flush: checked\n",
           rate, ch == 1 ? "mono" : "stereo", latency, l0);
    for (int c = 0; c < ch; c++) { free(x[c]); free(y[c]); free(z[c]); }
    free(x); free(y); free(z);
    destroy(&in);
}

static void test_state(void) {
    Instance a, b;
    if (create(&a, 2, 48000, 512) || create(&b, 2, 48000, 512)) { CHECK(0, "instances for state"); return; }
    set_param(&a, 0, 37.5);
    set_param(&a, 2, 18);
    set_param(&a, 3, 1);
    MemStream s = {&ms_vtbl, NULL, 0, 0, 0};
    CHECK(a.c->getState(a.component, (IBStream *) &s) == kResultOk && s.size > 0, "getState");
    MemStream cs = {&ms_vtbl, NULL, 0, 0, 0};
    CHECK(a.e->getState(a.controller, (IBStream *) &cs) == kResultOk, "controller getState");
    s.pos = 0;
    CHECK(b.c->setState(b.component, (IBStream *) &s) == kResultOk, "setState");
    s.pos = 0;
    CHECK(b.e->setComponentState(b.controller, (IBStream *) &s) == kResultOk, "setComponentState");
    cs.pos = 0;
    CHECK(b.e->setState(b.controller, (IBStream *) &cs) == kResultOk, "controller setState");
    for (int i = 0; i < 4; i++) {
        double va = a.e->getParamNormalized(a.controller, (ParamID) i), vb = b.e->getParamNormalized(b.controller, (ParamID) i);
        CHECK(fabs(va - vb) < 1e-12, "parameter %d after state restore: %g vs %g", i, va, vb);
    }
    CHECK(b.e->getParamNormalized(b.controller, 3) == 1.0, "bypass must survive save/load");
    /* the strict reader refuses all that the Java engine refuses, and a refused state changes nothing */
    char good[512];
    snprintf(good, sizeof good, "%.*s", (int) s.size, s.data);
    char truncated[512];
    snprintf(truncated, sizeof truncated, "%.*s", (int) s.size - 12, s.data);
    char trailing[600];
    snprintf(trailing, sizeof trailing, "%s garbage", good);
    const char *refused[] = {
        "", "{\"format\":\"quell-state\",\"version\":99,\"parameters\":{}}", truncated, trailing,
        "{\"format\":\"other\",\"version\":1,\"parameters\":{}}",
        "{\"format\":\"quell-state\",\"version\":1.0,\"parameters\":{}}",
        "{\"format\":\"quell-state\",\"version\":1}",
        "{\"format\":\"quell-state\",\"version\":1,\"parameters\":{\"volume\":1}}",
        "{\"format\":\"quell-state\",\"version\":1,\"parameters\":{\"attenuation_limit\":999}}",
        "{\"format\":\"quell-state\",\"version\":1,\"parameters\":{\"lookahead\":15}}",
        "{\"format\":\"quell-state\",\"version\":1,\"parameters\":{\"post_filter\":\"50\"}}",
        "{\"format\":\"quell-state\",\"version\":1,\"parameters\":{\"post_filter\":50,}}",
        "{\"format\":\"quell-state\" \"version\":1,\"parameters\":{}}",
    };
    for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++) {
        MemStream bad = {&ms_vtbl, strdup(refused[k]), (int64_t) strlen(refused[k]), (int64_t) strlen(refused[k]), 0};
        CHECK(b.c->setState(b.component, (IBStream *) &bad) != kResultOk, "state %zu must be refused: %s", k, refused[k]);
        for (int i = 0; i < 4; i++) {
            double va = a.e->getParamNormalized(a.controller, (ParamID) i), vb = b.e->getParamNormalized(b.controller, (ParamID) i);
            CHECK(fabs(va - vb) < 1e-12, "refused state %zu changed parameter %d: %g -> %g", k, i, va, vb);
        }
        free(bad.data);
    }
    /* what Java accepts, C accepts: missing parameters take defaults, other members are ignored */
    const char *partial = "{\"comment\":[1,{\"x\":null}],\"format\":\"quell-state\",\"version\":1,"
                          "\"parameters\":{\"lookahead\":10}}";
    MemStream ok = {&ms_vtbl, strdup(partial), (int64_t) strlen(partial), (int64_t) strlen(partial), 0};
    CHECK(b.c->setState(b.component, (IBStream *) &ok) == kResultOk, "a state naming one parameter is valid");
    CHECK(fabs(b.e->normalizedParamToPlain(b.controller, 1, b.e->getParamNormalized(b.controller, 1)) - 10) < 1e-9
          && b.e->getParamNormalized(b.controller, 3) == 0.0, "partial state: look-ahead 10 ms, the rest defaults");
    free(ok.data);
    printf("state: %.*s; %zu malformed states refused, parameters unchanged\n", (int) s.size, s.data,
           sizeof refused / sizeof refused[0]);
    free(s.data); free(cs.data);
    destroy(&a);
    destroy(&b);
}

typedef struct { Instance *in; int ch; double energy; } Job;

static void *worker(void *arg) {
    Job *j = arg;
    long n = 48000;
    float **x = alloc2(j->ch, n), **y = alloc2(j->ch, n);
    speechlike(x, j->ch, n, 48000, 3);
    static const int sizes[] = {64, 100, 480, 33};
    run(j->in, j->ch, x, y, n, sizes, 4, NULL);
    j->energy = 0;
    for (long i = 0; i < n; i++) j->energy += y[0][i] * y[0][i];
    for (int c = 0; c < j->ch; c++) { free(x[c]); free(y[c]); }
    free(x); free(y);
    return NULL;
}

static void test_threads(void) {
    Instance a, b;
    if (create(&a, 2, 48000, 512) || create(&b, 1, 48000, 512)) { CHECK(0, "instances for threads"); return; }
    Job ja = {&a, 2, 0}, jb = {&b, 1, 0};
    pthread_t ta, tb;
    pthread_create(&ta, NULL, worker, &ja);
    pthread_create(&tb, NULL, worker, &jb);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    CHECK(ja.energy > 0 && jb.energy > 0, "two instances on two threads");
    /* a fresh thread per block, each exiting right after (attach + detach every time) */
    for (int i = 0; i < 20; i++) {
        Job j = {&a, 2, 0};
        pthread_t t;
        pthread_create(&t, NULL, worker, &j);
        pthread_join(t, NULL);
    }
    printf("threads: two instances in parallel, 20 short-lived threads: ok\n");
    destroy(&a);
    destroy(&b);
}

/* bytes of C heap in use (glibc) */
static long c_heap(void) {
    struct mallinfo2 m = mallinfo2();
    return (long) m.uordblks;
}

/* live Java heap after a full GC, via the JVM the shim started in this process (-1 without one) */
static long java_heap(void) {
    jint (*created)(JavaVM **, jsize, jsize *) = (jint (*)(JavaVM **, jsize, jsize *)) dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    JavaVM *vm = NULL;
    jsize n = 0;
    JNIEnv *env = NULL;
    if (!created || created(&vm, 1, &n) != JNI_OK || n < 1
        || (*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, NULL) != JNI_OK) {
        return -1;
    }
    jclass sys = (*env)->FindClass(env, "java/lang/System");
    jclass rt = (*env)->FindClass(env, "java/lang/Runtime");
    jmethodID gc = (*env)->GetStaticMethodID(env, sys, "gc", "()V");
    jmethodID get = (*env)->GetStaticMethodID(env, rt, "getRuntime", "()Ljava/lang/Runtime;");
    jmethodID total = (*env)->GetMethodID(env, rt, "totalMemory", "()J");
    jmethodID free_ = (*env)->GetMethodID(env, rt, "freeMemory", "()J");
    for (int i = 0; i < 3; i++) {
        (*env)->CallStaticVoidMethod(env, sys, gc);
    }
    jobject r = (*env)->CallStaticObjectMethod(env, rt, get);
    long used = (long) ((*env)->CallLongMethod(env, r, total) - (*env)->CallLongMethod(env, r, free_));
    (*env)->DeleteLocalRef(env, r);
    return used;
}

/* 100 create/process/destroy cycles. With Java: the live Java heap after a full GC must not grow
 * (a leaked global reference would keep an engine alive), and the C heap only within the JVM's
 * own malloc noise (JIT, JNI handle blocks). Without Java (QUELL_NO_JAVA) nothing else touches
 * malloc, so the shim's own C allocations are checked strictly. */
static void test_cycles(int java) {
    long c0 = 0, j0 = 0;
    float **x = alloc2(2, 4096), **y = alloc2(2, 4096);
    speechlike(x, 2, 4096, 48000, 5);
    static const int sizes[] = {512};
    for (int i = 0; i < 100; i++) {
        Instance in;
        if (create(&in, 2, 48000, 4096)) { CHECK(0, "create %d", i); return; }
        run(&in, 2, x, y, 4096, sizes, 1, NULL);
        MemStream s = {&ms_vtbl, NULL, 0, 0, 0};
        in.c->getState(in.component, (IBStream *) &s);
        s.pos = 0;
        in.c->setState(in.component, (IBStream *) &s);
        free(s.data);
        destroy(&in);
        if (i == 19) { j0 = java ? java_heap() : 0; c0 = c_heap(); }
    }
    long j1 = java ? java_heap() : 0, c1 = c_heap();
    double java_per = (j1 - j0) / 80.0 / 1024, c_per = (c1 - c0) / 80.0 / 1024;
    if (java) {
        printf("create/destroy x100 with Java: per cycle after the first 20, Java heap after GC %+.2f kB (%ld -> %ld kB), "
               "C heap %+.2f kB\n", java_per, j0 / 1024, j1 / 1024, c_per);
        CHECK(j0 >= 0, "no JVM to measure");
        CHECK(java_per < 16 && c_per < 32, "memory grows per create/destroy cycle: Java %.2f kB, C %.2f kB", java_per, c_per);
    } else {
        printf("create/destroy x100 without Java: C heap per cycle after the first 20 %+.3f kB\n", c_per);
        CHECK(c1 - c0 <= 0, "the shim leaks %ld bytes of C heap over 80 cycles", c1 - c0);
    }
    for (int c = 0; c < 2; c++) { free(x[c]); free(y[c]); }
    free(x); free(y);
}

/* without Java (QUELL_NO_JAVA): the plugin loads and passes the input through, delayed by the latency it reports */
/* Host rates beyond the standard ones: 8, 11.025, 37.8 and 384 kHz run the engine (reported latency =
   measured impulse delay, searched around the report); 12.345 kHz cannot be converted, so the
   plugin passes the input through delayed by its reported latency, with one log line. */
static void test_other_rates(void) {
    static const double engine_rates[] = {8000, 11025, 37800, 384000};
    static const int sizes[] = {480, 64, 4096, 1};
    for (size_t k = 0; k < sizeof engine_rates / sizeof engine_rates[0]; k++) {
        double rate = engine_rates[k];
        Instance in;
        if (create(&in, 1, rate, 4096)) { CHECK(0, "instance at %.0f Hz", rate); continue; }
        int latency = (int) in.a->getLatencySamples(in.processor);
        long n = (long) rate;
        float **x = alloc2(1, n), **y = alloc2(1, n);
        set_param(&in, 0, 0);
        set_param(&in, 2, 6);
        in.c->setActive(in.component, 0);
        in.c->setActive(in.component, 1);
        x[0][n / 4] = 0.5f;
        run(&in, 1, x, y, n, sizes, 4, NULL);
        int best = -1;
        double bc = -1;
        for (int lag = latency - 64; lag <= latency + 64; lag++) {
            if (lag < 0 || n / 4 + lag >= n) continue;
            double c = fabs(y[0][n / 4 + lag]);
            if (c > bc) { bc = c; best = lag; }
        }
        CHECK(latency > 0 && latency < (int) (0.1 * rate) && best == latency,
              "%.0f Hz: reported latency %d, impulse peak at %d", rate, latency, best);
        /* the engine runs: white noise is attenuated (a pass-through keeps its level) */
        in.c->setActive(in.component, 0);
        set_param(&in, 2, 100);
        in.c->setActive(in.component, 1);
        unsigned seed = 5;
        double ex = 0, ey = 0;
        for (long i = 0; i < n; i++) { seed = seed * 1103515245u + 12345u; x[0][i] = 0.1f * ((float) (seed >> 8) / 8388608.0f - 1.0f); }
        run(&in, 1, x, y, n, sizes, 4, NULL);
        for (long i = n / 2; i < n; i++) { ex += x[0][i - latency] * x[0][i - latency]; ey += y[0][i] * y[0][i]; }
        CHECK(ey < 0.5 * ex, "%.0f Hz: noise not attenuated (%.1f dB): is the engine running?", rate, 10 * log10(ey / ex));
        printf("%.0f Hz mono: engine runs, latency %d samples = measured, white noise %.1f dB\n", rate, latency, 10 * log10(ey / ex));
        free(x[0]); free(y[0]); free(x); free(y);
        destroy(&in);
    }
    Instance in;
    double odd = 12345;
    if (create(&in, 1, odd, 4096)) { CHECK(0, "instance at %.0f Hz", odd); return; }
    int latency = (int) in.a->getLatencySamples(in.processor);
    long n = (long) odd;
    float **x = alloc2(1, n), **y = alloc2(1, n);
    speechlike(x, 1, n, odd, 3);
    run(&in, 1, x, y, n, sizes, 4, NULL);
    double worst = 0;
    for (long i = 0; i < n; i++) worst = fmax(worst, fabs(y[0][i] - (i >= latency ? x[0][i - latency] : 0)));
    CHECK(worst == 0, "%.0f Hz: not the input delayed by the reported %d samples (worst %g)", odd, latency, worst);
    printf("%.0f Hz: passes the input through, delayed by the reported %d samples\n", odd, latency);
    free(x[0]); free(y[0]); free(x); free(y);
    destroy(&in);
}

static void test_fallback(void) {
    Instance in;
    if (create(&in, 2, 48000, 512)) { CHECK(0, "instance without Java"); return; }
    int latency = (int) in.a->getLatencySamples(in.processor);
    long n = 48000;
    float **x = alloc2(2, n), **y = alloc2(2, n);
    speechlike(x, 2, n, 48000, 11);
    static const int sizes[] = {512, 100, 1};
    run(&in, 2, x, y, n, sizes, 3, NULL);
    double worst = 0;
    for (int c = 0; c < 2; c++) for (long i = 0; i < n; i++) worst = fmax(worst, fabs(y[c][i] - (i >= latency ? x[c][i - latency] : 0)));
    CHECK(latency == 1919 && worst == 0, "fallback: latency %d, worst deviation from the delayed input %g", latency, worst);
    set_param(&in, 1, 0);
    CHECK((int) in.a->getLatencySamples(in.processor) == 959, "fallback latency follows the look-ahead");
    /* visible status: the Engine parameter reads 0 and its text points at the log, which names the reason */
    char16 t16[128];
    char t8[128];
    CHECK(in.e->getParamNormalized(in.controller, 5) == 0.0, "Engine reads 0 while passing through");
    in.e->getParamStringByValue(in.controller, 5, 0.0, t16);
    int k = 0;
    for (; t16[k] && k < 127; k++) t8[k] = (char) t16[k];
    t8[k] = 0;
    CHECK(strstr(t8, "passing through") && strstr(t8, "quell.log"), "Engine text '%s'", t8);
    const char *cache = getenv("XDG_CACHE_HOME");
    if (cache) {
        char path[4096];
        snprintf(path, sizeof path, "%s/quell/quell.log", cache);
        FILE *f = fopen(path, "r");
        char buf[4096] = "";
        size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        buf[got] = 0;
        if (f) fclose(f);
        CHECK(strstr(buf, "QUELL_NO_JAVA is set") != NULL, "the log file %s does not name the reason: '%s'", path, buf);
        printf("log file %s: %s", path, buf);
    }
    printf("without Java: loads, passes the input through delayed by the reported %d samples: ok\n", latency);
    destroy(&in);
}

/* Real-time evidence (--stress SECONDS): stereo 48 kHz speech-like audio in blocks whose size
   changes every call (1 to 8192 samples, log-uniform), with a bypass and a look-ahead change now
   and then; per block-size range the calls, the worst call time and the C heap calls made inside
   process() (malloc_count.c interposes them for the whole process, the JVM included). The first
   second is reported apart (thread attach, first JIT compilations). */
static void test_stress(double seconds) {
    int broken = malloc_count_self_check();
    CHECK(!(broken & 1), "malloc interposer not active");
    CHECK(!(broken & 2), "mutex interposer not active");
    Instance in;
    if (create(&in, 2, STRESS_RATE, 8192)) { CHECK(0, "stress instance"); return; }
    long n = STRESS_RATE * 4;
    float **x = alloc2(2, n), **y = alloc2(2, n);
    speechlike(x, 2, n, STRESS_RATE, 21);
    stress_stats st = {0};
    unsigned seed = 7;
    long done = 0, total = (long) (seconds * STRESS_RATE);
    long pos = 0;
    int toggles = 0;
    while (done < total) {
        int m = stress_next_block(&seed);
        if (pos + m > n) pos = 0;
        Changes ch = {&changes_vtbl, 0, {{0}}};
        if ((done / STRESS_RATE) != ((done + m) / STRESS_RATE)) { /* once a second: bypass or look-ahead automation */
            toggles++;
            if (toggles % 3 == 0) changes_add(&ch, 3, 0, (toggles / 3) % 2);
            else changes_add(&ch, 1, 0, (toggles % 3) / 2.0);
        }
        float *ip[2] = {x[0] + pos, x[1] + pos}, *op[2] = {y[0] + pos, y[1] + pos};
        AudioBusBuffers ib = {2, 0, {.channelBuffers32 = ip}}, ob = {2, 0, {.channelBuffers32 = op}};
        ProcessData d = {kRealtime, kSample32, m, 1, 1, &ib, &ob, ch.n ? (IParameterChanges *) &ch : NULL, NULL, NULL, NULL, NULL};
        long h0 = malloc_count_total(), l0 = malloc_count_locks();
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        malloc_count_watch(1);
        in.a->process(in.processor, &d);
        malloc_count_watch(0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double dt = (double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        stress_record(&st, m, dt, malloc_count_total() - h0, malloc_count_locks() - l0, done);
        done += m;
        pos += m;
    }
    printf("stress: %.0f s of 48 kHz stereo, block size changing every call, bypass/look-ahead automated once a second\n", seconds);
    stress_print(&st, "stress", "process()");
    CHECK(st.heap_after == 0, "%ld C heap calls inside process() after the first second", st.heap_after);
    free(x[0]); free(x[1]); free(y[0]); free(y[1]); free(x); free(y);
    destroy(&in);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: quell_vst3_host PATH/Quell.vst3 [--quick]\n");
        return 2;
    }
    int quick = argc > 2 && !strcmp(argv[2], "--quick");
    double stress = argc > 3 && !strcmp(argv[2], "--stress") ? atof(argv[3]) : 0;
    int no_java = argc > 2 && !strcmp(argv[2], "--no-java");
    if (no_java) {
        setenv("QUELL_NO_JAVA", "1", 1);
        const char *cache = getenv("XDG_CACHE_HOME");
        if (cache) { /* the log must be written by this run */
            char path[4096];
            snprintf(path, sizeof path, "%s/quell/quell.log", cache);
            unlink(path);
        }
    }
    char so[4096];
    snprintf(so, sizeof so, "%s/Contents/x86_64-linux/Quell.so", argv[1]);
    void *lib = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    if (!lib) { fprintf(stderr, "cannot load %s: %s\n", so, dlerror()); return 1; }
    int (*entry)(void *) = (int (*)(void *)) dlsym(lib, "ModuleEntry");
    int (*exit_)(void) = (int (*)(void)) dlsym(lib, "ModuleExit");
    void *(*get)(void) = (void *(*)(void)) dlsym(lib, "GetPluginFactory");
    if (!entry || !exit_ || !get) { fprintf(stderr, "missing VST3 entry points\n"); return 1; }
    CHECK(entry(lib), "ModuleEntry");
    factory = get();
    test_factory();
    if (stress > 0) {
        test_stress(stress);
        printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
        return failures ? 1 : 0;
    }
    if (no_java) {
        test_fallback();
        test_cycles(0);
        printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
        return failures ? 1 : 0;
    }
    Instance in;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int first = create(&in, 2, 48000, 1024);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* reported, not asserted: start-up is a benchmark figure (docs/plugin.md) */
    printf("first instance ready (JVM start, model load, warm-up, activation): %.2f s\n",
           (double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (first == 0) {
        test_parameters(&in);
        destroy(&in);
    } else {
        CHECK(0, "first instance");
    }
    test_rate(48000, 2, quick);
    test_rate(44100, 2, quick);
    test_rate(96000, 2, quick);
    test_rate(48000, 1, quick);
    test_other_rates();
    test_state();
    test_threads();
    test_cycles(1);
    CHECK(exit_(), "ModuleExit");
    dlclose(lib); /* the shim is linked -z nodelete: it stays mapped with its JVM */
    printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}
