#!/usr/bin/env bash
# Builds the Debian package of Quell from a finished `mvn package` (run from anywhere):
#   packaging/deb/build-deb.sh            -> target/deb/quell_VERSION_amd64.deb
# It installs:
#   /usr/lib/quell/                 the quell command as a jpackage app image (bin/quell, lib/app/*.jar)
#                                   with its own Java runtime (lib/runtime, made by jlink)
#   /usr/bin/quell                  -> /usr/lib/quell/bin/quell
#   /usr/lib/vst3/Quell.vst3        the VST3 bundle   } each with jre -> /usr/lib/quell/lib/runtime,
#   /usr/lib/lv2/quell.lv2          the LV2 bundle    } the runtime the plugins' shim looks for first
# Needs the JDK's jpackage and jlink, fakeroot and dpkg-deb (apt-get install fakeroot dpkg-dev binutils).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="$(sed -n 's/.*"quell \([0-9.]*\)".*/\1/p' "$root/cli/src/main/java/dev/quell/cli/QuellCli.java" | head -1)"
jar="$(ls "$root"/cli/target/quell-cli-*.jar 2>/dev/null | head -1 || true)"
bundles="$root/native/target/bundles"
[[ -n "$jar" && -d "$root/cli/target/lib" && -d "$bundles/vst3/Quell.vst3" && -d "$bundles/lv2/quell.lv2" ]] || {
  echo "build-deb: build first: (cd $root && mvn -q package -DskipTests)" >&2; exit 1; }
out="$root/target/deb"
work="$out/work"
rm -rf "$work" && mkdir -p "$work/input" "$work/image"
cp "$jar" "$root"/cli/target/lib/*.jar "$work/input/"
# the modules the CLI and the plugins' engine use (jdeps of the jars, plus the Vector API)
modules=java.base,java.logging,java.sql,java.management,jdk.incubator.vector,jdk.unsupported
jpackage --type app-image --name quell --app-version "$version" --dest "$work/image" \
  --input "$work/input" --main-jar "$(basename "$jar")" --main-class dev.quell.cli.QuellCli \
  --add-modules "$modules" --java-options "--add-modules=jdk.incubator.vector" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2"
pkg="$work/pkg"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/lib" "$pkg/usr/bin" "$pkg/usr/lib/vst3" "$pkg/usr/lib/lv2"
cp -a "$work/image/quell" "$pkg/usr/lib/quell"
ln -s ../lib/quell/bin/quell "$pkg/usr/bin/quell"
cp -a "$bundles/vst3/Quell.vst3" "$pkg/usr/lib/vst3/"
cp -a "$bundles/lv2/quell.lv2" "$pkg/usr/lib/lv2/"
rm -rf "$pkg/usr/lib/vst3/Quell.vst3/Contents/Resources/jre" "$pkg/usr/lib/lv2/quell.lv2/jre"
ln -s /usr/lib/quell/lib/runtime "$pkg/usr/lib/vst3/Quell.vst3/Contents/Resources/jre"
ln -s /usr/lib/quell/lib/runtime "$pkg/usr/lib/lv2/quell.lv2/jre"
size="$(du -sk "$pkg/usr" | cut -f1)"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: quell
Version: $version
Architecture: amd64
Maintainer: Quell developers <quell@localhost>
Installed-Size: $size
Depends: libc6
Section: sound
Priority: optional
Homepage: https://quell.dev
Description: real-time speech enhancer: command line, VST3 and LV2 plugins
 Quell removes noise and some reverberation from speech with a PercepNet-style
 design (classic DSP plus a small recurrent network). This package installs the
 quell command (enhance WAV/FLAC files, presets) with its own Java runtime, and
 the Quell VST3 and LV2 plugins for Linux x86_64, which use the same runtime.
CONTROL
fakeroot dpkg-deb --build -Zxz "$pkg" "$out/quell_${version}_amd64.deb" >/dev/null
rm -rf "$work"
echo "$out/quell_${version}_amd64.deb ($(du -h "$out/quell_${version}_amd64.deb" | cut -f1))"
