#define _GNU_SOURCE
#include "quell_jvm.h"
#include "quell_java_home.h"
#include "quell_quiet.h"

#include <dirent.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);
typedef jint (*created_vms_fn)(JavaVM **, jsize, jsize *);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static JavaVM *vm;
static quell_java java;
static int java_ready;
static char failure[1024];
static pthread_key_t attach_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/* The log file: $XDG_CACHE_HOME/quell/quell.log, else ~/.cache/quell/quell.log (folders created). */
static FILE *open_log_file(void) {
    const char *cache = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char dir[1024];
    if (cache && *cache == '/') {
        snprintf(dir, sizeof dir, "%s", cache);
    } else if (home && *home) {
        snprintf(dir, sizeof dir, "%s/.cache", home);
    } else {
        return NULL;
    }
    mkdir(dir, 0755);
    char path[1100];
    snprintf(path, sizeof path, "%s/quell", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/quell/quell.log", dir);
    return fopen(path, "a");
}

void quell_log(const char *fmt, ...) {
    char line[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "[Quell] %s\n", line);
    FILE *f = open_log_file();
    if (f) {
        time_t now = time(NULL);
        struct tm tm;
        char stamp[32] = "";
        if (localtime_r(&now, &tm)) {
            strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
        }
        fprintf(f, "%s [pid %ld] %s\n", stamp, (long) getpid(), line);
        fclose(f);
    }
}

static void detach_thread(void *value) {
    (void) value;
    if (vm) {
        (*vm)->DetachCurrentThread(vm);
    }
}

static void make_key(void) {
    pthread_key_create(&attach_key, detach_thread);
}

JNIEnv *quell_jvm_env(void) {
    JNIEnv *env = NULL;
    if (!vm) {
        return NULL;
    }
    jint rc = (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8);
    if (rc == JNI_OK) {
        return env;
    }
    if (rc != JNI_EDETACHED) {
        return NULL;
    }
    JavaVMAttachArgs args = {JNI_VERSION_1_8, "quell-host-thread", NULL};
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, &args) != JNI_OK) {
        return NULL;
    }
    pthread_once(&key_once, make_key);
    pthread_setspecific(attach_key, (void *) 1); /* the destructor detaches at thread exit */
    return env;
}

/* Loads the libjvm.so of the first suitable Java home (quell_java_home.h); why says where it looked. */
static void *open_jvm(const char *resource_dir, char *chosen, size_t len, char *why, size_t why_len) {
    if (!quell_find_java(resource_dir, NULL, chosen, len, why, why_len)) {
        return NULL;
    }
    void *h = dlopen(chosen, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    if (!h) {
        snprintf(why, why_len, "could not load %s: %s", chosen, dlerror());
    }
    return h;
}

int quell_jvm_exception(JNIEnv *env, char *err, size_t errlen, const char *what) {
    if (!(*env)->ExceptionCheck(env)) {
        return 0;
    }
    jthrowable t = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    snprintf(err, errlen, "%s failed", what);
    if (t) {
        jclass c = (*env)->FindClass(env, "java/lang/Object");
        jmethodID ts = c ? (*env)->GetMethodID(env, c, "toString", "()Ljava/lang/String;") : NULL;
        jstring s = ts ? (jstring) (*env)->CallObjectMethod(env, t, ts) : NULL;
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionClear(env);
        } else if (s) {
            const char *u = (*env)->GetStringUTFChars(env, s, NULL);
            if (u) {
                snprintf(err, errlen, "%s failed: %s", what, u);
                (*env)->ReleaseStringUTFChars(env, s, u);
            }
        }
    }
    return 1;
}

