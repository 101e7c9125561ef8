#include "stress_stats.h"

#include <math.h>
#include <stdio.h>

static const int edges[STRESS_BUCKETS + 1] = {1, 16, 128, 1024, 4096, 8193};

int stress_next_block(unsigned *seed) {
    *seed = *seed * 1103515245u + 12345u;
    int m = (int) exp(log(8192.0) * ((*seed >> 8) & 0xffff) / 65535.0);
    return m < 1 ? 1 : m > 8192 ? 8192 : m;
}

void stress_record(stress_stats *s, int m, double dt, long heap, long locks, long done) {
    int b = 0;
    while (b < STRESS_BUCKETS - 1 && m >= edges[b + 1]) b++;
    s->calls[b]++;
    s->heap[b] += heap;
    s->locks[b] += locks;
    if (done >= STRESS_RATE) {
        if (dt > s->worst[b]) s->worst[b] = dt;
        if (dt > (double) m / STRESS_RATE) s->late[b]++; /* longer than the block's own duration */
        s->heap_after += heap;
        s->locks_after += locks;
    } else {
        s->heap_first += heap;
        s->locks_first += locks;
    }
}

void stress_print(const stress_stats *s, const char *prefix, const char *call) {
    printf("%s: C heap calls inside %s: %ld in the first second, %ld after it\n", prefix, call, s->heap_first, s->heap_after);
    printf("%s: mutex locks inside %s: %ld in the first second, %ld after it\n", prefix, call, s->locks_first, s->locks_after);
    for (int b = 0; b < STRESS_BUCKETS; b++) {
        printf("%s: blocks %4d-%4d: %6ld calls, worst %7.3f ms, %5ld longer than their own block's duration, heap calls %ld, locks %ld\n",
               prefix, edges[b], edges[b + 1] - 1, s->calls[b], s->worst[b] * 1e3, s->late[b], s->heap[b], s->locks[b]);
    }
}
