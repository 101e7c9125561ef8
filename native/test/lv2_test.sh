#!/usr/bin/env bash
# LV2 through a real third-party host: lv2apply (lilv-utils) renders a WAV through quell.lv2
# (mono and stereo), and the result must match `quell enhance` of the same file, after the
# plugin's latency, within -60 dB; first the bundle's Turtle against the LV2 schemas. lv2apply runs
# under glibc's heap checker (libc_malloc_debug with MALLOC_CHECK_=3, freed memory filled by
# MALLOC_PERTURB_), so a double free or a write past a block in the plugin's instantiate, run or
# cleanup aborts the run and fails the test. Usage: lv2_test.sh BUNDLES_DIR TOOLS_DIR CLI_CLASSPATH
set -euo pipefail
bundles="$1"; tools="$2"; cli_cp="$3"
command -v lv2apply >/dev/null || { echo "lv2_test: lv2apply not found (apt-get install lilv-utils)" >&2; exit 1; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# the generated data against the LV2 schemas (lv2_validate, lilv-utils/sordi): a schema error fails here
if command -v lv2_validate >/dev/null && command -v sord_validate >/dev/null; then
  lv2_validate "$bundles"/lv2/quell.lv2/*.ttl
fi
cp_jars="$bundles/lv2/quell.lv2/lib/*:$cli_cp"
heap_check=$(ls /usr/lib/*/libc_malloc_debug.so.0 /lib/*/libc_malloc_debug.so.0 2>/dev/null | head -n 1 || true)
[[ -n "$heap_check" ]] || { echo "lv2_test: glibc's libc_malloc_debug.so.0 not found (libc6)" >&2; exit 1; }
for variant in mono:1 stereo:2; do
  name="${variant%%:*}"; ch="${variant##*:}"
  "$tools/quell_wavgen" "$work/in-$name.wav" 48000 "$ch" 3
  LD_PRELOAD="$heap_check" MALLOC_CHECK_=3 MALLOC_PERTURB_=165 LV2_PATH="$bundles/lv2" lv2apply -i "$work/in-$name.wav" -o "$work/lv2-$name.wav" \
      -c post_filter 80 -c lookahead 20 -c attenuation_limit 100 "https://quell.dev/lv2/quell-$name"
  java="${QUELL_JAVA_HOME:+$QUELL_JAVA_HOME/bin/}java"
  summary="$("$java" --add-modules jdk.incubator.vector -cp "$cp_jars" dev.quell.cli.QuellCli enhance \
      "$work/in-$name.wav" -o "$work/cli-$name.wav" --format float --post-filter 80 --lookahead-ms 20 2>/dev/null)"
  latency="$(sed -n 's/.*plugin latency \([0-9]*\) samples.*/\1/p' <<<"$summary")"
  [[ -n "$latency" ]] || { echo "lv2_test: no latency in: $summary" >&2; exit 1; }
  echo "lv2_test $name: lv2apply vs quell enhance, plugin latency $latency samples"
  "$tools/quell_wavcmp" "$work/cli-$name.wav" "$work/lv2-$name.wav" "$latency" -60
done
echo "lv2_test: PASSED"
