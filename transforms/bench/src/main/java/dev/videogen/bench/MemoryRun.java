package dev.videogen.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code videogen bench --memory [--memoryMinutes=10,60] [--memoryPreset=ultrafast]}: peak RSS of videogen
 * rendering 720p jobs of different lengths (each with an audio track as long as the video, photos not
 * repeating, reuse on as by default), to show that memory does not grow with the video's length. Writes
 * docs/BENCHMARKS-memory.md, which the main report includes.
 */
final class MemoryRun {
  private final Bench bench;

  MemoryRun(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    List<String> lengths = List.of(bench.args.getOrDefault("memoryMinutes", "10,60").split(","));
    String preset = bench.args.getOrDefault("memoryPreset", "ultrafast");
    List<Path> photos = Photos.generate(bench.work, 10);
    StringBuilder md = new StringBuilder("## Memory\n\n");
    md.append(String.format(Locale.ROOT, "Peak RSS of `videogen render` (the whole JVM, `/usr/bin/time -f %%M`, run with the launcher's "
        + "`-Xmx%s` and `MALLOC_ARENA_MAX=2`), 1280×720 %s, the 10 photographs in turn (20 s each) looped to fill "
        + "the length, a 48 kHz stereo WAV track as long as the video, reuse on (default: one 200-s cycle is "
        + "rendered, while planning, audio and assembly still scale with the length), %d "
        + "chunks at a time.%n%n| video length | frames | time | peak RSS |%n|---|---:|---:|---:|%n",
        System.getenv().getOrDefault("VIDEOGEN_HEAP", "2g"), preset, bench.parallelism));
    List<Long> peaks = new ArrayList<>();
    for (String minutes : lengths) {
      double seconds = Double.parseDouble(minutes) * 60;
      Path wav = bench.work.resolve("memory-" + minutes + ".wav");
      writeNoiseWav(wav, seconds);
      StringBuilder slides = new StringBuilder();
      for (int k = 0; k < photos.size(); k++) {
        slides.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT,
            "{\"image\":\"%s\",\"seconds\":20,\"to\":{\"zoom\":1.2,\"x\":%s,\"y\":0.5}}", photos.get(k).toAbsolutePath(),
            0.45 + 0.01 * k));
      }
      Path out = bench.work.resolve("memory-" + minutes + ".mp4");
      // loop so the 10 photos fill the time; every cycle's chunks are rendered anyway unless repeated exactly,
      // so the zoom target differs per cycle position only: reuse applies to whole cycles (200 s)
      String json = String.format(Locale.ROOT, "{\"id\":\"memory-%s\",\"output\":\"%s\",\"video\":{\"width\":1280,"
          + "\"height\":720,\"fps\":30,\"preset\":\"%s\"},\"audio\":[{\"uri\":\"%s\"}],\"loop\":true,\"slides\":[%s]}",
          minutes, out, preset, wav, slides);
      Path spec = bench.work.resolve("memory-" + minutes + ".json");
      Files.writeString(spec, json);
      long frames = Math.round(seconds * 30);
      List<String> extra = bench.args.containsKey("memoryNoReuse") ? List.of("--reuseChunks=false") : List.of();
      Bench.Run run = bench.videogen(null, "1280x720", preset, 0, frames, spec, extra, true);
      peaks.add(run.peakRssKb());
      System.out.printf(Locale.ROOT, "  %s min: %.1f s, peak RSS %d MB%n", minutes, run.seconds(), run.peakRssKb() / 1024);
      md.append(String.format(Locale.ROOT, "| %s min | %d | %.1f s | %d MB |%n", minutes, frames, run.seconds(),
          run.peakRssKb() / 1024));
      Files.deleteIfExists(out);
      Files.deleteIfExists(wav);
    }
    long min = peaks.stream().mapToLong(Long::longValue).min().orElse(0);
    long max = peaks.stream().mapToLong(Long::longValue).max().orElse(0);
    md.append(String.format(Locale.ROOT, "%nLargest over smallest peak: **%.1f %%** more (target: < 15 %%).%s%n",
        100.0 * (max - min) / Math.max(1, min), extraNote()));
    Files.createDirectories(bench.docs);
    Files.writeString(bench.docs.resolve("BENCHMARKS-memory.md"), md.toString());
    System.out.print(md);
  }

  private String extraNote() {
    return bench.args.containsKey("memoryNoReuse") ? " Measured with `--reuseChunks=false`: every frame rendered." : "";
  }

  /** A deterministic noise WAV, written in blocks (the generator holds no whole track either). */
  static void writeNoiseWav(Path file, double seconds) throws Exception {
    long samples = Math.round(seconds * 48000);
    long dataBytes = samples * 4;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      header.put("RIFF".getBytes()).putInt((int) Math.min(0xffffffffL, 36 + dataBytes)).put("WAVE".getBytes());
      header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(48000).putInt(48000 * 4)
          .putShort((short) 4).putShort((short) 16);
      header.put("data".getBytes()).putInt((int) dataBytes);
      out.write(header.flip());
      ByteBuffer block = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      java.util.Random random = new java.util.Random(7);
      long written = 0;
      while (written < samples) {
        block.clear();
        while (block.remaining() >= 4 && written < samples) {
          short v = (short) (Math.sin(written * 2 * Math.PI * 220 / 48000) * 6000 + random.nextGaussian() * 1500);
          block.putShort(v).putShort(v);
          written++;
        }
        out.write(block.flip());
      }
    }
  }
}
