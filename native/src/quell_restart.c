/* Deferred restartComponent: see quell_restart.h. */
#include "quell_restart.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct quell_restart {
    pthread_mutex_t lock;       /* guards everything below but pending */
    pthread_cond_t wake;        /* the thread waits on it between deliveries; destroy signals it */
    pthread_cond_t gone;        /* the thread signals its exit */
    IComponentHandler *handler; /* owned reference, or NULL */
    int pending;                /* atomic: flags not yet delivered */
    int stop;                   /* the thread ends at its next wake-up */
    int exited;                 /* the thread has ended and no longer touches this struct */
    int orphaned;               /* destroy gave up waiting: the thread frees the struct itself */
    pthread_t thread;           /* joinable; joined by destroy, or detached when orphaned */
};

/* How long destroy waits for the thread to end before leaving it to free itself, ns. */
#define STOP_WAIT_NS 200000000L

static void free_notifier(quell_restart *n) {
    if (n->handler) {
        n->handler->vtbl->release(n->handler);
    }
    pthread_cond_destroy(&n->wake);
    pthread_cond_destroy(&n->gone);
    pthread_mutex_destroy(&n->lock);
    free(n);
}

static struct timespec after(long ns) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_nsec += ns;
    t.tv_sec += t.tv_nsec / 1000000000L;
    t.tv_nsec %= 1000000000L;
    return t;
}

static void *deliver(void *arg) {
    quell_restart *n = arg;
    pthread_mutex_lock(&n->lock);
    while (!n->stop) {
        struct timespec until = after(QUELL_RESTART_PERIOD_NS);
        pthread_cond_timedwait(&n->wake, &n->lock, &until);
        int flags = __atomic_exchange_n(&n->pending, 0, __ATOMIC_SEQ_CST);
        IComponentHandler *h = n->stop ? NULL : n->handler;
        if (!flags || !h) {
            continue;
        }
        h->vtbl->addRef(h);
        pthread_mutex_unlock(&n->lock);
        h->vtbl->restartComponent(h, flags); /* outside the lock: the host may take its time */
        h->vtbl->release(h);
        pthread_mutex_lock(&n->lock);
    }
    n->exited = 1;
    int orphan = n->orphaned;
    pthread_cond_signal(&n->gone);
    pthread_mutex_unlock(&n->lock);
    if (orphan) {
        free_notifier(n);
    }
    return NULL;
}

quell_restart *quell_restart_create(void) {
    quell_restart *n = calloc(1, sizeof *n);
    if (!n) {
        return NULL;
    }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&n->wake, &ca);
    pthread_cond_init(&n->gone, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&n->lock, NULL);
    if (pthread_create(&n->thread, NULL, deliver, n) != 0) {
        free_notifier(n);
        return NULL;
    }
    return n;
}

void quell_restart_set_handler(quell_restart *n, IComponentHandler *h) {
    if (!n) {
        return;
    }
    if (h) {
        h->vtbl->addRef(h);
    }
    pthread_mutex_lock(&n->lock);
    IComponentHandler *old = n->handler;
    n->handler = h;
    pthread_mutex_unlock(&n->lock);
    if (old) {
        old->vtbl->release(old);
    }
}

void quell_restart_request(quell_restart *n, int32_t flags) {
    if (n && flags) {
        __atomic_fetch_or(&n->pending, flags, __ATOMIC_SEQ_CST);
    }
}

void quell_restart_destroy(quell_restart *n) {
    if (!n) {
        return;
    }
    pthread_mutex_lock(&n->lock);
    n->stop = 1;
    pthread_cond_signal(&n->wake);
    struct timespec until = after(STOP_WAIT_NS);
    while (!n->exited) {
        if (pthread_cond_timedwait(&n->gone, &n->lock, &until) != 0 && !n->exited) {
            n->orphaned = 1; /* the thread is inside a host call that does not return: never wait on a host */
            break;
        }
    }
    int done = n->exited;
    pthread_t t = n->thread;
    pthread_mutex_unlock(&n->lock);
    if (done) {
        pthread_join(t, NULL); /* the thread's own resources are gone too: no leak between cycles */
        free_notifier(n);
    } else {
        pthread_detach(t);
    }
}
