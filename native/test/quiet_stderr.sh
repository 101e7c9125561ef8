#!/usr/bin/env bash
# Runs a host test and fails if the plugin let the JVM's chatter into the host's stderr: the
# incubator-module warning, or a Java stack trace ("Exception in thread", "\tat ...").
set -uo pipefail
err=$(mktemp)
"$@" 2> >(tee "$err" >&2)
rc=$?
sleep 0.2 # let tee finish
if grep -nE 'WARNING: Using incubator modules|Exception in thread|^[[:space:]]+at [a-z]+\.' "$err" >&2; then
  echo "quiet_stderr: the lines above reached the host's stderr" >&2
  rc=1
fi
rm -f "$err"
exit $rc
