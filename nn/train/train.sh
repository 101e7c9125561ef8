#!/usr/bin/env bash
# Long-running training driver (not part of the build or CI). Run from the repository root after
# `mvn -q install -DskipTests`:
#   nn/train/train.sh shards DATA_DIRS SHARD_DIR FIRST COUNT [RECIPE]   # generate training shards (resumable;
#                                    RECIPE: MixtureGenerator recipe, default the latest)
#   nn/train/train.sh train SHARD_DIR WORK_DIR TOTAL_STEPS [key=value ...]   # train (resumable)
#   nn/train/train.sh heldout DATA_DIRS OUT_DIR [PER_CORPUS]   # held-out voices as clean utterances
#   nn/train/train.sh unseen HELD_OUT_VOICE_DIR DEV_PAIRS OUT_DIR  # the dev noises on held-out voices (second dev set)
#   nn/train/train.sh catalogue CACHE   # the Debian catalogue's manifest (fetch-debian-audio.sh calls it)
#   nn/train/train.sh freeze DIR     # copy the class path (classes and jars) to DIR; with QUELL_CLASSPATH=DIR
#                                    # the other commands run from that copy, which a later build leaves alone
# DATA_DIRS: data folders with a manifest.csv each, separated by ':' (the pack and the Debian catalogue).
# Both steps can be stopped at any time and re-run with the same arguments to continue.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp_file="$here/target/classpath.txt"
if [[ -n "${QUELL_CLASSPATH:-}" ]]; then
  [[ -d "$QUELL_CLASSPATH/classes" ]] || { echo "$0: QUELL_CLASSPATH=$QUELL_CLASSPATH holds no frozen class path (train.sh freeze)" >&2; exit 2; }
  cp="$QUELL_CLASSPATH/classes:$(find "$QUELL_CLASSPATH/jars" -name '*.jar' | sort | tr '\n' ':')"
else
  if [[ ! -f "$cp_file" || "$here/pom.xml" -nt "$cp_file" ]]; then
    (cd "$here" && mvn -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
  fi
  cp="$here/target/classes:$(cat "$cp_file")"
fi
java_opts=(--add-modules jdk.incubator.vector -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
# The shard generator keeps the decoded corpus in its heap (TrainingCorpus): 12 GB holds the pack and
# the Debian catalogue; with two generators beside a training run, give each QUELL_SHARDS_HEAP=6g.
shards_heap="${QUELL_SHARDS_HEAP:-12g}"
cmd="${1:-}"; shift || true
case "$cmd" in
  shards) exec java -Xmx"$shards_heap" "${java_opts[@]}" -cp "$cp" dev.quell.train.MakeShards "$1" "$2" "$3" "$4" 64 4 2 ${5:-} ;;
  train)  exec java -Xmx8g "${java_opts[@]}" -cp "$cp" dev.quell.train.Train "$@" ;;
  heldout) exec java -Xmx8g "${java_opts[@]}" -cp "$cp" dev.quell.train.HeldOutSet "$@" ;;
  catalogue) exec java "${java_opts[@]}" -cp "$cp" dev.quell.train.DebianAudioCatalogue "$@" ;;
  freeze)
    [[ -d "$here/target/classes" ]] || { echo "$0: build first (mvn -q install -DskipTests)" >&2; exit 2; }
    [[ -n "${QUELL_CLASSPATH:-}" ]] && { echo "$0: freeze copies the build's class path; unset QUELL_CLASSPATH" >&2; exit 2; }
    out="$1"; tmp="$out.tmp.$$"
    [[ -e "$out" ]] && { echo "$0: $out exists; freeze into a new folder" >&2; exit 2; }
    mkdir -p "$tmp/jars" && cp -r "$here/target/classes" "$tmp/classes"
    { tr ':' '\n' < "$cp_file"; echo; } | while read -r jar; do
      [[ -z "$jar" ]] && continue
      name="$(basename "$jar")"
      if [[ -e "$tmp/jars/$name" ]]; then
        echo "$0: two jars on the class path are named $name; freeze cannot keep both" >&2
        rm -rf "$tmp"; exit 2
      fi
      cp "$jar" "$tmp/jars/"
    done
    mv "$tmp" "$out" ;;
  unseen) exec java -Xmx8g "${java_opts[@]}" -cp "$cp" dev.quell.train.UnseenVoicePairs "$@" ;;
  *) echo "usage: $0 shards DATA_DIRS SHARDS FIRST COUNT [RECIPE] | train SHARDS WORK STEPS [key=value ...] | heldout DATA_DIRS OUT [N] | catalogue CACHE | unseen HELD DEV OUT | freeze DIR" >&2; exit 2 ;;
esac
