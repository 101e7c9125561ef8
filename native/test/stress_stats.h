/* The stress hosts' common part (vst3_host --stress, lv2_stress): the block sizes they draw and
 * what they record per block-size range: calls, worst call time and calls longer than their own
 * block's duration (both after the first second), and the C heap calls and mutex locks counted by
 * malloc_count.c inside the plugin's audio call. */
#ifndef STRESS_STATS_H
#define STRESS_STATS_H

#define STRESS_BUCKETS 5
#define STRESS_RATE 48000

typedef struct {
    long calls[STRESS_BUCKETS], heap[STRESS_BUCKETS], locks[STRESS_BUCKETS], late[STRESS_BUCKETS];
    double worst[STRESS_BUCKETS];
    long heap_first, heap_after, locks_first, locks_after; /* first second of audio, and after it */
} stress_stats;

/* next block size, 1..8192, log-uniform, from a linear congruential seed */
int stress_next_block(unsigned *seed);
/* one audio call of m samples that took dt seconds, made heap calls and locks, done samples before it */
void stress_record(stress_stats *s, int m, double dt, long heap, long locks, long done);
/* the per-range table, each line starting with prefix; call names the plugin's audio call */
void stress_print(const stress_stats *s, const char *prefix, const char *call);

#endif
