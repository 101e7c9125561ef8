/* Counts C heap calls and mutex acquisitions made on a thread while it is inside a watched region
 * (the host tests' process()/run() calls): malloc, calloc, realloc, posix_memalign, aligned_alloc
 * and free, and pthread_mutex_lock and pthread_mutex_trylock, are interposed for the whole process
 * (the JVM's os::malloc and its platform mutexes included) and forwarded to glibc's own
 * implementations. Only calls on a thread with malloc_count_watch(1) are counted. */
#define _GNU_SOURCE
#include "malloc_count.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static __thread int watching;
static long counted;
static long locked;

void malloc_count_watch(int on) { watching = on; }
long malloc_count_total(void) { return __atomic_load_n(&counted, __ATOMIC_SEQ_CST); }
long malloc_count_locks(void) { return __atomic_load_n(&locked, __ATOMIC_SEQ_CST); }

static void note(void) {
    if (watching) {
        __atomic_add_fetch(&counted, 1, __ATOMIC_SEQ_CST);
    }
}

void *malloc(size_t n) { note(); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { note(); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { note(); return __libc_realloc(p, n); }
void free(void *p) { if (p) note(); __libc_free(p); }
void *aligned_alloc(size_t al, size_t n) { note(); return __libc_memalign(al, n); }
void *memalign(size_t al, size_t n) { note(); return __libc_memalign(al, n); }
int posix_memalign(void **out, size_t al, size_t n) {
    note();
    void *p = __libc_memalign(al, n);
    if (!p) return 12; /* ENOMEM */
    *out = p;
    return 0;
}

/* glibc's own lock functions, found once before main (dlsym may allocate; nothing is watched yet) */
static int (*real_lock)(pthread_mutex_t *);
static int (*real_trylock)(pthread_mutex_t *);

__attribute__((constructor)) static void find_locks(void) {
    real_lock = (int (*)(pthread_mutex_t *)) dlsym(RTLD_NEXT, "pthread_mutex_lock");
    real_trylock = (int (*)(pthread_mutex_t *)) dlsym(RTLD_NEXT, "pthread_mutex_trylock");
}

static void note_lock(void) {
    if (watching) {
        __atomic_add_fetch(&locked, 1, __ATOMIC_SEQ_CST);
    }
}

int pthread_mutex_lock(pthread_mutex_t *m) {
    if (!real_lock) find_locks(); /* a lock taken by another constructor before ours ran */
    note_lock();
    return real_lock(m);
}

int pthread_mutex_trylock(pthread_mutex_t *m) {
    if (!real_trylock) find_locks();
    note_lock();
    return real_trylock(m);
}

int malloc_count_self_check(void) {
    int failed = 0;
    long heap = malloc_count_total(), locks = malloc_count_locks();
    pthread_mutex_t probe_lock = PTHREAD_MUTEX_INITIALIZER;
    malloc_count_watch(1);
    char *volatile probe = malloc(16); /* volatile: the compiler must not drop the pair */
    probe[0] = 1;
    free(probe);
    pthread_mutex_lock(&probe_lock);
    pthread_mutex_unlock(&probe_lock);
    malloc_count_watch(0);
    if (malloc_count_total() - heap != 2) failed |= 1;
    if (malloc_count_locks() - locks != 1) failed |= 2;
    return failed;
}
