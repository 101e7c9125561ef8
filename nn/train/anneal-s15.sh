#!/usr/bin/env bash
# Branches run s15 at its latest checkpoint and anneals the branch: the learning rate falls from
# s15's lr to LRFINAL by half a cosine over STEPS steps (Train's lrfinal option; docs/training.md).
# Run from the repository root, on a cache that continue-s15.sh has set up:
#   nn/train/anneal-s15.sh CACHE STEPS [LRFINAL]
# The branch folder is CACHE/s15cos-FROM (FROM: s15's step when branched); its model.qnn is the
# annealed model once the run ends. A cosine run cannot be resumed on its curve (Adam's moments are
# not kept), so an existing branch folder is refused rather than continued. While s15 trains, the
# branch is taken right after s15 writes its next checkpoint (its files then agree), and both run
# side by side on one PyTorch thread each (pause the shard generator: kill -STOP). The branch uses
# s15's shard folder and the class path continue-s15.sh froze (CACHE/classpath).
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 CACHE STEPS [LRFINAL]" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
[[ -d "$1/s15" && -d "$1/classpath" ]] || { echo "$0: $1 holds no s15 run or frozen class path; run continue-s15.sh first" >&2; exit 2; }
cache="$(cd "$1" && pwd)"
steps="$2" lrfinal="${3:-1e-6}"
[[ "$steps" =~ ^[1-9][0-9]*$ ]] || { echo "$0: STEPS must be a positive whole number, not '$steps'" >&2; exit 2; }
work="$cache/s15" shards="$cache/s15-shards"
step_of() { sed -n 's/^step=//p' "$1/state.properties" 2>/dev/null || true; }
[[ -n "$(step_of "$work")" ]] || { echo "$0: $work has no checkpoint yet" >&2; exit 2; }
cd "$repo"

if pgrep -f "dev.quell.train.Train $shards $work " > /dev/null; then
  last="$(tail -n 1 "$work/dev.csv")"
  echo "s15 is training: waiting for its next checkpoint"
  while [[ "$(tail -n 1 "$work/dev.csv")" == "$last" ]]; do sleep 5; done
fi
from="$(step_of "$work")"
branch="$cache/s15cos-$from"
[[ -e "$branch" ]] && { echo "$0: $branch exists; delete it to anneal from step $from again" >&2; exit 2; }
mkdir -p "$branch.tmp"
cp "$work"/{checkpoint.params,state.properties,norm.bin,loss.csv,dev.csv} "$branch.tmp/"
[[ "$(step_of "$branch.tmp")" == "$from" ]] || { echo "$0: s15 wrote a checkpoint while it was copied; run again" >&2; rm -rf "$branch.tmp"; exit 1; }
mv "$branch.tmp" "$branch"

mapfile -t options < <(grep -v '^#' "$here/s15.options")
echo "annealing s15 from step $from to $((from + steps)) in $branch (log: $branch/train.log)"
QUELL_CLASSPATH="$cache/classpath" OMP_NUM_THREADS=1 JAVA_TOOL_OPTIONS=-Dai.djl.pytorch.num_threads=1 nice -n 5 \
  nn/train/train.sh train "$shards" "$branch" "$((from + steps))" "${options[@]}" lrfinal="$lrfinal" \
  > "$branch/train.log" 2>&1
echo "annealed model: $branch/model.qnn (step $(step_of "$branch"))"
