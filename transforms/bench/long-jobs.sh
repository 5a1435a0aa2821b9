#!/usr/bin/env bash
# Long looped jobs, end to end, as a user runs them: ten camera photographs × 30 s looped over 1 and 3 hours of
# MP3 at 1280×720 veryfast, on the DirectRunner and on embedded Flink, with the audio in segments (the default)
# and with one AAC encoder (--segmentedAudio=false), and against the bundled ffmpeg transcoding the audio alone (issue 12's yardstick).
#   transforms/bench/real-inputs.sh DIR      (once: photos and music)
#   transforms/bench/long-jobs.sh DIR [RUNS]  → a Markdown table on stdout; logs in DIR/long-jobs/
# RUNS is a space-separated subset of the labels below (default: all). Each run is timed as a whole process
# (/usr/bin/time) and its per-thread CPU sampled every second (runner threads vs AAC encoders vs JIT).
set -euo pipefail
dir=$(realpath -m "${1:?usage: long-jobs.sh DIR [RUNS]}")
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$dir/long-jobs"
mkdir -p "$work"
ffmpeg=$(find ~/.javacpp/cache -path '*linux-x86_64-gpl/ffmpeg' -type f | head -1)
[[ -n "$ffmpeg" ]] || { echo "run the build first (the ffmpeg program comes with it)" >&2; exit 1; }

# The audio: the music in name order as one 160 kb/s MP3, repeated by stream copy to 1 h and 3 h.
if [[ ! -f "$work/three-hours.mp3" ]]; then
  ls "$dir"/music/*.ogg | sed "s/'/'\\\\''/g; s/^/file '/; s/$/'/" > "$work/music.txt"
  "$ffmpeg" -v error -y -f concat -safe 0 -i "$work/music.txt" -ac 2 -c:a libmp3lame -b:a 160k "$work/music.mp3" || true
  "$ffmpeg" -v error -y -stream_loop -1 -i "$work/music.mp3" -t 10800 -c copy "$work/three-hours.mp3"
  "$ffmpeg" -v error -y -i "$work/three-hours.mp3" -t 3600 -c copy "$work/one-hour.mp3"
fi
job() { # id, audio file or "", seconds (without audio)
  local slides
  slides=$(ls "$dir"/photos/*.jpg | head -10 | sed 's/.*/{"image":"&","seconds":30,"from":{"zoom":1.0,"x":0.5,"y":0.5},"to":{"zoom":1.2,"x":0.5,"y":0.5}}/' | paste -sd,)
  local audio='' duration=''
  [[ -n "$2" ]] && audio="\"audio\":[{\"uri\":\"$2\"}],"
  [[ -n "$3" ]] && duration="\"duration\":$3,"
  echo "{\"id\":\"$1\",\"output\":\"$work/$1.mp4\",\"video\":{\"width\":1280,\"height\":720,\"fps\":30,\"preset\":\"veryfast\"},$audio$duration\"loop\":true,\"slides\":[$slides]}" > "$work/$1.json"
}
job three-hours "$work/three-hours.mp3" ""
job one-hour "$work/one-hour.mp3" ""
job three-hours-silent "" 10800

sampler="$work/threads.py"
cat > "$sampler" <<'PY'
import os, sys, time, re, collections
pid = int(sys.argv[1]); hz = os.sysconf('SC_CLK_TCK'); last = {}; totals = collections.defaultdict(float)
while os.path.exists(f'/proc/{pid}'):
    try:
        for tid in os.listdir(f'/proc/{pid}/task'):
            try:
                s = open(f'/proc/{pid}/task/{tid}/stat').read()
            except OSError:
                continue
            name = re.sub(r'[-_ #]?\d+$', '', s[s.index('(') + 1:s.rindex(')')])
            f = s[s.rindex(')') + 2:].split()
            cpu = (int(f[11]) + int(f[12])) / hz
            totals[name] += cpu - last.get(tid, 0.0); last[tid] = cpu
    except FileNotFoundError:
        break
    time.sleep(1)
print('; '.join(f'{k} {v:.0f}' for k, v in sorted(totals.items(), key=lambda kv: -kv[1]) if v >= 1))
PY

rows=()
audio_only() { # label, mp3
  local t
  t=$( { /usr/bin/time -f "%e %U" "$ffmpeg" -v error -y -i "$2" -c:a aac -b:a 192k "$work/$1.m4a" ; } 2>&1 | tail -1)
  rows+=("| $1 | \`ffmpeg -i $(basename "$2") -c:a aac -b:a 192k\` | ${t% *} s | ${t#* } s | ffmpeg |")
}
render() { # label, job, options…
  local label=$1 spec=$2; shift 2
  rm -rf "$work/w"
  ( cd "$root" && /usr/bin/time -o "$work/$label.time" -f "%e %U %S %M" ./videogen render "$work/$spec.json" \
      --workLocation="$work/w" "$@" > "$work/$label.log" 2>&1 ) &
  local pid=""
  for _ in $(seq 1 100); do pid=$(pgrep -n -f "videogen.jar render $work/$spec.json" || true); [[ -n "$pid" ]] && break; sleep 0.1; done
  local threads=""
  [[ -n "$pid" ]] && threads=$(python3 "$sampler" "$pid")
  wait
  grep -q " ok: " "$work/$label.log" || { echo "$label failed: see $work/$label.log" >&2; return 1; }
  read -r wall user sys rss < "$work/$label.time"
  rows+=("| $label | \`./videogen render $spec.json $*\` | $wall s | $(awk "BEGIN{print $user + $sys}") s | $threads |")
}
want() { [[ -z "${2:-}" || " $2 " == *" $1 "* ]]; }
runs="${2:-}"
want ffmpeg-3h "$runs" && audio_only ffmpeg-3h "$work/three-hours.mp3"
want direct-3h "$runs" && render direct-3h three-hours
want direct-whole-3h "$runs" && render direct-whole-3h three-hours --segmentedAudio=false
want flink-3h "$runs" && render flink-3h three-hours --runner=FlinkRunner
want flink-whole-3h "$runs" && render flink-whole-3h three-hours --runner=FlinkRunner --segmentedAudio=false
want ffmpeg-1h "$runs" && audio_only ffmpeg-1h "$work/one-hour.mp3"
want direct-1h "$runs" && render direct-1h one-hour
want direct-whole-1h "$runs" && render direct-whole-1h one-hour --segmentedAudio=false
want flink-1h "$runs" && render flink-1h one-hour --runner=FlinkRunner
want flink-whole-1h "$runs" && render flink-whole-1h one-hour --runner=FlinkRunner --segmentedAudio=false
want direct-3h-silent "$runs" && render direct-3h-silent three-hours-silent
want flink-3h-silent "$runs" && render flink-3h-silent three-hours-silent --runner=FlinkRunner

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | sed -n 1p); load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | command | wall | CPU (user+sys) | CPU-s by thread |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
