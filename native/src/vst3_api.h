/* The parts of the VST3 binary interface Quell uses, declared from the published facts of the
 * API (COM-style vtables, interface ids, structs and constants; see PLUGIN-HOSTS.md). Written
 * for Quell; no SDK file is copied. Linux x86_64: SysV calling convention, natural alignment,
 * interface ids stored as four big-endian 32-bit words. */
#ifndef QUELL_VST3_API_H
#define QUELL_VST3_API_H

#include <stdint.h>

typedef int32_t tresult;
typedef uint8_t TBool;
typedef char char8;
typedef uint16_t char16;
typedef int8_t TUID[16];
typedef const char8 *FIDString;
typedef uint32_t ParamID;
typedef double ParamValue;
typedef double SampleRate;
typedef uint64_t SpeakerArrangement;
typedef char16 String128[128];

enum {
    kNoInterface = -1,
    kResultOk = 0,
    kResultTrue = 0,
    kResultFalse = 1,
    kInvalidArgument = 2,
    kNotImplemented = 3,
    kInternalError = 4,
    kNotInitialized = 5,
    kOutOfMemory = 6
};

#define VST3_IID(l1, l2, l3, l4) { \
    (int8_t) (((l1) >> 24) & 0xFF), (int8_t) (((l1) >> 16) & 0xFF), (int8_t) (((l1) >> 8) & 0xFF), (int8_t) ((l1) & 0xFF), \
    (int8_t) (((l2) >> 24) & 0xFF), (int8_t) (((l2) >> 16) & 0xFF), (int8_t) (((l2) >> 8) & 0xFF), (int8_t) ((l2) & 0xFF), \
    (int8_t) (((l3) >> 24) & 0xFF), (int8_t) (((l3) >> 16) & 0xFF), (int8_t) (((l3) >> 8) & 0xFF), (int8_t) ((l3) & 0xFF), \
    (int8_t) (((l4) >> 24) & 0xFF), (int8_t) (((l4) >> 16) & 0xFF), (int8_t) (((l4) >> 8) & 0xFF), (int8_t) ((l4) & 0xFF)}

static const TUID IID_FUnknown = VST3_IID(0x00000000, 0x00000000, 0xC0000000, 0x00000046);
static const TUID IID_IPluginBase = VST3_IID(0x22888DDB, 0x156E45AE, 0x8358B348, 0x08190625);
static const TUID IID_IPluginFactory = VST3_IID(0x7A4D811C, 0x52114A1F, 0xAED9D2EE, 0x0B43BF9F);
static const TUID IID_IPluginFactory2 = VST3_IID(0x0007B650, 0xF24B4C0B, 0xA464EDB9, 0xF00B2ABB);
static const TUID IID_IPluginFactory3 = VST3_IID(0x4555A2AB, 0xC1234E57, 0x9B122910, 0x36878931);
static const TUID IID_IBStream = VST3_IID(0xC3BF6EA2, 0x30994752, 0x9B6BF990, 0x1EE33E9B);
static const TUID IID_IComponent = VST3_IID(0xE831FF31, 0xF2D54301, 0x928EBBEE, 0x25697802);
static const TUID IID_IAudioProcessor = VST3_IID(0x42043F99, 0xB7DA453C, 0xA569E79D, 0x9AAEC33D);
static const TUID IID_IProcessContextRequirements = VST3_IID(0x2A654303, 0xEF764E3D, 0x95B5FE83, 0x730EF6D0);
static const TUID IID_IEditController = VST3_IID(0xDCD7BBE3, 0x7742448D, 0xA874AACC, 0x979C759E);
static const TUID IID_IComponentHandler = VST3_IID(0x93A0BEA3, 0x0BD045DB, 0x8E890B0C, 0xC1E46AC6);
static const TUID IID_IConnectionPoint = VST3_IID(0x70A4156F, 0x6E6E4026, 0x989148BF, 0xAA60D8D1);
static const TUID IID_IParameterChanges = VST3_IID(0xA4779663, 0x0BB64A56, 0xB44384A8, 0x466FEB9D);
static const TUID IID_IParamValueQueue = VST3_IID(0x01263A18, 0xED074F6F, 0x98C9D356, 0x4686F9BA);
static const TUID IID_IUnitInfo = VST3_IID(0x3D4BD6B5, 0x913A4FD2, 0xA886E768, 0xA5EB92C1);

