/* The one JVM of the process, shared by every Quell instance and both plugin formats.
 *
 * libjvm.so is loaded with dlopen (never linked). Search order for a Java runtime:
 *   1. $QUELL_JAVA_HOME
 *   2. the runtime bundled inside the plugin bundle (<resources>/jre), if present
 *   3. $JAVA_HOME
 *   4. /usr/lib/jvm/default-java
 * A JVM that already exists in the process (JNI_GetCreatedJavaVMs: another instance, the other
 * plugin format, or another vendor's plugin) is reused; ours is never destroyed, because a
 * process cannot create a second one. Quell's classes are loaded through a URLClassLoader over
 * the jars in <resources>/lib, so they are found even in a JVM someone else started.
 *
 * Setting QUELL_NO_JAVA (troubleshooting, tests) skips the JVM: every instance then runs the
 * latency-compensated dry fallback.
 *
 * Threads: any host thread that calls in is attached as a daemon on first use and detached by a
 * thread-local destructor when it exits. */
#ifndef QUELL_JVM_H
#define QUELL_JVM_H

#include <jni.h>
#include <stddef.h>

typedef struct {
    jclass bridge;          /* dev.quell.plugin.nativebridge.NativeBridge (global ref) */
    jmethodID ctor;         /* (ByteBuffer, double, int, int, byte[]) */
    jmethodID process;      /* (int)V */
    jmethodID set_param;    /* (int, double)I -> latency */
    jmethodID get_param;    /* (int)D */
    jmethodID latency;      /* ()I */
    jmethodID reset;        /* ()V */
    jmethodID save_state;   /* ()[B */
    jmethodID load_state;   /* ([B)Ljava/lang/String; */
    jmethodID describe;     /* ()Ljava/lang/String; */
} quell_java;

/* Starts or finds the JVM and loads the bridge class (idempotent, thread-safe, not real-time).
 * resource_dir: folder holding lib/ (the jars) and optionally jre/.
 * Returns the method table, or NULL with a message in err. */
const quell_java *quell_jvm_init(const char *resource_dir, char *err, size_t errlen);

/* The JNIEnv of the calling thread, attaching it (as a daemon) if needed; NULL without a JVM. */
JNIEnv *quell_jvm_env(void);

/* Logs one line to stderr with a "[Quell]" prefix (not for the audio thread). */
/* One line to stderr ("[Quell] ...") and, time-stamped, to $XDG_CACHE_HOME/quell/quell.log
 * (default ~/.cache/quell/quell.log). Not for the audio thread. */
void quell_log(const char *fmt, ...);

/* If a Java exception is pending: clears it, writes "WHAT failed: <exception.toString()>" (one
 * line, no stack trace) into err and returns 1; otherwise returns 0. */
int quell_jvm_exception(JNIEnv *env, char *err, size_t errlen, const char *what);

#endif
