#!/usr/bin/env bash
# Installs the Debian package on this machine (root) and checks that it works without any Java on
# PATH: `quell --help`, `quell enhance` of a generated file, and the LV2 bundle listed by lv2ls.
# Then removes it again. Usage: packaging/deb/test-deb.sh PATH/TO/quell_VERSION_amd64.deb
set -euo pipefail
deb="$1"
dpkg -i "$deb" >/dev/null
trap 'dpkg -r quell >/dev/null 2>&1 || true' EXIT
work="$(mktemp -d)"
mkdir -p "$work/bin" && ln -s /usr/bin/quell "$work/bin/quell"
run() { env -i HOME="$work" PATH="$work/bin" "$@"; }   # no java reachable, no JAVA_HOME
run quell --help | grep -q '^  enhance' || { echo "test-deb: quell --help has no enhance" >&2; exit 1; }
if run quell eval >/dev/null 2>&1; then echo "test-deb: developer commands leaked into the package" >&2; exit 1; fi
sox -n -r 16000 -c 1 -b 16 "$work/in.wav" synth 3 sine 200 sine 400 remix - gain -12
run quell enhance "$work/in.wav" -o "$work/out.flac" --quiet
[[ "$(soxi -s "$work/out.flac")" == "$(soxi -s "$work/in.wav")" ]] || { echo "test-deb: output length differs" >&2; exit 1; }
lv2ls | grep -q 'https://quell.dev/lv2/quell-mono' || { echo "test-deb: lv2ls does not list quell" >&2; exit 1; }
[[ -e /usr/lib/vst3/Quell.vst3/Contents/Resources/jre/lib/server/libjvm.so ]] || {
  echo "test-deb: the VST3 bundle does not reach the packaged runtime" >&2; exit 1; }
rm -rf "$work"
echo "test-deb: PASSED (installed, quell --help, quell enhance, lv2ls, VST3 runtime link; no system Java used)"
