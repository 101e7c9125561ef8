/* Counts C heap calls made on a thread while it is inside a watched region (the host test's
 * process() calls): malloc, calloc, realloc, posix_memalign, aligned_alloc and free are
 * interposed for the whole process (the JVM's os::malloc included) and forwarded to glibc's own
 * implementations. Only calls on a thread with malloc_count_watch(1) are counted. */
#include "malloc_count.h"

#include <stddef.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static __thread int watching;
static long counted;

void malloc_count_watch(int on) { watching = on; }
long malloc_count_total(void) { return __atomic_load_n(&counted, __ATOMIC_SEQ_CST); }

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
