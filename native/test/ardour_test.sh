#!/usr/bin/env bash
# Quell in a real host: headless Ardour 7 (Debian's ardour package, its Lua session tool) renders
# a noisy recording through the LV2 and the VST3 plugin. For each format it checks that Ardour
# reports the plugin's latency, that its export (which compensates the latency) lines up with
# `quell enhance` of the same input (the closest of 48 references: after 0 or 1 s of silence, at
# 24 phases of the hop grid) at lag 0 and is the enhanced signal (much closer to it than to the
# input), that every factory preset loads without blocking the host, and that moving the
# look-ahead while the transport rolls moves Ardour's latency with it.
#   native/test/ardour_test.sh            after `mvn package` (bundles in native/target/bundles)
# Q_HANG_SECONDS (default 300) is how long one Ardour run may take before it counts as hung.
# Needs ardour (ardour7-lua), sox, gdb (the stacks of a hung run); a temporary HOME keeps Ardour's configuration and VST3 cache
# out of the user's. Exit 0 when every check passed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
lua=$(command -v ardour7-lua || true)
[ -n "$lua" ] || { echo "ardour_test: ardour7-lua not found (apt-get install ardour)" >&2; exit 1; }
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export HOME=$work/home
mkdir -p "$HOME/.vst3"
ln -s "$root/native/target/bundles/vst3/Quell.vst3" "$HOME/.vst3/Quell.vst3"
export LV2_PATH=$root/native/target/bundles/lv2
export QUELL_JAVA_HOME=${QUELL_JAVA_HOME:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
fail() { echo "ardour_test: FAILED: $*" >&2; exit 1; }
# Runs an Ardour Lua script into a log. Ardour 7.3's luasession itself dies of a glibc heap check
# (SIGABRT, "corrupted size vs. prev_size", "double free or corruption") in about 1 of 10 runs,
# also with only Ardour's own a-comp plugin loaded (docs/plugin.md); such a run is retried, at
# most five times, and said. The same heap damage can instead fault inside glibc's free or
# malloc, which the JVM's signal handler then reports as its fatal error: that is retried too, but
# only when the report's problematic frame is glibc's allocator (any other JVM fatal error, in
# Quell's shim, the JVM or Java code, fails the test at once; the shim's own lifecycle runs under
# glibc's heap checker in lv2_test.sh). Any other failure is the test's to judge from the log;
# lua_rc keeps the last exit status (124: hung past hang_seconds; 128+N: signal N) for the failure
# message. A third argument names a folder the script creates, removed before each attempt; with a
# fourth, the folder is instead a fresh copy of that one at each attempt (an aborted attempt may
# have written into its session or its export).
#
# A run that hangs past hang_seconds is killed (lua_rc 124), and first every thread's stack is written to
# LOG.stacks with gdb. The same heap damage can leave a thread waiting for ever on glibc's
# allocator lock (seen once in CI, session 49: the LV2 run hung in its final stop and
# close_session after every check had passed); such a run is retried like an abort, but only when
# a stack shows that wait. Any other hang, Quell's shim or the JVM included, fails the test with
# the stacks printed.
lua_rc=0
hang_seconds=${Q_HANG_SECONDS:-300}
. "$root/native/test/glibc_heap.sh"
run_watched() { # LOG SCRIPT: runs the Lua script, at most hang_seconds; sets lua_rc
  local log=$1 script=$2 pid waited=0
  "$lua" "$script" > "$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2> /dev/null && [ "$waited" -lt "$hang_seconds" ]; do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2> /dev/null; then
    timeout 120 gdb -p "$pid" -batch -ex 'thread apply all bt' > "$log.stacks" 2>&1 || true
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    lua_rc=124
  else
    wait "$pid" || lua_rc=$?
  fi
}
run_lua() {
  local log=$1 script=$2 fresh=${3:-} template=${4:-} attempt
  for attempt in 1 2 3 4 5 6; do
    lua_rc=0
    rm -f "$log.stacks"
    [ -z "$fresh" ] || rm -rf "$fresh"
    [ -z "$template" ] || cp -r "$template" "$fresh"
    run_watched "$log" "$script"
    if [ "$lua_rc" = 124 ]; then
      if waits_on_allocator_lock "$log.stacks"; then
        echo "ardour_test: luasession hung on glibc's allocator lock (attempt $attempt): $(grep -m 1 -E "$allocator_wait" "$log.stacks")"
        continue
      fi
      echo "ardour_test: luasession hung for $hang_seconds s; every thread's stack:" >&2
      cat "$log.stacks" >&2 2> /dev/null || echo "  (gdb could not attach)" >&2
      return 0
    fi
    [ "$lua_rc" = 134 ] || return 0
    if grep -q "A fatal error has been detected by the Java Runtime Environment" "$log" \
        && ! crashed_in_allocator "$log"; then
      return 0
    fi
    echo "ardour_test: luasession aborted (attempt $attempt): $(grep -m 1 -E 'free|corrupt|malloc' "$log" || echo SIGABRT)"
  done
}

# Ardour lists a VST3 only after its scanner has written the plugin's cache entry.
LD_LIBRARY_PATH=/usr/lib/ardour7 timeout 120 /usr/lib/ardour7/ardour-vst3-scanner "$HOME/.vst3/Quell.vst3" > "$work/scan.log" 2>&1 \
  || { cat "$work/scan.log"; fail "the VST3 scanner"; }

# The session, with a 4-second take whose audio becomes the noisy test signal.
Q_SESSION=$work/session Q_SECONDS=4 run_lua "$work/record.log" native/test/ardour/record.lua "$work/session"
grep -q "QUELL-ARDOUR recorded" "$work/record.log" \
  || { cat "$work/record.log"; fail "recording the session's take (luasession exit status $lua_rc)"; }
take=$(ls "$work"/session/interchange/*/audiofiles/*.wav | head -n 1)
frames=$(soxi -s "$take")
demo=validation/src/main/resources/dev/quell/validation/demo
sox -m -v 1 "$demo/speech-lj003.flac" -v 6 "$demo/noise-fireplace.flac" -c 1 -b 32 -e floating-point "$work/noisy.wav" \
  rate -v 48000 trim 0 "${frames}s" 2> /dev/null
[ "$(soxi -s "$work/noisy.wav")" = "$frames" ] || fail "the noisy signal is not $frames samples"
cp "$work/noisy.wav" "$take"
# The references: `quell enhance` of the input after 0 or 1 s of silence (the host runs the plugin
# on silence from the insert to the export), started at 24 phases of the engine's 10 ms hop grid
# (every 20 samples; where the host's stream meets the grid depends on that wall-clock time). A
# frame-based enhancer's output depends on both: on this input, model v2 through `quell enhance`
# after 1 s of silence differs from itself without it by residuals of -13.7 to -25 dB over the
# phases. Each export is compared with the closest reference (one `quell compare` over all 48).
mkdir -p "$work/phases" "$work/refs"
starts=()
for pre in 0 48000; do
  for k in $(seq 0 23); do
    start=$((pre + k * 20))
    starts+=("$start")
    sox "$work/noisy.wav" "$work/phases/s$start.wav" pad "${start}s" 0 2> /dev/null
  done
done
./quell enhance "$work/phases" -o "$work/refs/" --quiet 2> /dev/null
for start in "${starts[@]}"; do
  sox "$work/refs/s$start.wav" "$work/refs/t$start.wav" trim "${start}s" 2> /dev/null
done

# "label=attenuation limit" of each factory preset, from `quell presets`
presets=$(./quell presets 2> /dev/null | sed -n '/^Factory presets:/,/^User presets/p' | grep -E '^  [^ ]' \
  | sed -E 's/^  (.*) — .*attenuation limit ([0-9.]+) dB.*/\1=\2/' | paste -sd ';')
[ -n "$presets" ] || fail "no factory presets listed by quell presets"

for spec in "lv2 https://quell.dev/lv2/quell-mono" "vst3 5175656C6C44656E6F69736572465831"; do
  set -- $spec
  echo "ardour_test: $1"
  Q_SESSION=$work/session-$1 Q_FORMAT=$1 Q_ID=$2 Q_OUT=$work/session-$1/export Q_PRESETS=$presets \
    Q_LATENCY=1919 Q_LATENCY10=1439 Q_LATENCY0=959 \
    run_lua "$work/render-$1.log" native/test/ardour/render.lua "$work/session-$1" "$work/session"
  grep "QUELL-ARDOUR" "$work/render-$1.log" | sed 's/^/  /'
  grep -q "QUELL-ARDOUR OK" "$work/render-$1.log" \
    || { grep -v "QUELL-ARDOUR" "$work/render-$1.log" | tail -n 20; fail "$1: Ardour session run (luasession exit status $lua_rc)"; }
  render=$work/session-$1/export/render-$1.wav
  [ -f "$render" ] || fail "$1: no export"
  refs=()
  for start in "${starts[@]}"; do refs+=("$work/refs/t$start.wav"); done
  vs_ref=$(./quell compare "${refs[@]}" "$render" 2> /dev/null) || fail "$1: quell compare of the export with the references failed"
  vs_in=$(./quell compare "$work/noisy.wav" "$render" 2> /dev/null) || fail "$1: quell compare of the export with the input failed"
  read -r _ lag _ _ _ res _ _ _ closest <<< "$vs_ref"
  closest=$(basename "$closest" .wav)
  echo "  against quell enhance: ${vs_ref% reference *} (closest reference: started ${closest#t} samples late)"
  echo "  against the input:     $vs_in"
  read -r _ _ _ _ _ res_in _ _ <<< "$vs_in"
  [ "$lag" = 0 ] || fail "$1: the export is $lag samples off quell enhance (latency not compensated)"
  awk -v r="$res" -v i="$res_in" 'BEGIN { exit !(r <= -12 && r <= i - 4) }' \
    || fail "$1: the export is not the enhanced signal (residual $res dB against quell enhance, $res_in dB against the input)"
done
echo "ardour_test: PASSED"