/* new URLClassLoader(urls of resource_dir/lib/<name>.jar).loadClass(NativeBridge) */
static jclass load_bridge(JNIEnv *env, const char *resource_dir, char *err, size_t errlen) {
    char lib[1024];
    snprintf(lib, sizeof lib, "%s/lib", resource_dir);
    DIR *d = opendir(lib);
    if (!d) {
        snprintf(err, errlen, "no jars: cannot open %s", lib);
        return NULL;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".jar") == 0) {
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    if (n == 0) {
        snprintf(err, errlen, "no jars in %s", lib);
        return NULL;
    }
    jclass result = NULL;
    jclass file_cls = (*env)->FindClass(env, "java/io/File");
    jclass uri_cls = (*env)->FindClass(env, "java/net/URI");
    jclass url_cls = (*env)->FindClass(env, "java/net/URL");
    jclass loader_cls = (*env)->FindClass(env, "java/net/URLClassLoader");
    jclass cl_cls = (*env)->FindClass(env, "java/lang/ClassLoader");
    if (!file_cls || !uri_cls || !url_cls || !loader_cls || !cl_cls) {
        quell_jvm_exception(env, err, errlen, "JDK classes");
        goto done;
    }
    jmethodID file_ctor = (*env)->GetMethodID(env, file_cls, "<init>", "(Ljava/lang/String;)V");
    jmethodID to_uri = (*env)->GetMethodID(env, file_cls, "toURI", "()Ljava/net/URI;");
    jmethodID to_url = (*env)->GetMethodID(env, uri_cls, "toURL", "()Ljava/net/URL;");
    jmethodID loader_ctor = (*env)->GetMethodID(env, loader_cls, "<init>", "([Ljava/net/URL;Ljava/lang/ClassLoader;)V");
    jmethodID system_loader = (*env)->GetStaticMethodID(env, cl_cls, "getSystemClassLoader", "()Ljava/lang/ClassLoader;");
    jmethodID load_class = (*env)->GetMethodID(env, cl_cls, "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;");
    jobjectArray urls = (*env)->NewObjectArray(env, n, url_cls, NULL);
    for (int i = 0; i < n && urls; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", lib, names[i]);
        jstring js = (*env)->NewStringUTF(env, path);
        jobject f = (*env)->NewObject(env, file_cls, file_ctor, js);
        jobject uri = f ? (*env)->CallObjectMethod(env, f, to_uri) : NULL;
        jobject url = uri ? (*env)->CallObjectMethod(env, uri, to_url) : NULL;
        if (quell_jvm_exception(env, err, errlen, "building the class path")) {
            goto done;
        }
        (*env)->SetObjectArrayElement(env, urls, i, url);
        (*env)->DeleteLocalRef(env, js);
        (*env)->DeleteLocalRef(env, f);
        (*env)->DeleteLocalRef(env, uri);
        (*env)->DeleteLocalRef(env, url);
    }
    jobject parent = (*env)->CallStaticObjectMethod(env, cl_cls, system_loader);
    jobject loader = (*env)->NewObject(env, loader_cls, loader_ctor, urls, parent);
    jstring name = (*env)->NewStringUTF(env, "dev.quell.plugin.nativebridge.NativeBridge");
    jclass cls = loader ? (jclass) (*env)->CallObjectMethod(env, loader, load_class, name) : NULL;
    if (quell_jvm_exception(env, err, errlen, "loading dev.quell.plugin.nativebridge.NativeBridge") || !cls) {
        goto done;
    }
    result = (jclass) (*env)->NewGlobalRef(env, cls);
    (*env)->NewGlobalRef(env, loader); /* keep the loader alive for the life of the process */
done:
    for (int i = 0; i < n; i++) {
        free(names[i]);
    }
    return result;
}

