#!/usr/bin/env bash
# Runs every fuzz target in fuzzing mode: the four Jazzer targets (audio readers, plugin state,
# model files, presets; 30 s each by their @FuzzTest(maxDuration)) and the libFuzzer target of the
# C state reader (native/fuzz/run.sh). After `mvn install -DskipTests` (the C target needs clang).
#   tools/fuzz.sh            one round: about 3 minutes (what CI runs)
#   tools/fuzz.sh 20         20 rounds (about an hour; each round resumes from the corpus the
#                            earlier ones grew, in <module>/.cifuzz-corpus and native/target/fuzz)
# A finding fails the run and is written next to the target's seeds (crash-*): fix it and keep
# the input there, renamed regression-*, as the test of the fix (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-1}"
targets=("dsp AudioReaderFuzzTest" "plugin EngineStateFuzzTest" "nn ModelFileFuzzTest" "presets PresetCodecFuzzTest")
for ((r = 1; r <= rounds; r++)); do
  for t in "${targets[@]}"; do
    set -- $t
    echo "fuzz: round $r, $2 (module $1)"
    # A hang is a finding too: Jazzer's JUnit mode has no per-input timeout here, so the whole
    # target gets 5 minutes (30 s of fuzzing plus start-up); the audio target leaves the input it
    # was reading in target/fuzz-input, kept next to the seeds as hang-*.
    rc=0
    JAZZER_FUZZ=1 timeout 300 mvn -B -q -o test -pl "$1" -Dtest="$2" -Dsurefire.failIfNoSpecifiedTests=false || rc=$?
    if [ "$rc" = 124 ]; then
      pkill -f "surefire.*$1/target" || true
      seeds=$(find "$1/src/test/resources" -type d -path "*${2}Inputs/*" | head -n 1)
      for f in "$1"/target/fuzz-input/input.*; do
        [ -f "$f" ] && cp "$f" "$seeds/hang-$(date +%s)-${f##*.}"
      done
      echo "fuzz: $2 hung; its last inputs are in $seeds/hang-*" >&2
      exit 1
    fi
    [ "$rc" = 0 ] || exit "$rc"
  done
  native/fuzz/run.sh 30
done
