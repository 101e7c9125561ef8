#!/usr/bin/env bash
# Fetches more training audio from Debian's package archive (../shared/design/DATA-SOURCES.md),
# the one source every training machine reaches. Idempotent and resumable: re-run it with the same
# CACHE to continue; every step skips what is already done. Nothing is written into the repository.
#
#   nn/train/fetch-debian-audio.sh CACHE [--no-0ad]
#   nn/train/fetch-debian-audio.sh MUSIC_CACHE --more-music
#
# The first form fetches the speech and noise of the catalogue model v2 trained on.
# --more-music fetches only the second music set (the soundtracks of ufoai-music,
# supertux-data, supertuxkart-data, freedroidrpg-data, widelands-data and megaglest-data, about
# 1.6 GB of downloads) into a folder of its own, given to train.sh as a further data folder after
# the first: the first catalogue, and the shards made from it, stay as they were.
#
# CACHE/debs/       the downloaded .deb files (apt-get download)
# CACHE/unpacked/   the selected files of each package (dpkg-deb, unzip for 0 A.D.'s public.zip)
# CACHE/audio/      every selected file as mono FLAC at its own sample rate (sox; Opus via opusdec)
# CACHE/licences/   each package's copyright file
# CACHE/manifest.csv  one row per file, the columns of ../shared/data/manifest.csv, written by
#                   dev.quell.train.DebianAudioCatalogue (per-file bandwidth test, tier, hold-outs)
#
# Needs apt-get (root for the tool install: sox, libsox-fmt-all, opus-tools, unzip) and a JDK with
# the project built (`mvn -q install -DskipTests`; QUELL_CLASSPATH as for train.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${1:?usage: $0 CACHE [--no-0ad | --more-music]}"
with_0ad=1 more_music=0
case "${2:-}" in
  "") ;;
  --no-0ad) with_0ad=0 ;;
  --more-music) more_music=1 ;;
  *) echo "error: unknown option '$2' (--no-0ad or --more-music)" >&2; exit 2 ;;
esac
mkdir -p "$cache"/{debs,unpacked,audio,licences}
cache="$(cd "$cache" && pwd)"

