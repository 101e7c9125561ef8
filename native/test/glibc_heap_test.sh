#!/usr/bin/env bash
# Checks glibc_heap.sh's patterns, which decide whether ardour_test.sh retries a failed host run
# (heap damage of Ardour's own) or fails it (anything else): lines in the formats of a JVM crash
# report and of gdb's stacks, in and out of glibc's allocator. Exit 0 when every case holds.
set -uo pipefail
. "$(dirname "$0")/glibc_heap.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
expect() { # WANT(0 match, 1 no match) FUNCTION TEXT
  printf '%s\n' "$3" > "$dir/log"
  "$2" "$dir/log"
  local got=$?
  if [ "$got" != "$1" ]; then
    echo "glibc_heap_test: $2 gave $got, expected $1, on: $3" >&2
    failures=$((failures + 1))
  fi
}
frame='# Problematic frame:'
expect 0 crashed_in_allocator "$frame
# C  [libc.so.6+0x9a3c2]  __libc_free+0x72"
expect 0 crashed_in_allocator "# C  [libc.so.6+0xa1b2c]  _int_malloc+0x9bc"
expect 0 crashed_in_allocator "# C  [libc.so.6+0xa0f11]  unlink_chunk.constprop.0+0x51"
expect 0 crashed_in_allocator "# C  [libc.so.6+0xa0f11]  malloc_consolidate+0x1a"
expect 1 crashed_in_allocator "# C  [libc.so.6+0x15f2a0]  __memmove_avx_unaligned_erms+0x80"
expect 1 crashed_in_allocator "# C  [libquell_vst3.so+0x1b2c]  __libc_free+0x9c"
expect 1 crashed_in_allocator "# V  [libjvm.so+0x6f1c2]  os::malloc(unsigned long)+0x42"
expect 1 crashed_in_allocator "# C  [libc.so.6+0x9a3c2]  my_libc_free_wrapper+0x72"
# A frame the crash report could not name (glibc's internal functions have no dynamic symbol) is
# resolved against this machine's glibc with its debug symbols (libc6-dbg, which .ci/run installs).
libc=$(libc_path)
address() { gdb -batch -ex "info address $1" "$libc" 2> /dev/null | sed -nE 's/.* (0x[0-9a-f]+)[ .].*/\1/p'; }
int_free=$(address _int_free)
if [ -n "$int_free" ] && command -v gdb > /dev/null; then
  expect 0 crashed_in_allocator "$frame
# C  [libc.so.6+$(printf '0x%x' $((int_free + 0x607)))]"
  expect 1 crashed_in_allocator "# C  [libc.so.6+$(printf '0x%x' $(($(address timer_settime) + 0x10)))]"
  expect 1 crashed_in_allocator "# C  [libquell_vst3.so+$(printf '0x%x' $((int_free + 0x607)))]"
else
  echo "glibc_heap_test: no glibc debug symbols (libc6-dbg) or no gdb: unnamed glibc frames not checked"
fi
lock='Thread 3 (LWP 4242):
#0  0x00007f3c in __lll_lock_wait_private (futex=0x7f3c) at ./nptl/lowlevellock.c:34'
expect 0 waits_on_allocator_lock "$lock
#1  0x00007f3d in __GI___libc_malloc (bytes=16) at ./malloc/malloc.c:3301"
expect 0 waits_on_allocator_lock "$lock
#1  0x00007f3d in _int_free (av=0x7f3e, p=0x7f3f, have_lock=0) at ./malloc/malloc.c:4360"
expect 0 waits_on_allocator_lock "$lock
#1  0x00007f3d in tcache_init () at ./malloc/malloc.c:3245"
expect 1 waits_on_allocator_lock "$lock
#1  0x00007f3d in _IO_flush_all () at ./libio/genops.c:736"
expect 1 waits_on_allocator_lock "#0  0x00007f3c in __futex_abstimed_wait_common64 () at ./nptl/futex-internal.c:57
#1  0x00007f3d in __GI___libc_malloc (bytes=16) at ./malloc/malloc.c:3301"
if waits_on_allocator_lock "$dir/absent.stacks"; then
  echo "glibc_heap_test: waits_on_allocator_lock matched a file that does not exist" >&2
  failures=$((failures + 1))
fi
if [ "$failures" -gt 0 ]; then
  echo "glibc_heap_test: $failures case(s) failed" >&2
  exit 1
fi
echo "glibc_heap_test: all cases hold"
