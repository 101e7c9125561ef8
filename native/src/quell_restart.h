/* Deferred IComponentHandler::restartComponent for the VST3 shim.
 *
 * A restart is never requested from inside a host's call: a program change arrives through
 * setParamNormalized while the host (Ardour's load_preset) may hold a lock that its own
 * restartComponent takes, and a look-ahead change inside process() runs on the audio thread,
 * where no host call is allowed. Both only OR their flags into an atomic word
 * (quell_restart_request, lock-free and allocation-free, safe on the audio thread); a small
 * thread delivers them to the host within about 10 ms, outside any host call chain.
 *
 * Stopping waits at most 200 ms for the thread: a restartComponent call the host blocks cannot
 * deadlock the plugin's teardown (the thread then frees the notifier when the call returns). */
#ifndef QUELL_RESTART_H
#define QUELL_RESTART_H

#include <stdint.h>

#include "vst3_api.h"

typedef struct quell_restart quell_restart;

/* A notifier with no handler; NULL if memory or a thread cannot be had (then requests are dropped). */
quell_restart *quell_restart_create(void);

/* Sets (addRef) or clears (h == NULL) the handler the flags go to; releases the previous one. */
void quell_restart_set_handler(quell_restart *n, IComponentHandler *h);

/* ORs restart flags (kLatencyChanged, kParamValuesChanged, ...) into the pending set. Real-time safe. */
void quell_restart_request(quell_restart *n, int32_t flags);

/* Stops the thread and frees the notifier; if the thread is stuck in a host call for 200 ms, it is
   left to free the notifier itself when the call returns (never wait on a host). */
void quell_restart_destroy(quell_restart *n);

/* Delivery period of the thread, nanoseconds. */
#define QUELL_RESTART_PERIOD_NS 10000000L

#endif
