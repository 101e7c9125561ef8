# Sourced by ardour_test.sh: how a log shows that glibc's heap, not Quell, stopped a host run.
# Ardour 7.3's luasession damages glibc's heap now and then (ardour_test.sh, run_lua); the damage
# surfaces as a JVM fatal error whose problematic frame is in glibc's allocator (named in the
# report, or an unnamed glibc offset that glibc's debug symbols resolve to it), or as a hang with
# a thread waiting on the allocator's lock. Tested by glibc_heap_test.sh.

# glibc's allocator functions, as a JVM crash report and gdb name them (gdb prefixes the public
# ones with __GI___, a crash report with __).
glibc_allocator='(libc_free|libc_malloc|libc_realloc|libc_calloc|_int_free|_int_malloc|_int_realloc|malloc_consolidate|unlink_chunk|tcache_init|arena_get2)'
# A native frame of a JVM crash report (hs_err, "# C  [lib+offset]  function+offset") in glibc's allocator.
glibc_heap_frame="^# C  \\[libc\\.so\\.6\\+0x[0-9a-f]+\\]  _*${glibc_allocator}[+.]"
# A frame of gdb's "thread apply all bt" in glibc's allocator ("#N  0x... in function (args)").
allocator_wait=" in [_A-Za-z]*${glibc_allocator} "

# A native frame in glibc that the crash report could not name: glibc's internal functions
# (_int_free, _int_malloc, ...) have no dynamic symbol, so the report shows the offset alone.
glibc_unnamed_frame='^# C  \[libc\.so\.6\+(0x[0-9a-f]+)\] *$'

crashed_in_allocator() { # LOG: the JVM crash report in LOG names glibc's allocator as the problematic frame
  grep -qE "$glibc_heap_frame" "$1" && return 0
  local offset
  offset=$(sed -nE "s/${glibc_unnamed_frame}/\1/p" "$1" | head -n 1)
  [ -n "$offset" ] && libc_symbol "$offset" | grep -qE "^_*${glibc_allocator}[ +.]"
}

libc_symbol() { # OFFSET: the function of this machine's glibc at OFFSET, as gdb names it from glibc's
  # debug symbols (package libc6-dbg); nothing when gdb, the library or the symbols are missing
  local libc
  libc=$(libc_path)
  [ -n "$libc" ] && command -v gdb > /dev/null 2>&1 || return 0
  gdb -batch -ex "info symbol $1" "$libc" 2> /dev/null | grep -E ' in section \.text' || true
}

libc_path() { # the path of this machine's 64-bit glibc (libc.so.6) as the dynamic linker finds it;
  # nothing when ldconfig does not list it
  ldconfig -p 2> /dev/null | sed -nE 's/.*libc\.so\.6 \(libc6,x86-64\) => (.*)/\1/p' | head -n 1
}

waits_on_allocator_lock() { # STACKS: gdb's stacks show a thread waiting on glibc's allocator lock
  [ -f "$1" ] && grep -q '__lll_lock_wait_private' "$1" && grep -qE "$allocator_wait" "$1"
}