const quell_java *quell_jvm_init(const char *resource_dir, char *err, size_t errlen) {
    pthread_mutex_lock(&lock);
    if (java_ready) {
        pthread_mutex_unlock(&lock);
        return &java;
    }
    if (failure[0]) { /* do not retry a failed start in every instance; report the same reason */
        snprintf(err, errlen, "%s", failure);
        pthread_mutex_unlock(&lock);
        return NULL;
    }
    char libpath[1024] = "";
    JNIEnv *env = NULL;
    if (!vm && getenv("QUELL_NO_JAVA")) {
        snprintf(failure, sizeof failure, "QUELL_NO_JAVA is set: Quell passes the signal through, delayed by its latency");
        goto fail;
    }
    if (!vm) {
        char why[768];
        void *h = open_jvm(resource_dir, libpath, sizeof libpath, why, sizeof why);
        if (!h) {
            snprintf(failure, sizeof failure, "no Java runtime (%s); Quell passes the signal through, delayed by its latency",
                     why);
            goto fail;
        }
        created_vms_fn created = (created_vms_fn) dlsym(h, "JNI_GetCreatedJavaVMs");
        create_vm_fn create = (create_vm_fn) dlsym(h, "JNI_CreateJavaVM");
        if (!created || !create) {
            snprintf(failure, sizeof failure, "%s is not a JVM library", libpath);
            goto fail;
        }
        jsize count = 0;
        if (created(&vm, 1, &count) != JNI_OK || count < 1) {
            vm = NULL;
            JavaVMOption opts[6];
            opts[0].optionString = "--add-modules=jdk.incubator.vector";
            opts[1].optionString = "-Xrs";                 /* leave SIGINT/SIGTERM/SIGQUIT to the host */
            opts[2].optionString = "-Djava.awt.headless=true";
            opts[3].optionString = "-Xss2m";
            opts[4].optionString = "-XX:+UseSerialGC";     /* no concurrent GC threads competing with audio; the audio path allocates nothing */
            opts[5].optionString = "-Xmx1g";
            JavaVMInitArgs args;
            args.version = JNI_VERSION_1_8;
            args.nOptions = 6;
            args.options = opts;
            args.ignoreUnrecognized = JNI_TRUE;
            quell_quiet *quiet = quell_quiet_begin(); /* the incubator warning stays out of the host's log */
            jint created_ok = create(&vm, (void **) &env, &args);
            quell_quiet_end(quiet);
            if (created_ok != JNI_OK) {
                vm = NULL;
                snprintf(failure, sizeof failure, "JNI_CreateJavaVM failed with %s", libpath);
                goto fail;
            }
            /* the creating thread is attached: detach it when it exits, like any other */
            pthread_once(&key_once, make_key);
            pthread_setspecific(attach_key, (void *) 1);
            quell_log("started a JVM from %s", libpath);
        } else {
            quell_log("using the JVM already running in this process");
        }
    }
    env = quell_jvm_env();
    if (!env) {
        snprintf(failure, sizeof failure, "cannot attach to the JVM");
        goto fail;
    }
    jclass cls = load_bridge(env, resource_dir, failure, sizeof failure);
    if (!cls) {
        goto fail;
    }
    java.bridge = cls;
    java.ctor = (*env)->GetMethodID(env, cls, "<init>", "(Ljava/nio/ByteBuffer;DII[B)V");
    java.process = (*env)->GetMethodID(env, cls, "process", "(I)V");
    java.set_param = (*env)->GetMethodID(env, cls, "setParameter", "(ID)I");
    java.get_param = (*env)->GetMethodID(env, cls, "getParameter", "(I)D");
    java.latency = (*env)->GetMethodID(env, cls, "latency", "()I");
    java.reset = (*env)->GetMethodID(env, cls, "reset", "()V");
    java.save_state = (*env)->GetMethodID(env, cls, "saveState", "()[B");
    java.load_state = (*env)->GetMethodID(env, cls, "loadState", "([B)Ljava/lang/String;");
    java.describe = (*env)->GetMethodID(env, cls, "describe", "()Ljava/lang/String;");
    if (quell_jvm_exception(env, failure, sizeof failure, "looking up the bridge methods")) {
        goto fail;
    }
    java_ready = 1;
    pthread_mutex_unlock(&lock);
    return &java;
fail:
    quell_log("%s", failure);
    snprintf(err, errlen, "%s", failure);
    pthread_mutex_unlock(&lock);
    return NULL;
}
