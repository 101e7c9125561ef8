/* Filtering the JVM's start-up chatter: see quell_quiet.h. */
#include "quell_quiet.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct quell_quiet {
    int saved;       /* the real stderr */
    int read_end;
    pthread_t drain;
    char *text;      /* everything read */
    size_t len, cap;
};

/* Lines the JVM prints at start-up that say nothing to a DAW user. */
static const char *const DROPPED[] = {"WARNING: Using incubator modules:"};

static void *drain(void *arg) {
    quell_quiet *q = arg;
    char buf[4096];
    ssize_t n;
    while ((n = read(q->read_end, buf, sizeof buf)) > 0) {
        if (q->len + (size_t) n > q->cap) {
            size_t cap = (q->cap ? 2 * q->cap : 8192) + (size_t) n;
            char *t = realloc(q->text, cap);
            if (!t) { /* keep the output flowing even without memory */
                ssize_t w = write(q->saved, buf, (size_t) n);
                (void) w;
                continue;
            }
            q->text = t;
            q->cap = cap;
        }
        memcpy(q->text + q->len, buf, (size_t) n);
        q->len += (size_t) n;
    }
    return NULL;
}

quell_quiet *quell_quiet_begin(void) {
    quell_quiet *q = calloc(1, sizeof *q);
    int p[2];
    if (!q || pipe(p) != 0) {
        free(q);
        return NULL;
    }
    fflush(stderr);
    q->saved = dup(2);
    q->read_end = p[0];
    if (q->saved < 0 || dup2(p[1], 2) < 0) {
        close(p[0]);
        close(p[1]);
        if (q->saved >= 0) close(q->saved);
        free(q);
        return NULL;
    }
    close(p[1]); /* descriptor 2 is now the only write end */
    if (pthread_create(&q->drain, NULL, drain, q) != 0) {
        dup2(q->saved, 2);
        close(q->saved);
        close(q->read_end);
        free(q);
        return NULL;
    }
    return q;
}

int quell_quiet_end(quell_quiet *q) {
    if (!q) {
        return 0;
    }
    fflush(stderr);
    dup2(q->saved, 2); /* closes the pipe's last write end: the drain thread sees the end */
    pthread_join(q->drain, NULL);
    close(q->read_end);
    close(q->saved);
    int dropped = 0;
    size_t start = 0;
    while (start < q->len) {
        char *nl = memchr(q->text + start, '\n', q->len - start);
        size_t end = nl ? (size_t) (nl - q->text) + 1 : q->len;
        int drop = 0;
        for (size_t k = 0; k < sizeof DROPPED / sizeof DROPPED[0]; k++) {
            size_t m = strlen(DROPPED[k]);
            drop |= end - start >= m && !memcmp(q->text + start, DROPPED[k], m);
        }
        if (drop) {
            dropped++;
        } else {
            ssize_t w = write(2, q->text + start, end - start);
            (void) w;
        }
        start = end;
    }
    free(q->text);
    free(q);
    return dropped;
}