need=()
command -v sox >/dev/null || need+=(sox)
sox -h 2>/dev/null | grep -q ' vorbis' || need+=(libsox-fmt-all)
command -v opusdec >/dev/null || need+=(opus-tools)
command -v unzip >/dev/null || need+=(unzip)
if ((${#need[@]})); then
  echo "installing ${need[*]}"
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# package -> what to keep (an extended regular expression on the unpacked path)
declare -A keep=(
  [tuxpaint-stamps-default]='_desc_[a-z_A-Z]+\.ogg$'
  [klettres-data]='/usr/share/klettres/[^/]+/(alpha|syllab)/[^/]+\.ogg$'
  [ktuberling-data]='/usr/share/ktuberling/sounds/[^/]+/[^/]+\.(ogg|wav|opus)$'
  [fillets-ng-data-cs]='/sound/[^/]+/cs/[^/]+\.ogg$'
  [bucklespring-data]='/usr/share/buckle/wav/[^/]+\.wav$'
  [warzone2100-music]='\.opus$'
  [wesnoth-1.16-music]='/music/[^/]+\.ogg$'
  [hedgewars-data]='/Data/Music/[^/]+\.ogg$'
  [supertux-data]='/supertux2/music/.+\.ogg$'
  [supertuxkart-data]='/supertuxkart/data/music/[^/]+\.ogg$'
  [freedroidrpg-data]='/sound/music/[^/]+\.ogg$'
  [widelands-data]='/widelands/data/music/[^/]+\.ogg$'
  [megaglest-data]='/music/[^/]+\.ogg$'
)
if ((more_music)); then
  packages=(ufoai-music supertux-data supertuxkart-data freedroidrpg-data widelands-data megaglest-data)
else
  packages=(tuxpaint-stamps-default klettres-data ktuberling-data fillets-ng-data-cs bucklespring-data
            warzone2100-music wesnoth-1.16-music hedgewars-data)
  ((with_0ad)) && packages+=(0ad-data)
fi

for p in "${packages[@]}"; do
  if ! ls "$cache/debs/${p}"_*.deb >/dev/null 2>&1; then
    echo "downloading $p"
    (cd "$cache/debs" && apt-get download -q "$p" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
    ls "$cache/debs/${p}"_*.deb >/dev/null 2>&1 || { echo "error: apt-get download $p failed" >&2; exit 1; }
  fi
  deb="$(ls "$cache/debs/${p}"_*.deb | head -1)"
  out="$cache/unpacked/$p"
  if [[ ! -f "$out/.done" ]]; then
    echo "unpacking $p"
    rm -rf "$out.tmp" && mkdir -p "$out.tmp"
    if [[ "$p" == 0ad-data ]]; then
      # 3.3 GB zip inside: take audio/ only, and not the voices (speech is not noise)
      dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out.tmp" ./usr/share/games/0ad/mods/public/public.zip ./usr/share/doc/0ad-data/copyright
      unzip -q "$out.tmp/usr/share/games/0ad/mods/public/public.zip" 'audio/ambient/*' 'audio/actor/*' 'audio/attack/*' \
        'audio/resource/*' 'audio/music/*' -d "$out.tmp/audio0ad"
      rm "$out.tmp/usr/share/games/0ad/mods/public/public.zip"
    elif [[ "$p" == ufoai-music ]]; then
      # the soundtrack is one zip (0music.pk3) of Ogg files
      dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out.tmp" ./usr/share/games/ufoai/base/0music.pk3 ./usr/share/doc/ufoai-music/copyright
      unzip -q "$out.tmp/usr/share/games/ufoai/base/0music.pk3" 'music/*.ogg' -d "$out.tmp/ufoai"
      rm "$out.tmp/usr/share/games/ufoai/base/0music.pk3"
    else
      dpkg-deb -x "$deb" "$out.tmp"
      find "$out.tmp" -type f ! -path '*/usr/share/doc/*/copyright' | grep -Ev "${keep[$p]}" | tr '\n' '\0' | xargs -0 -r rm -f
    fi
    mv "$out.tmp" "$out" && touch "$out/.done"
  fi
  cp "$(find "$out" -path '*/usr/share/doc/*/copyright' | head -1)" "$cache/licences/$p.copyright"
done

# every kept file as mono FLAC at its own rate (16-bit), under audio/PACKAGE/...
convert() {
  local src="$1" dst="$2"
  [[ -s "$dst" ]] && return 0
  mkdir -p "$(dirname "$dst")"
  local tmp="$dst.tmp.flac"
  if [[ "$src" == *.opus ]]; then
    opusdec --quiet --rate 48000 "$src" "$dst.tmp.wav" && sox -V1 "$dst.tmp.wav" -b 16 "$tmp" remix - && rm -f "$dst.tmp.wav"
  else
    sox -V1 "$src" -b 16 "$tmp" remix -
  fi && mv "$tmp" "$dst" || { rm -f "$tmp" "$dst.tmp.wav"; echo "warning: cannot convert $src (skipped)" >&2; }
}
export -f convert
for p in "${packages[@]}"; do
  src="$cache/unpacked/$p"
  [[ -f "$cache/audio/$p.done" ]] && continue
  echo "converting $p"
  find "$src" -type f \( -name '*.ogg' -o -name '*.wav' -o -name '*.opus' \) -printf '%P\n' | sort |
    while read -r rel; do printf '%s\0%s\0' "$src/$rel" "$cache/audio/$p/${rel%.*}.flac"; done |
    xargs -0 -n 2 -P "$(nproc)" bash -c 'convert "$0" "$1"'
  touch "$cache/audio/$p.done"
done

# the manifest: train.sh's class path (the build's, or the frozen copy named by QUELL_CLASSPATH)
"$here/train.sh" catalogue "$cache"
