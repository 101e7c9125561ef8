/* Keeps the JVM's start-up chatter out of the host's stderr. JNI_CreateJavaVM with the Vector API
 * prints "WARNING: Using incubator modules: jdk.incubator.vector" to file descriptor 2, into the
 * log of every DAW session. Between quell_quiet_begin and quell_quiet_end, descriptor 2 is a pipe
 * drained by a thread; at the end the known JVM lines are dropped and everything else (the host's
 * own messages from other threads meanwhile) is written to the real stderr, in order. */
#ifndef QUELL_QUIET_H
#define QUELL_QUIET_H

typedef struct quell_quiet quell_quiet;

/* Starts capturing descriptor 2; NULL (and nothing captured) if a pipe or thread cannot be had. */
quell_quiet *quell_quiet_begin(void);

/* Restores descriptor 2, writes the captured text back without the JVM's known start-up lines,
 * and frees q. Returns the number of lines dropped. */
int quell_quiet_end(quell_quiet *q);

#endif
