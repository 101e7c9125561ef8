/* Counting C heap calls on the audio thread of the host test (malloc_count.c). */
#ifndef MALLOC_COUNT_H
#define MALLOC_COUNT_H
void malloc_count_watch(int on);   /* this thread: count (1) or not (0) */
long malloc_count_total(void);     /* calls counted so far, all threads */
#endif
