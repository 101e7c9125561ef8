#!/usr/bin/env bash
# Continues run s15 (the model-v2 candidate, docs/training.md "Status") on any machine from its
# committed checkpoint, rebuilding whatever the machine lacks. Run from the repository root after
# `mvn -q install -DskipTests`:
#   nn/train/continue-s15.sh CACHE [MINUTES]
# CACHE: a folder outside the repository (created; about 12 GB). MINUTES: training wall time
# (default: until stopped). Every step skips what is already done, so the command can be stopped
# and run again at any time. In order:
#   1. a frozen copy of this checkout's class path (CACHE/classpath, made afresh at every start), so
#      that the jobs run the code of the commit checked out and a later build does not disturb them;
#   2. the Debian catalogue (CACHE/debian-audio) beside the recipe-2 shards 0-119 (CACHE/s15-shards);
#   3. the run folder CACHE/s15, from nn/train/checkpoints/s15 when it has no checkpoint or an older one;
#   4. training (the options in nn/train/s15.options), one PyTorch thread, as soon as the recipe-2
#      shards 0-3 exist (the norm file's shards);
#   5. once the catalogue is complete: the recipe-15 shards 2000-2079, then shards from 3000 on,
#      which the run picks up at its checkpoints, until the training stops.
# Logs: CACHE/logs. Copy CACHE/s15/{checkpoint.params,state.properties,norm.bin,loss.csv,dev.csv}
# back to nn/train/checkpoints/s15 and commit them before the machine goes.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 CACHE [MINUTES]" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="$(mkdir -p "$1" && cd "$1" && pwd)"
minutes="${2:-1e9}"
committed="$here/checkpoints/s15"
work="$cache/s15" shards="$cache/s15-shards" logs="$cache/logs"
mkdir -p "$work" "$shards" "$logs"
cd "$repo"

if pgrep -f "dev.quell.train.Train $shards $work " > /dev/null; then
  echo "$0: a training of $work is running already; stop it first" >&2
  exit 2
fi
rm -rf "$cache/classpath.old"
[[ -d "$cache/classpath" ]] && mv "$cache/classpath" "$cache/classpath.old"
nn/train/train.sh freeze "$cache/classpath"
rm -rf "$cache/classpath.old"
export QUELL_CLASSPATH="$cache/classpath"

step_of() { sed -n 's/^step=//p' "$1/state.properties" 2>/dev/null || true; }
if [[ "$(step_of "$work")" == "" || "$(step_of "$work")" -lt "$(step_of "$committed")" ]]; then
  cp "$committed"/{checkpoint.params,state.properties,norm.bin,loss.csv,dev.csv} "$work/"
  echo "run folder $work from the committed checkpoint at step $(step_of "$work")"
fi

nice nn/train/fetch-debian-audio.sh "$cache/debian-audio" > "$logs/fetch.log" 2>&1 &
fetch=$!
nice nn/train/train.sh shards ../shared/data "$shards" 0 120 2 > "$logs/shards-r2.log" 2>&1 &
recipe2=$!
until [[ -f "$shards/shard-L2-00003.bin" ]]; do
  kill -0 "$recipe2" 2>/dev/null || { echo "recipe-2 shards failed: $logs/shards-r2.log" >&2; exit 1; }
  sleep 10
done

mapfile -t options < <(grep -v '^#' "$here/s15.options")
OMP_NUM_THREADS=1 JAVA_TOOL_OPTIONS=-Dai.djl.pytorch.num_threads=1 nice -n 5 \
  nn/train/train.sh train "$shards" "$work" 200000 "${options[@]}" minutes="$minutes" > "$logs/train.log" 2>&1 &
trainer=$!
echo "training (pid $trainer): $logs/train.log, $work/loss.csv, $work/dev.csv"

(
  while kill -0 "$fetch" 2>/dev/null; do sleep 10; done
  [[ -f "$cache/debian-audio/manifest.csv" ]] || { echo "Debian catalogue failed: $logs/fetch.log" >&2; exit 1; }
  data=../shared/data:$cache/debian-audio
  nice nn/train/train.sh shards "$data" "$shards" 2000 80 15 &&
    nice nn/train/train.sh shards "$data" "$shards" 3000 2000 15
) > "$logs/shards-r15.log" 2>&1 &
recipe15=$!

status=0
wait "$trainer" || status=$?
# the generators end with the training: their children are the shard makers' JVMs
pkill -P "$recipe15" 2>/dev/null || true
pkill -P "$fetch" 2>/dev/null || true
kill "$recipe15" "$recipe2" "$fetch" 2>/dev/null || true
pkill -f "MakeShards .*$shards" 2>/dev/null || true
echo "training stopped (exit $status) at step $(step_of "$work")"
exit "$status"
