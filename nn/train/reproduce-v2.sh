#!/usr/bin/env bash
# Reproduces the shipped model (model v2, plugin/src/main/resources/dev/quell/plugin/model/default.qnn)
# from its inputs and checks it bit for bit. Run from the repository root after
# `mvn -q install -DskipTests`:
#   nn/train/reproduce-v2.sh CACHE
# CACHE: a folder outside the repository (created; about 12 GB with the shards). Model v2 is the
# committed soup nn/train/checkpoints/f15soup (step 71,000: the mean of run f15's checkpoints
# 70,100-71,000; docs/training.md, Status) annealed to step 72,000 with run f15's options
# (nn/train/f15.options) at lr 3e-5 falling to 1e-6, on the recipe-2 shards 0-119 and the
# recipe-15 shards 2000-2079. In order, each step skipping what is already done:
#   1. a frozen copy of this checkout's class path (CACHE/classpath-v2, made afresh at every start);
#   2. the shards in CACHE/s15-shards (the folder continue-s15.sh fills): recipe 2 from the data
#      pack, recipe 15 from the data pack and the Debian catalogue (CACHE/debian-audio, made by
#      fetch-debian-audio.sh), linked into CACHE/f15-shards;
#   3. the anneal in CACHE/v2-reproduced, started again from the soup when it is not complete
#      (a cosine run cannot resume on its curve), one PyTorch thread (about 20-35 minutes);
#   4. its model file against the shipped one: exit 0 when they are the same bytes, 1 when not.
# The mixtures are deterministic per recipe and seed, but recipe 15 draws from the Debian packages
# of the day; shards made from other package versions give a different model (step 4 says so).
# Logs: CACHE/logs.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 CACHE" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="$(mkdir -p "$1" && cd "$1" && pwd)"
soup="$here/checkpoints/f15soup"
shipped="$repo/plugin/src/main/resources/dev/quell/plugin/model/default.qnn"
target_step=72000
shards="$cache/s15-shards" links="$cache/f15-shards" work="$cache/v2-reproduced" logs="$cache/logs"
mkdir -p "$shards" "$links" "$logs"
cd "$repo"

if pgrep -f "dev.quell.train.Train $links $work " > /dev/null; then
  echo "$0: a training of $work is running already; stop it first" >&2
  exit 2
fi
rm -rf "$cache/classpath-v2"
nn/train/train.sh freeze "$cache/classpath-v2"
export QUELL_CLASSPATH="$cache/classpath-v2"

shard() { printf '%s/shard-L2-%05d.bin' "$shards" "$1"; }
missing() { # FIRST COUNT: true when a shard of that range is missing
  local k
  for ((k = $1; k < $1 + $2; k++)); do [[ -f "$(shard "$k")" ]] || return 0; done
  return 1
}
if missing 0 120; then
  echo "making the recipe-2 shards 0-119 (log: $logs/shards-r2.log)"
  nice nn/train/train.sh shards ../shared/data "$shards" 0 120 2 > "$logs/shards-r2.log" 2>&1
fi
if missing 2000 80; then
  if [[ ! -f "$cache/debian-audio/manifest.csv" ]]; then
    echo "fetching the Debian catalogue (log: $logs/fetch.log)"
    nice nn/train/fetch-debian-audio.sh "$cache/debian-audio" > "$logs/fetch.log" 2>&1
  fi
  echo "making the recipe-15 shards 2000-2079 (log: $logs/shards-r15.log)"
  nice nn/train/train.sh shards "../shared/data:$cache/debian-audio" "$shards" 2000 80 15 \
    > "$logs/shards-r15.log" 2>&1
fi
for k in $(seq 0 119) $(seq 2000 2079); do
  ln -sf "$(shard "$k")" "$links/"
done

step_of() { sed -n 's/^step=//p' "$1/state.properties" 2>/dev/null || true; }
if [[ "$(step_of "$work")" != "$target_step" || ! -f "$work/model.qnn" ]]; then
  rm -rf "$work"
  mkdir -p "$work"
  cp "$soup"/{checkpoint.params,state.properties,norm.bin,loss.csv,dev.csv} "$work/"
  mapfile -t options < <(grep -v '^#' "$here/f15.options")
  options=("${options[@]/#lr=*/lr=3e-5}")
  echo "annealing $soup from step $(step_of "$work") to $target_step in $work (log: $logs/v2-reproduced.log)"
  OMP_NUM_THREADS=1 JAVA_TOOL_OPTIONS=-Dai.djl.pytorch.num_threads=1 nice -n 5 \
    nn/train/train.sh train "$links" "$work" "$target_step" "${options[@]}" lrfinal=1e-6 \
    > "$logs/v2-reproduced.log" 2>&1
fi

if cmp -s "$work/model.qnn" "$shipped"; then
  echo "reproduced: $work/model.qnn is the shipped model, byte for byte"
else
  echo "$0: $work/model.qnn differs from the shipped $shipped" >&2
  exit 1
fi
