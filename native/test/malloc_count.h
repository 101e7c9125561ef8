/* Counting C heap calls and mutex locks on the audio thread of the host tests (malloc_count.c). */
#ifndef MALLOC_COUNT_H
#define MALLOC_COUNT_H
void malloc_count_watch(int on);   /* this thread: count (1) or not (0) */
long malloc_count_total(void);     /* heap calls counted so far, all threads */
long malloc_count_locks(void);     /* pthread_mutex_lock/trylock calls counted so far, all threads */
/* 0 if both interposers count on this thread; bit 1: the heap one does not, bit 2: the lock one */
int malloc_count_self_check(void);
#endif
