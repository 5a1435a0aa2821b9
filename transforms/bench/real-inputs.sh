#!/usr/bin/env bash
# Real inputs for the benchmarks, from Debian's packages (nothing is committed): camera photographs
# (mate-backgrounds' "nature" set: Canon EOS and Konica Minolta JPEGs, 1280-2560 px), orchestral music
# (wesnoth-1.16-music, Ogg Vorbis), speech (espeak-ng reading this project's design text: synthetic, the only
# speech Debian ships) and pink noise (the ffmpeg program in the bytedeco artifact).
#   transforms/bench/real-inputs.sh DIR    → DIR/photos/*.jpg, DIR/music/*.ogg, DIR/speech.wav, DIR/noise.wav
# Then: ./videogen bench --photos=DIR/photos …   and   ./videogen bench --audioSeams=music:DIR/music,…
set -euo pipefail
dir=$(realpath -m "${1:?usage: real-inputs.sh DIR}")
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$dir/debs" "$dir/photos" "$dir/music"
cd "$dir/debs"
apt-get download mate-backgrounds wesnoth-1.16-music >/dev/null
dpkg-deb -x mate-backgrounds_*.deb x
cp x/usr/share/backgrounds/mate/nature/*.jpg "$dir/photos/"
dpkg-deb -x wesnoth-1.16-music_*.deb x
cp x/usr/share/games/wesnoth/1.16/data/core/music/*.ogg "$dir/music/" 2>/dev/null \
  || find x -name '*.ogg' -exec cp {} "$dir/music/" \;
rm -rf x
command -v espeak-ng >/dev/null || { apt-get update -qq && apt-get install -y -qq espeak-ng >/dev/null; }
# About 25 minutes of speech: the design text, read three times.
text=$(mktemp)
for _ in 1 2 3; do sed 's/[`#|*]//g' "$root/../shared/DESIGN.md" "$root/README.md" >> "$text" 2>/dev/null || sed 's/[`#|*]//g' "$root/README.md" >> "$text"; done
espeak-ng -v en-us -s 165 -f "$text" -w "$dir/speech.wav"
rm -f "$text"
ffmpeg=$(find ~/.javacpp/cache -path '*linux-x86_64-gpl/ffmpeg' -type f | head -1)
[[ -n "$ffmpeg" ]] || { echo "run the build first (the ffmpeg program comes with it)" >&2; exit 1; }
"$ffmpeg" -v error -y -f lavfi -i "anoisesrc=c=pink:a=0.3:d=1500:r=48000:seed=7" -ac 2 "$dir/noise.wav"
ls -la "$dir" "$dir/photos" | head -30
echo "music: $(ls "$dir/music" | wc -l) files"