/* media types, directions, bus types and flags */
enum { kAudio = 0, kEvent = 1 };
enum { kInput = 0, kOutput = 1 };
enum { kMain = 0, kAux = 1 };
enum { kDefaultActive = 1 };
/* sample sizes and process modes */
enum { kSample32 = 0, kSample64 = 1 };
enum { kRealtime = 0, kPrefetch = 1, kOffline = 2 };
/* speakers */
#define kSpeakerL ((SpeakerArrangement) 1 << 0)
#define kSpeakerR ((SpeakerArrangement) 1 << 1)
#define kSpeakerM ((SpeakerArrangement) 1 << 19)
#define kArrMono kSpeakerM
#define kArrStereo (kSpeakerL | kSpeakerR)
/* parameter flags */
enum { kCanAutomate = 1 << 0, kIsReadOnly = 1 << 1, kIsWrapAround = 1 << 2, kIsList = 1 << 3,
       kIsHidden = 1 << 4, kIsProgramChange = 1 << 15, kIsBypass = 1 << 16 };
/* restart flags */
enum { kReloadComponent = 1 << 0, kIoChanged = 1 << 1, kParamValuesChanged = 1 << 2, kLatencyChanged = 1 << 3 };
/* factory */
enum { kFactoryUnicode = 1 << 4 };
#define kManyInstances 0x7FFFFFFF
#define kVstAudioEffectClass "Audio Module Class"
/* stream seek modes */
enum { kIBSeekSet = 0, kIBSeekCur = 1, kIBSeekEnd = 2 };

typedef struct {
    char8 vendor[64];
    char8 url[256];
    char8 email[128];
    int32_t flags;
} PFactoryInfo;

typedef struct {
    TUID cid;
    int32_t cardinality;
    char8 category[32];
    char8 name[64];
} PClassInfo;

typedef struct {
    TUID cid;
    int32_t cardinality;
    char8 category[32];
    char8 name[64];
    uint32_t classFlags;
    char8 subCategories[128];
    char8 vendor[64];
    char8 version[64];
    char8 sdkVersion[64];
} PClassInfo2;

typedef struct {
    TUID cid;
    int32_t cardinality;
    char8 category[32];
    char16 name[64];
    uint32_t classFlags;
    char8 subCategories[128];
    char16 vendor[64];
    char16 version[64];
    char16 sdkVersion[64];
} PClassInfoW;

typedef struct {
    int32_t mediaType;
    int32_t direction;
    int32_t channelCount;
    String128 name;
    int32_t busType;
    uint32_t flags;
} BusInfo;

typedef struct {
    int32_t mediaType;
    int32_t busIndex;
    int32_t channel;
} RoutingInfo;

typedef struct {
    int32_t processMode;
    int32_t symbolicSampleSize;
    int32_t maxSamplesPerBlock;
    SampleRate sampleRate;
} ProcessSetup;

typedef struct {
    int32_t numChannels;
    uint64_t silenceFlags;
    union {
        float **channelBuffers32;
        double **channelBuffers64;
    };
} AudioBusBuffers;

struct IParameterChanges;

typedef struct {
    int32_t processMode;
    int32_t symbolicSampleSize;
    int32_t numSamples;
    int32_t numInputs;
    int32_t numOutputs;
    AudioBusBuffers *inputs;
    AudioBusBuffers *outputs;
    struct IParameterChanges *inputParameterChanges;
    struct IParameterChanges *outputParameterChanges;
    void *inputEvents;
    void *outputEvents;
    void *processContext;
} ProcessData;

typedef struct {
    ParamID id;
    String128 title;
    String128 shortTitle;
    String128 units;
    int32_t stepCount;
    ParamValue defaultNormalizedValue;
    int32_t unitId;
    int32_t flags;
} ParameterInfo;

/* ---- vtables: every object starts with a pointer to one of these ---- */

