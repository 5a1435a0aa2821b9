package dev.videogen.bench;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.videogen.media.audio.AacFrameInfo;
import dev.videogen.media.audio.AacSegments;
import dev.videogen.media.audio.AudioClip;
import dev.videogen.media.audio.AudioProbe;
import dev.videogen.media.audio.AudioTrackEncoder;
import dev.videogen.media.audio.EncodedAudio;
import dev.videogen.media.audio.PcmTrack;
import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.PacketFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * {@code ./videogen bench --audioSeams=LABEL:PATH,…}: is AAC encoded in segments worse at its seams than
 * anywhere else? Each input (a file, or a folder of audio files played in name order) is cut or looped to
 * {@code --seamMinutes} (default 20), encoded by one encoder and in segments (videogen's own code, the
 * segment layout it uses), both decoded, and each 1024-sample frame's error against the input measured. The
 * statistic is per frame: D = SNR(segmented) − SNR(one encoder), in dB, over frames louder than -60 dBFS; the
 * four frames around each seam are compared with all the others (medians, 5th percentiles, a one-sided
 * Mann–Whitney test that seam frames are worse). A fresh encoder's rate control takes hundreds of frames to
 * settle, so the {@value #HEAD_FRAMES} frames that follow each seam's are also compared with the rest, and
 * each stream's use of noise substitution (PNS bands per frame, {@link AacFrameInfo}) is counted there and
 * elsewhere. With {@code --seamLimiter}, each input is also encoded 6 dB louder through the true-peak limiter
 * at -1 dBTP, as a loudness target would. Writes docs/BENCHMARKS-audio-seams.md.
 */
final class AudioSeamEvidence {
  /** Frames of a segment in videogen's layout: seams fall at multiples of it. */
  /** Frames after each seam (and its four frames) where a fresh encoder's settling would show. */
  static final int HEAD_FRAMES = 64;
  private static final int FRAME = 1024;
  /** Frames quieter than this (mean square per sample, -60 dBFS) say nothing about coding error. */
  private static final double AUDIBLE = 1e-6;

  /**
   * One input's per-frame differences: at seams, in the segments' first frames after them, everywhere else;
   * PNS bands per frame of each stream in the segments' first frames and elsewhere.
   */
  record Result(String label, String source, double minutes, boolean limited, int segmentFrames, int seams, double[] seam,
      double[] head, double[] rest, double seamSnr, double otherSnr, double wholeBytesPerSecond,
      double segmentedBytesPerSecond, Pns whole, Pns segmented) {
    /** D everywhere but at the seams: what the seam frames are compared with. */
    double[] other() {
      double[] other = Arrays.copyOf(head, head.length + rest.length);
      System.arraycopy(rest, 0, other, head.length, rest.length);
      return other;
    }
  }

  /** Mean PNS bands per frame (first channel) in the segments' first frames after their seams, and elsewhere. */
  record Pns(double head, double rest) {}

  private final Path work;
  private final double minutes;

  AudioSeamEvidence(Path work, double minutes) {
    this.work = work;
    this.minutes = minutes;
  }

  static void run(Bench bench) throws Exception {
    double minutes = Double.parseDouble(bench.args.getOrDefault("seamMinutes", "20"));
    boolean limiter = bench.args.containsKey("seamLimiter");
    AudioSeamEvidence evidence = new AudioSeamEvidence(bench.work, minutes);
    Machine machine = Machine.describe();
    List<Result> results = new ArrayList<>();
    for (String item : bench.args.get("audioSeams").split(",")) {
      int colon = item.indexOf(':');
      String label = item.substring(0, colon);
      Path path = Path.of(item.substring(colon + 1));
      results.add(evidence.measure(label, path, 1.0, OptionalDouble.empty()));
      System.out.println(describe(results.get(results.size() - 1)));
      if (limiter) {
        results.add(evidence.measure(label, path, 2.0, OptionalDouble.of(-1)));
        System.out.println(describe(results.get(results.size() - 1)));
      }
    }
    String command = "./videogen bench " + String.join(" ", bench.args.entrySet().stream()
        .filter(e -> !e.getKey().equals("root"))
        .map(e -> "--" + e.getKey() + (e.getValue().equals("true") ? "" : "=" + e.getValue())).toList());
    Files.createDirectories(bench.docs);
    Files.writeString(bench.docs.resolve("BENCHMARKS-audio-seams.md"), markdown(results, command, machine));
  }

  Result measure(String label, Path path, double gain, OptionalDouble truePeak) throws IOException {
    List<AudioClip> clips = clips(path, gain);
    long total = Math.round(minutes * 60 * AudioTrackEncoder.SAMPLE_RATE);
    Path whole = work.resolve("seams-" + label + "-whole.vgp");
    Path segmented = work.resolve("seams-" + label + "-segmented.vgp");
    // The layout videogen gives a track of this length: 8192-frame segments from 90 minutes.
    int segmentFrames = AacSegments.of(total).segmentFrames();
    EncodedAudio one = AudioTrackEncoder.encode(clips, total, truePeak, false, 1, whole);
    EncodedAudio parts = AudioTrackEncoder.encode(clips, total, truePeak, true, 2, segmented);
    if (parts.segments() < 2) {
      throw new IllegalStateException(label + ": the segmented encoding fell back to one encoder (a seam failed "
          + "its check) or the track is shorter than 10 minutes");
    }
    long wholeBytes = bytes(whole);
    long segmentedBytes = bytes(segmented);
    Pns wholePns = noiseBands(whole, segmentFrames);
    Pns segmentedPns = noiseBands(segmented, segmentFrames);
    List<Double> seam = new ArrayList<>();
    List<Double> head = new ArrayList<>();
    List<Double> rest = new ArrayList<>();
    double[] snr = new double[4]; // sums of seam SNR, count, other SNR, count (segmented)
    try (PcmTrack input = new PcmTrack(clips, total); Decoder a = new Decoder(whole); Decoder b = new Decoder(segmented)) {
      float[] l = new float[FRAME];
      float[] r = new float[FRAME];
      a.skipFrame(); // the priming frame
      b.skipFrame();
      for (long k = 0; k * FRAME < total; k++) {
        int n = fill(input, l, r);
        float[][] x = a.nextFrame();
        float[][] y = b.nextFrame();
        double signal = 0;
        double errorA = 0;
        double errorB = 0;
        for (int i = 0; i < n; i++) {
          signal += l[i] * l[i] + r[i] * r[i];
          errorA += sq(x[0][i] - l[i]) + sq(x[1][i] - r[i]);
          errorB += sq(y[0][i] - l[i]) + sq(y[1][i] - r[i]);
        }
        if (signal / (2.0 * n) < AUDIBLE || n < FRAME) {
          continue;
        }
        double snrA = 10 * Math.log10(signal / Math.max(errorA, 1e-20));
        double snrB = 10 * Math.log10(signal / Math.max(errorB, 1e-20));
        boolean atSeam = k >= segmentFrames - 2 && Math.floorMod(k + 2, segmentFrames) < 4;
        (atSeam ? seam : inHead(k, segmentFrames) ? head : rest).add(snrB - snrA);
        snr[atSeam ? 0 : 2] += snrB;
        snr[atSeam ? 1 : 3]++;
      }
    } finally {
      Files.deleteIfExists(whole);
      Files.deleteIfExists(segmented);
    }
    double seconds = total / (double) AudioTrackEncoder.SAMPLE_RATE;
    return new Result(label, path.toString(), minutes, truePeak.isPresent(), segmentFrames, parts.segments() - 1,
        array(seam),
        array(head), array(rest), snr[0] / snr[1], snr[2] / snr[3], wholeBytes / seconds, segmentedBytes / seconds,
        wholePns, segmentedPns);
  }

  /** Whether frame {@code k} is one of the {@link #HEAD_FRAMES} after a seam's four. */
  private static boolean inHead(long k, int segmentFrames) {
    long fromSeam = k % segmentFrames;
    return k >= segmentFrames && fromSeam >= 2 && fromSeam < 2 + HEAD_FRAMES;
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** PNS bands per frame of a packet file's frames, in the segments' first frames and elsewhere. */
  private static Pns noiseBands(Path packetFile, int segmentFrames) {
    double[] sums = new double[4]; // head bands, head frames, other bands, other frames
    AVPacket packet = av_packet_alloc();
    try (PacketFile.Reader reader = new PacketFile.Reader(packetFile)) {
      while (reader.read(packet)) {
        try {
          byte[] data = new byte[packet.size()];
          packet.data().get(data);
          long k = Math.floorDiv(packet.pts(), FRAME);
          int at = inHead(k, segmentFrames) ? 0 : 2;
          sums[at] += AacFrameInfo.parse(data).noiseBands();
          sums[at + 1]++;
        } finally {
          av_packet_unref(packet);
        }
      }
    } finally {
      av_packet_free(packet);
    }
    return new Pns(sums[0] / sums[1], sums[2] / sums[3]);
  }

  /** The coded bytes of a packet file's packets. */
  private static long bytes(Path packetFile) {
    long sum = 0;
    try (PacketFile.Reader reader = new PacketFile.Reader(packetFile)) {
      for (PacketFile.PacketInfo packet = reader.skip(); packet != null; packet = reader.skip()) {
        sum += packet.size();
      }
    }
    return sum;
  }

  private static double sq(double v) {
    return v * v;
  }

  /** The input as clips: one file, or every audio file of a folder in name order, looped to fill the track. */
  private List<AudioClip> clips(Path path, double gain) throws IOException {
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> list = Files.list(path)) {
        files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
            .matches(".*\\.(ogg|mp3|wav|flac|m4a|opus)")).sorted().toList();
      }
    } else {
      files = List.of(path);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no audio files in " + path);
    }
    long wanted = Math.round(minutes * 60 * AudioTrackEncoder.SAMPLE_RATE);
    List<AudioClip> clips = new ArrayList<>();
    long have = 0;
    for (int i = 0; have < wanted; i++) {
      Path file = files.get(i % files.size());
      long samples = AudioProbe.probe(file.toString(), file).samplesAt(AudioTrackEncoder.SAMPLE_RATE);
      clips.add(new AudioClip(file.getFileName().toString(), file, 0, 0, 0, gain, samples));
      have += samples;
    }
    return clips;
  }

  private static int fill(PcmTrack input, float[] l, float[] r) {
    int filled = 0;
    while (filled < FRAME) {
      int n = input.read(l, r, filled, FRAME - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  static String describe(Result r) {
    return String.format(Locale.ROOT, "%s%s: %d seams; D at seams median %+.2f dB (n=%d), elsewhere %+.2f dB (n=%d); "
        + "p(seams worse) = %.3g; D in the %d frames after seams median %+.2f dB, p(worse than the rest) = %.3g; "
        + "PNS bands per frame there / elsewhere: one encoder %.2f / %.2f, segmented %.2f / %.2f", r.label(),
        r.limited() ? " (+6 dB, limiter at -1 dBTP)" : "", r.seams(), median(r.seam()), r.seam().length,
        median(r.other()), r.other().length, mannWhitneyLess(r.seam(), r.other()), HEAD_FRAMES, median(r.head()),
        mannWhitneyLess(r.head(), r.rest()), r.whole().head(), r.whole().rest(), r.segmented().head(),
        r.segmented().rest());
  }

  static String markdown(List<Result> results, String command, Machine machine) {
    StringBuilder md = new StringBuilder();
    md.append("## AAC in segments: are the seams worse than the rest?\n\n");
    md.append(String.format(Locale.ROOT, "Each input is encoded by one AAC encoder and in videogen's segments "
        + "(%s, every seam checked), both decoded, and every 1024-sample frame louder than -60 dBFS compared "
        + "with the input: D = SNR(segmented) − SNR(one encoder) in dB (negative: the segmented stream is worse "
        + "there). The four frames around each seam are compared with all other frames; p is a one-sided "
        + "Mann–Whitney test of \"D is lower at seams\" (normal approximation). The %d frames after those four "
        + "(where a fresh encoder's rate control would still be settling) are also compared with the rest of the "
        + "segments (\"head\"), and each stream's PNS bands per frame (noise substitution, first channel) are "
        + "counted there and elsewhere.%n%n", String.join(", ", results.stream()
            .map(r -> String.format(Locale.ROOT, "%.1f s", r.segmentFrames() * (double) FRAME / AudioTrackEncoder.SAMPLE_RATE))
            .distinct().toList()),
        HEAD_FRAMES));
    md.append("| input | minutes | seams | D at seams: median, 5th pct, worst | D elsewhere: median, 5th pct | "
        + "SNR at seams / elsewhere (segmented) | p (seams worse) | D in heads: median, 5th pct; p (worse than "
        + "the rest) | PNS bands per frame, heads / elsewhere: one encoder; segmented | kB/s one encoder / "
        + "segmented |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT,
          "| %s%s | %.0f | %d | %+.2f, %+.2f, %+.2f | %+.2f, %+.2f | %.1f / %.1f dB | %.3g | %+.2f, %+.2f; %.3g | "
              + "%.2f / %.2f; %.2f / %.2f | %.2f / %.2f |%n",
          r.label(), r.limited() ? ", +6 dB through the limiter (-1 dBTP)" : "", r.minutes(), r.seams(),
          median(r.seam()), percentile(r.seam(), 5), min(r.seam()), median(r.other()), percentile(r.other(), 5),
          r.seamSnr(), r.otherSnr(), mannWhitneyLess(r.seam(), r.other()), median(r.head()),
          percentile(r.head(), 5), mannWhitneyLess(r.head(), r.rest()), r.whole().head(), r.whole().rest(),
          r.segmented().head(), r.segmented().rest(), r.wholeBytesPerSecond() / 1000,
          r.segmentedBytesPerSecond() / 1000));
    }
    md.append("\nInputs: ");
    md.append(String.join("; ", results.stream().filter(r -> !r.limited())
        .map(r -> r.label() + " = `" + r.source() + "`").toList()));
    md.append(".\n\nCommand: `").append(command).append("` (machine: ").append(machine.summary()).append(").\n");
    return md.toString();
  }

  static double median(double[] values) {
    return percentile(values, 50);
  }

  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double at = p / 100 * (sorted.length - 1);
    int low = (int) Math.floor(at);
    int high = Math.min(sorted.length - 1, low + 1);
    return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  /**
   * One-sided Mann–Whitney U test (normal approximation with tie correction): the probability of seeing
   * {@code a} rank this low or lower if {@code a} and {@code b} came from one distribution. Small: a is lower.
   */
  static double mannWhitneyLess(double[] a, double[] b) {
    int n1 = a.length;
    int n2 = b.length;
    if (n1 == 0 || n2 == 0) {
      return Double.NaN;
    }
    double[][] all = new double[n1 + n2][];
    for (int i = 0; i < n1; i++) {
      all[i] = new double[] {a[i], 0};
    }
    for (int i = 0; i < n2; i++) {
      all[n1 + i] = new double[] {b[i], 1};
    }
    Arrays.sort(all, (x, y) -> Double.compare(x[0], y[0]));
    double rankSumA = 0;
    double ties = 0;
    for (int i = 0; i < all.length; ) {
      int j = i;
      while (j < all.length && all[j][0] == all[i][0]) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0;
      int t = j - i;
      ties += (double) t * t * t - t;
      for (int k = i; k < j; k++) {
        if (all[k][1] == 0) {
          rankSumA += rank;
        }
      }
      i = j;
    }
    double u = rankSumA - n1 * (n1 + 1) / 2.0;
    double n = n1 + n2;
    double mean = n1 * (double) n2 / 2;
    double variance = n1 * (double) n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
    double z = (u - mean + 0.5) / Math.sqrt(variance);
    return normalCdf(z);
  }

  /** Φ(z), by the complementary error function (Numerical Recipes' erfc, |error| < 1.2e-7). */
  static double normalCdf(double z) {
    double x = -z / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * Math.abs(x));
    double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return 0.5 * (x >= 0 ? erfc : 2 - erfc);
  }

  /** Decodes an AAC packet file one 1024-sample frame at a time (planar float, two channels). */
  private static final class Decoder implements AutoCloseable {
    private final PacketFile.Reader reader;
    private AVCodecContext context;
    private AVPacket packet = av_packet_alloc();
    private AVFrame frame = av_frame_alloc();
    private final float[][] out = new float[2][FRAME];

    Decoder(Path file) {
      reader = new PacketFile.Reader(file);
      AVCodec codec = avcodec_find_decoder(reader.parameters().codec_id());
      context = avcodec_alloc_context3(codec);
      FFmpegException.check("avcodec_parameters_to_context()", avcodec_parameters_to_context(context, reader.parameters()));
      context.pkt_timebase().num(reader.timeBase().num()).den(reader.timeBase().den());
      FFmpegException.check("avcodec_open2(aac)", avcodec_open2(context, codec, (AVDictionary) null));
    }

    void skipFrame() {
      nextFrame();
    }

    /** The next decoded frame (zeros past the end of the stream). */
    float[][] nextFrame() {
      while (true) {
        int received = avcodec_receive_frame(context, frame);
        if (received >= 0) {
          if (frame.format() != AV_SAMPLE_FMT_FLTP || frame.nb_samples() != FRAME) {
            throw new IllegalStateException("decoded " + frame.nb_samples() + " samples of format " + frame.format());
          }
          for (int c = 0; c < 2; c++) {
            try (FloatPointer data = new FloatPointer(frame.extended_data(c))) {
              data.get(out[c], 0, FRAME);
            }
          }
          return out;
        }
        if (!reader.read(packet)) {
          Arrays.fill(out[0], 0);
          Arrays.fill(out[1], 0);
          return out;
        }
        try {
          FFmpegException.check("avcodec_send_packet()", avcodec_send_packet(context, packet));
        } finally {
          av_packet_unref(packet);
        }
      }
    }

    @Override
    public void close() {
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(context);
      reader.close();
    }
  }
}
