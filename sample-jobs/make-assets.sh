#!/usr/bin/env bash
# Regenerates the sample's assets (committed, so nobody needs to run this). The "photos" are procedural
# images and the music a synthetic chord, all made with the ffmpeg program shipped in the bytedeco FFmpeg
# artifact, so no system FFmpeg and no downloaded media are involved.
set -euo pipefail
cd "$(dirname "$0")/assets"
jar=$(ls ~/.m2/repository/org/bytedeco/ffmpeg/7.1.1-1.5.12/ffmpeg-7.1.1-1.5.12-linux-x86_64-gpl.jar)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
unzip -q -o "$jar" 'org/bytedeco/ffmpeg/linux-x86_64-gpl/*' -d "$bin"
dir="$bin/org/bytedeco/ffmpeg/linux-x86_64-gpl"
chmod +x "$dir/ffmpeg"
ff() { LD_LIBRARY_PATH="$dir" "$dir/ffmpeg" -hide_banner -loglevel error -y "$@"; }

# A valley at dusk: sky gradient, three ranges of sine-shaped hills, a little grain.
ff -f lavfi -i "color=c=black:s=2400x1600,format=rgb24" -frames:v 1 -vf "geq=\
r='if(gt(Y,H*(0.55+0.06*sin(X/190)+0.03*sin(X/53))),40+30*Y/H,if(gt(Y,H*(0.45+0.08*sin(X/310+1))),90+20*sin(X/40),250-120*Y/H))+8*random(1)':\
g='if(gt(Y,H*(0.55+0.06*sin(X/190)+0.03*sin(X/53))),70+50*Y/H,if(gt(Y,H*(0.45+0.08*sin(X/310+1))),110+15*sin(X/40),150-60*Y/H))+8*random(1)':\
b='if(gt(Y,H*(0.55+0.06*sin(X/190)+0.03*sin(X/53))),50,if(gt(Y,H*(0.45+0.08*sin(X/310+1))),140,200-40*Y/H))+8*random(1)'" \
  -q:v 3 valley.jpg
# Fractal coastline.
ff -f lavfi -i "mandelbrot=s=2400x1600:start_x=-0.7436447860:start_y=0.1318252536:start_scale=0.004:end_pts=1:inner=period" \
  -frames:v 1 -q:v 7 coast.jpg
# Ripples on a pond.
ff -f lavfi -i "color=c=black:s=2400x1600,format=rgb24" -frames:v 1 -vf "geq=\
r='60+50*sin(hypot(X-1500,Y-700)/18)*exp(-hypot(X-1500,Y-700)/1400)+10*random(1)':\
g='110+60*sin(hypot(X-1500,Y-700)/18+0.8)*exp(-hypot(X-1500,Y-700)/1400)+10*random(1)':\
b='140+70*sin(hypot(X-1500,Y-700)/18+1.6)*exp(-hypot(X-1500,Y-700)/1400)+10*random(1)'" \
  -q:v 3 pond.jpg
# Soft colour field.
ff -f lavfi -i "gradients=s=2400x1600:c0=0x1d3557:c1=0xe63946:c2=0xf1faee:c3=0x457b9d:nb_colors=4:seed=7" \
  -frames:v 1 -vf "noise=alls=6:allf=u" -q:v 3 field.jpg
# A portrait-format picture (shown with fit: contain).
ff -f lavfi -i "mandelbrot=s=1200x1800:start_x=-0.16070135:start_y=1.0375665:start_scale=0.02:end_pts=1:inner=mincol" \
  -frames:v 1 -q:v 5 tower.jpg
# Forty seconds of a slow A-minor chord with tremolo and a breath of noise, as MP3.
ff -f lavfi -i "aevalsrc='0.20*sin(2*PI*220*t)*(0.8+0.2*sin(2*PI*0.25*t))+0.15*sin(2*PI*261.63*t)+0.12*sin(2*PI*329.63*t)*(0.7+0.3*sin(2*PI*0.5*t))|0.20*sin(2*PI*220*t)*(0.8+0.2*sin(2*PI*0.3*t))+0.15*sin(2*PI*261.63*t+1)+0.12*sin(2*PI*329.63*t)':s=44100:d=40" \
  -f lavfi -i "anoisesrc=c=pink:a=0.02:d=40:r=44100" -filter_complex "[0][1]amix=inputs=2:normalize=0" \
  -c:a libmp3lame -b:a 128k music.mp3
# A logo with alpha for the showcase's overlay: a warm ring around a dot, soft-edged, on a transparent background.
ff -f lavfi -i "color=c=black:s=256x256,format=rgba" -frames:v 1 -vf "geq=\
r='255':g='205':b='140':\
a='255*max(clip((120-hypot(X-128,Y-128))/6,0,1)*clip((hypot(X-128,Y-128)-84)/6,0,1),clip((44-hypot(X-128,Y-128))/6,0,1))'" logo.png
ls -la