#define FUNKNOWN_METHODS(T) \
    tresult (*queryInterface)(T *self, const TUID iid, void **obj); \
    uint32_t (*addRef)(T *self); \
    uint32_t (*release)(T *self);

typedef struct FUnknown { const struct FUnknownVtbl *vtbl; } FUnknown;
typedef struct FUnknownVtbl { FUNKNOWN_METHODS(void) } FUnknownVtbl;

typedef struct IBStream { const struct IBStreamVtbl *vtbl; } IBStream;
typedef struct IBStreamVtbl {
    FUNKNOWN_METHODS(void)
    tresult (*read)(void *self, void *buffer, int32_t numBytes, int32_t *numBytesRead);
    tresult (*write)(void *self, void *buffer, int32_t numBytes, int32_t *numBytesWritten);
    tresult (*seek)(void *self, int64_t pos, int32_t mode, int64_t *result);
    tresult (*tell)(void *self, int64_t *pos);
} IBStreamVtbl;

typedef struct IParamValueQueue { const struct IParamValueQueueVtbl *vtbl; } IParamValueQueue;
typedef struct IParamValueQueueVtbl {
    FUNKNOWN_METHODS(void)
    ParamID (*getParameterId)(void *self);
    int32_t (*getPointCount)(void *self);
    tresult (*getPoint)(void *self, int32_t index, int32_t *sampleOffset, ParamValue *value);
    tresult (*addPoint)(void *self, int32_t sampleOffset, ParamValue value, int32_t *index);
} IParamValueQueueVtbl;

typedef struct IParameterChanges { const struct IParameterChangesVtbl *vtbl; } IParameterChanges;
typedef struct IParameterChangesVtbl {
    FUNKNOWN_METHODS(void)
    int32_t (*getParameterCount)(void *self);
    IParamValueQueue *(*getParameterData)(void *self, int32_t index);
    IParamValueQueue *(*addParameterData)(void *self, const ParamID *id, int32_t *index);
} IParameterChangesVtbl;

typedef struct IComponentHandler { const struct IComponentHandlerVtbl *vtbl; } IComponentHandler;
typedef struct IComponentHandlerVtbl {
    FUNKNOWN_METHODS(void)
    tresult (*beginEdit)(void *self, ParamID id);
    tresult (*performEdit)(void *self, ParamID id, ParamValue valueNormalized);
    tresult (*endEdit)(void *self, ParamID id);
    tresult (*restartComponent)(void *self, int32_t flags);
} IComponentHandlerVtbl;

typedef struct IPluginFactoryVtbl {
    FUNKNOWN_METHODS(void)
    tresult (*getFactoryInfo)(void *self, PFactoryInfo *info);
    int32_t (*countClasses)(void *self);
    tresult (*getClassInfo)(void *self, int32_t index, PClassInfo *info);
    tresult (*createInstance)(void *self, FIDString cid, FIDString iid, void **obj);
    /* IPluginFactory2 */
    tresult (*getClassInfo2)(void *self, int32_t index, PClassInfo2 *info);
    /* IPluginFactory3 */
    tresult (*getClassInfoUnicode)(void *self, int32_t index, PClassInfoW *info);
    tresult (*setHostContext)(void *self, FUnknown *context);
} IPluginFactoryVtbl;

typedef struct IComponentVtbl {
    FUNKNOWN_METHODS(void)
    tresult (*initialize)(void *self, FUnknown *context);
    tresult (*terminate)(void *self);
    tresult (*getControllerClassId)(void *self, TUID classId);
    tresult (*setIoMode)(void *self, int32_t mode);
    int32_t (*getBusCount)(void *self, int32_t type, int32_t dir);
    tresult (*getBusInfo)(void *self, int32_t type, int32_t dir, int32_t index, BusInfo *bus);
    tresult (*getRoutingInfo)(void *self, RoutingInfo *inInfo, RoutingInfo *outInfo);
    tresult (*activateBus)(void *self, int32_t type, int32_t dir, int32_t index, TBool state);
    tresult (*setActive)(void *self, TBool state);
    tresult (*setState)(void *self, IBStream *state);
    tresult (*getState)(void *self, IBStream *state);
} IComponentVtbl;

