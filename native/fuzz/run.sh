#!/usr/bin/env bash
# Fuzzes the shim's state reader and parameter-text parser with libFuzzer + AddressSanitizer + UndefinedBehaviorSanitizer.
#   native/fuzz/run.sh [SECONDS]     (default 30; CI runs 30, a long run is e.g. 600)
# Needs clang (Debian: apt-get install clang). Builds into native/target/fuzz; the seeds are
# native/fuzz/seeds/state (committed); new inputs found go to native/target/fuzz/corpus, crashes
# to native/target/fuzz/crash-* (keep each as a seed with its fix).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-30}"
out="$here/../target/fuzz"
gen="$here/../target/generated/include"
if [[ ! -f "$gen/quell_params.h" ]]; then
  echo "fuzz: $gen/quell_params.h missing: build the native module first (mvn -q package -pl native -am)" >&2
  exit 2
fi
mkdir -p "$out/corpus"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
src="$here/../src"
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I "$src" -I "$gen" \
  -I "$java_home/include" -I "$java_home/include/linux" \
  "$here/state_fuzz.c" "$src/quell_state.c" "$src/quell_core.c" "$src/quell_jvm.c" "$src/quell_java_home.c" \
  "$src/quell_quiet.c" -ldl -lpthread -lm -o "$out/state_fuzz"
cd "$out"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ./state_fuzz -max_total_time="$seconds" -max_len=4096 -timeout=5 \
  -print_final_stats=1 corpus "$here/seeds/state" 2>&1 | tail -n 25