typedef struct IAudioProcessorVtbl {
    FUNKNOWN_METHODS(void)
    tresult (*setBusArrangements)(void *self, SpeakerArrangement *inputs, int32_t numIns, SpeakerArrangement *outputs, int32_t numOuts);
    tresult (*getBusArrangement)(void *self, int32_t dir, int32_t index, SpeakerArrangement *arr);
    tresult (*canProcessSampleSize)(void *self, int32_t symbolicSampleSize);
    uint32_t (*getLatencySamples)(void *self);
    tresult (*setupProcessing)(void *self, ProcessSetup *setup);
    tresult (*setProcessing)(void *self, TBool state);
    tresult (*process)(void *self, ProcessData *data);
    uint32_t (*getTailSamples)(void *self);
} IAudioProcessorVtbl;

typedef struct IProcessContextRequirementsVtbl {
    FUNKNOWN_METHODS(void)
    uint32_t (*getProcessContextRequirements)(void *self);
} IProcessContextRequirementsVtbl;

typedef struct IEditControllerVtbl {
    FUNKNOWN_METHODS(void)
    tresult (*initialize)(void *self, FUnknown *context);
    tresult (*terminate)(void *self);
    tresult (*setComponentState)(void *self, IBStream *state);
    tresult (*setState)(void *self, IBStream *state);
    tresult (*getState)(void *self, IBStream *state);
    int32_t (*getParameterCount)(void *self);
    tresult (*getParameterInfo)(void *self, int32_t paramIndex, ParameterInfo *info);
    tresult (*getParamStringByValue)(void *self, ParamID id, ParamValue valueNormalized, char16 *string);
    tresult (*getParamValueByString)(void *self, ParamID id, char16 *string, ParamValue *valueNormalized);
    ParamValue (*normalizedParamToPlain)(void *self, ParamID id, ParamValue valueNormalized);
    ParamValue (*plainParamToNormalized)(void *self, ParamID id, ParamValue plainValue);
    ParamValue (*getParamNormalized)(void *self, ParamID id);
    tresult (*setParamNormalized)(void *self, ParamID id, ParamValue value);
    tresult (*setComponentHandler)(void *self, IComponentHandler *handler);
    void *(*createView)(void *self, FIDString name);
} IEditControllerVtbl;

/* units and program lists */
#define kRootUnitId 0
#define kNoParentUnitId (-1)
#define kNoProgramListId (-1)

typedef struct {
    int32_t id;
    int32_t parentUnitId;
    String128 name;
    int32_t programListId;
} UnitInfo;

typedef struct {
    int32_t id;
    String128 name;
    int32_t programCount;
} ProgramListInfo;

typedef struct IUnitInfoVtbl {
    FUNKNOWN_METHODS(void)
    int32_t (*getUnitCount)(void *self);
    tresult (*getUnitInfo)(void *self, int32_t unitIndex, UnitInfo *info);
    int32_t (*getProgramListCount)(void *self);
    tresult (*getProgramListInfo)(void *self, int32_t listIndex, ProgramListInfo *info);
    tresult (*getProgramName)(void *self, int32_t listId, int32_t programIndex, char16 *name);
    tresult (*getProgramInfo)(void *self, int32_t listId, int32_t programIndex, const char8 *attributeId, char16 *value);
    tresult (*hasProgramPitchNames)(void *self, int32_t listId, int32_t programIndex);
    tresult (*getProgramPitchName)(void *self, int32_t listId, int32_t programIndex, int16_t midiPitch, char16 *name);
    int32_t (*getSelectedUnit)(void *self);
    tresult (*selectUnit)(void *self, int32_t unitId);
    tresult (*getUnitByBus)(void *self, int32_t type, int32_t dir, int32_t busIndex, int32_t channel, int32_t *unitId);
    tresult (*setUnitProgramData)(void *self, int32_t listOrUnitId, int32_t programIndex, IBStream *data);
} IUnitInfoVtbl;

typedef IPluginFactoryVtbl *(*GetPluginFactoryProc)(void);

#endif
