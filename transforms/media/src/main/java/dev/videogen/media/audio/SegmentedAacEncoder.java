package dev.videogen.media.audio;

import dev.videogen.media.codec.PacketFile;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Encodes a track to AAC in fixed-length segments, several at a time, joined into one stream with a single
 * encoder's timeline: another valid encoding of the same samples, not the single encoder's bytes.
 *
 * <p>Why: one AAC encoder is one core (FFmpeg's native coder: ~16 CPU-s per 1000 s of audio on the benchmark
 * machine), so a 6-hour track takes ~6 minutes however many cores there are, and once render-once reuse has
 * made the video cheap, the audio is most of a long looped job.
 *
 * <p>How: segment {@code k} keeps the frames whose pts lie in {@code [k·S, (k+1)·S)}, {@code S} =
 * {@link Layout#segmentFrames} × 1024 samples (the first segment also keeps the priming frame at -1024, the
 * last everything to the end of the track). Its encoder starts {@link Layout#prerollFrames} frames earlier and
 * runs {@link #POSTROLL_FRAMES} past its end, on the real samples, so the frames it keeps were coded with
 * their real neighbours and look-ahead, after a run-in that settles its rate control (into its own state: a
 * single encoder's has a longer memory). Each encoder but the first enters the track from silence:
 * {@link #SILENT_LEAD_IN_FRAMES} frames of digital silence, then its run-in fading in over the run-in's first
 * third (see there: without this the first few hundred frames after every seam are coded worse). Every seam
 * is then checked by decoding across it
 * ({@link AacSeamCheck}); a seam that fails throws {@link SeamMismatch}, and the caller encodes the track in
 * one piece instead.
 *
 * <p>Deterministic: segment boundaries depend only on the track's length, never on the number of threads, so
 * the bytes are the same with any thread count. Memory is bounded by the segments in flight (threads + 1, each
 * {@code S} samples of two float channels), whatever the track's length.
 */
final class SegmentedAacEncoder {
  /** Frames encoded past a segment's end: the last kept frame's MDCT and the psychoacoustic look-ahead. */
  static final int POSTROLL_FRAMES = 4;
  /**
   * Frames of digital silence fed to a segment's encoder before its run-in, which then fades in from silence
   * over its first third. Why: FFmpeg's aac encoder starts its rate control's lambda at 120, far below where
   * it settles at 192 kb/s on music and noise (~450–900, measured by its "Qavg"), and climbs there only over
   * ~600 frames; until then its noise substitution (PNS) replaces several bands of every frame with synthetic
   * noise (3–5 bands of the left channel on pink noise, ~10 on orchestral music, against ~0 for one encoder at
   * the same place): the same bits, ~2 dB less SNR. With 128 frames of run-in every seam fell in that climb
   * (docs/BENCHMARKS-audio-seams.md). Silence drives lambda to its ceiling (65536) in one frame; from there,
   * with the full signal at once, it came down within ~100 frames but overshot, and a second spell of PNS
   * followed on noise (1–2 bands per frame 64–256 frames in, still 0.2–0.4 up to frame 640); with the run-in
   * fading in, lambda comes down with the signal's level and that spell ends by frame 256 (≤ 0.02 bands per
   * frame after it). Deterministic like the rest: the same silence and ramp before every segment.
   */
  static final int SILENT_LEAD_IN_FRAMES = 2;
  private static final int FRAME = AacEncoder.FRAME;
  /** Frames around a seam that the check decodes: two before it (decoder state), two after. */
  private static final int SEAM_FRAMES = 2;

  /**
   * Where segments start and how much each encoder runs in before its first kept frame.
   *
   * @param segmentFrames AAC frames (1024 samples) per segment
   * @param prerollFrames frames encoded and dropped before each segment (but the first)
   */
  record Layout(int segmentFrames, int prerollFrames) {
    /**
     * 87.4 s segments, 8.2 s of run-in entered from silence: at most 9.5 % more encoding (2 + 384 + 4 frames per
     * 4096). Measured on 20 minutes of pink noise and of orchestral music against one encoder
     * (docs/BENCHMARKS-audio-seams.md): the p that seam frames are worse than the rest was 0.78 and 0.41; with
     * 256 frames of run-in 0.24 and 0.25, but noise's frames 4–16 after a seam were then worse (p = 2e-10). The
     * settling takes frames, not seconds of segment, so 43.7-s segments would pay the same run-in twice as often.
     */
    static final Layout DEFAULT = new Layout(4096, 384);
    /** The longest segments {@link #forTrack} makes: 174.8 s, ~72 MB of samples in a worker's memory. */
    static final int MAX_SEGMENT_FRAMES = 8192;
    /** {@link #forTrack} lengthens segments only while a track keeps at least this many of them. */
    static final int MIN_SEGMENTS_WHEN_LONGER = 32;

    /**
     * The layout for a track of {@code totalSamples}: {@link #DEFAULT}'s, its segments doubled in length (up to
     * {@link #MAX_SEGMENT_FRAMES}) while the track still has {@link #MIN_SEGMENTS_WHEN_LONGER} or more of them,
     * that is from about 90 minutes. Why: the run-in is paid per segment (9.5 % more encoding at 4096 frames,
     * 4.8 % at 8192), and the seams are as good whatever the segment's length, since the run-in settles the
     * encoder in frames, not in seconds of segment (measured on 100 minutes of music, speech and noise: seam
     * frames no worse than the rest, p 0.29–0.33; docs/BENCHMARKS-audio-seams.md). The cost is on the critical path: on N slots the audio takes
     * about ⌈segments / N⌉ segments' time, which doubled segments make at most half a doubled segment longer
     * (⌈s / 2N⌉ ≤ ⌈s / N⌉ / 2 + 1/2): ~1.3 CPU-s, on any N; keeping 32 segments or more keeps the track spread
     * over that many slots. Depends only on the length, like the segments themselves, so the bytes never
     * depend on where they are encoded.
     */
    static Layout forTrack(long totalSamples) {
      int frames = DEFAULT.segmentFrames();
      while (frames < MAX_SEGMENT_FRAMES
          && new Layout(frames * 2, DEFAULT.prerollFrames()).segments(totalSamples) >= MIN_SEGMENTS_WHEN_LONGER) {
        frames *= 2;
      }
      return new Layout(frames, DEFAULT.prerollFrames());
    }

    Layout {
      if (segmentFrames < 2 * SEAM_FRAMES || prerollFrames < SEAM_FRAMES || prerollFrames > segmentFrames) {
        throw new IllegalArgumentException(
            "bad AAC segment layout: " + segmentFrames + " frames, preroll " + prerollFrames);
      }
    }

    long segmentSamples() {
      return (long) segmentFrames * FRAME;
    }

    /** Segments of a track of {@code totalSamples}. */
    int segments(long totalSamples) {
      return (int) Math.max(1, (totalSamples + segmentSamples() - 1) / segmentSamples());
    }
  }

  /** A seam whose decoded samples were worse than the single encoder's; the track must be encoded whole. */
  static final class SeamMismatch extends Exception {
    SeamMismatch(String message) {
      super(message);
    }
  }

  private final Layout layout;
  private final long total;
  private final int segments;

  SegmentedAacEncoder(Layout layout, long totalSamples) {
    this.layout = layout;
    this.total = totalSamples;
    this.segments = layout.segments(totalSamples);
  }

  /**
   * Reads all {@code totalSamples} of {@code source}, encodes them in {@code layout}'s segments on up to
   * {@code threads} threads and writes the joined stream to {@code packetFile}. Closes {@code source}.
   */
  static EncodedAudio encode(PcmSource source, long totalSamples, Layout layout, int threads, Path packetFile)
      throws SeamMismatch {
    try (PcmSource pcm = source) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      return new SegmentedAacEncoder(layout, totalSamples).run(pcm, threads, packetFile);
    }
  }

  /** The samples one segment's encoder is fed, and which of its frames are kept. */
  record Input(int index, long feedStart, long keepStart, long keepEnd, float[] left, float[] right) {}

  /**
   * One segment's kept frames; for the check of the seams on either side, its input just after its start and
   * its frames just past its end.
   */
  record Output(int index, List<AacPacket> kept, List<AacPacket> pastEnd, float[] headLeft,
      float[] headRight) {}

  private EncodedAudio run(PcmSource pcm, int threads, Path packetFile) throws SeamMismatch {
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "videogen-aac-" + names.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try (Joiner joiner = new Joiner(packetFile)) {
      Deque<Future<Output>> inFlight = new ArrayDeque<>();
      Input input = null;
      for (int k = 0; k < segments; k++) {
        input = read(pcm, k, input);
        Input task = input;
        inFlight.add(pool.submit(() -> encode(task)));
        if (inFlight.size() > threads) {
          joiner.add(await(inFlight.poll()));
        }
      }
      while (!inFlight.isEmpty()) {
        joiner.add(await(inFlight.poll()));
      }
      return joiner.finish(total, segments);
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  /**
   * Joins segments' outputs, given in order, into one packet file, checking every seam. Owns the packet
   * file's writer and the seam check; the caller deletes the file if the join fails.
   */
  static final class Joiner implements AutoCloseable {
    // The stream's codec parameters come from an encoder configured as every segment's.
    private final AacEncoder reference = new AacEncoder();
    private final PacketFile.Writer writer;
    private final AacSeamCheck seams;
    private Output previous;

    Joiner(Path packetFile) {
      PacketFile.Writer opened = null;
      try {
        opened = reference.newPacketFile(packetFile);
        seams = new AacSeamCheck(reference);
      } catch (RuntimeException | Error e) {
        if (opened != null) {
          opened.close();
        }
        reference.close();
        throw e;
      }
      writer = opened;
    }

    /** Checks the seam with the previous segment and writes {@code next}'s frames. */
    void add(Output next) throws SeamMismatch {
      int expected = previous == null ? 0 : previous.index() + 1;
      if (next.index() != expected) {
        throw new IllegalArgumentException("AAC segment " + next.index() + " given where " + expected + " belongs");
      }
      previous = join(previous, next, seams, writer);
    }

    EncodedAudio finish(long totalSamples, int segments) {
      if (previous == null || previous.index() != segments - 1) {
        throw new IllegalStateException("joined " + (previous == null ? 0 : previous.index() + 1) + " of "
            + segments + " AAC segments");
      }
      return new EncodedAudio(totalSamples, writer.packets(), segments);
    }

    @Override
    public void close() {
      try {
        seams.close();
      } finally {
        try {
          writer.close();
        } finally {
          reference.close();
        }
      }
    }
  }

  /** Segment {@code k}'s samples: the overlap with {@code previous} copied, the rest read from {@code pcm}. */
  Input read(PcmSource pcm, int k, Input previous) {
    Span span = span(k);
    long feedStart = span.feedStart();
    int length = Math.toIntExact(span.feedEnd() - feedStart);
    float[] left = new float[length];
    float[] right = new float[length];
    int filled = 0;
    if (previous != null) {
      long previousEnd = previous.feedStart() + previous.left().length;
      filled = Math.toIntExact(previousEnd - feedStart);
      int from = Math.toIntExact(feedStart - previous.feedStart());
      System.arraycopy(previous.left(), from, left, 0, filled);
      System.arraycopy(previous.right(), from, right, 0, filled);
    }
    while (filled < length) {
      int count = pcm.read(left, right, filled, length - filled);
      if (count < 0) {
        throw new IllegalStateException("the track ended at sample " + (feedStart + filled) + " of " + total);
      }
      filled += count;
    }
    return new Input(k, feedStart, span.keepStart(), span.keepEnd(), left, right);
  }

  /** Which samples segment {@code k}'s encoder is fed ({@code [feedStart, feedEnd)}) and which it keeps. */
  record Span(long feedStart, long keepStart, long keepEnd, long feedEnd) {}

  Span span(int k) {
    long keepStart = k * layout.segmentSamples();
    long keepEnd = Math.min(total, keepStart + layout.segmentSamples());
    long feedStart = Math.max(0, keepStart - (long) layout.prerollFrames() * FRAME);
    long feedEnd = k == segments - 1 ? total : Math.min(total, keepEnd + (long) POSTROLL_FRAMES * FRAME);
    return new Span(feedStart, keepStart, keepEnd, feedEnd);
  }

  /** Runs one segment's encoder over its samples and keeps its frames (on a pool thread). */
  Output encode(Input in) {
    boolean first = in.index() == 0;
    boolean last = in.index() == segments - 1;
    long keepFrom = first ? Long.MIN_VALUE : in.keepStart();
    long keepTo = last ? Long.MAX_VALUE : in.keepEnd();
    List<AacPacket> kept = new ArrayList<>(layout.segmentFrames() + 1);
    List<AacPacket> pastEnd = new ArrayList<>(SEAM_FRAMES);
    try (AacEncoder encoder = new AacEncoder()) {
      Consumer<AVPacket> sink = packet -> {
        long pts = packet.pts();
        if (pts >= keepFrom && pts < keepTo) {
          kept.add(AacPacket.copyOf(packet));
        } else if (pts >= keepTo && pts < keepTo + SEAM_FRAMES * FRAME) {
          pastEnd.add(AacPacket.copyOf(packet));
        }
      };
      int length = in.left().length;
      int offset = first ? 0 : enterFromSilence(encoder, in, sink);
      for (; offset < length; offset += FRAME) {
        int count = Math.min(FRAME, length - offset);
        encoder.encode(in.left(), in.right(), offset, count, in.feedStart() + offset, sink);
      }
      encoder.flush(sink);
    }
    checkTimeline(in, kept, first, last);
    int head = Math.toIntExact(Math.min(SEAM_FRAMES * FRAME, in.keepEnd() - in.keepStart()));
    int at = Math.toIntExact(in.keepStart() - in.feedStart());
    return new Output(in.index(), kept, pastEnd, java.util.Arrays.copyOfRange(in.left(), at, at + head),
        java.util.Arrays.copyOfRange(in.right(), at, at + head));
  }

  /**
   * Feeds {@code encoder} {@link #SILENT_LEAD_IN_FRAMES} frames of silence, then the first third of the run-in
   * of {@code in} faded in linearly from silence (into a copy: the samples are shared with the next segment);
   * returns the offset in {@code in} reached.
   */
  private int enterFromSilence(AacEncoder encoder, Input in, Consumer<AVPacket> sink) {
    float[] left = new float[FRAME];
    float[] right = new float[FRAME];
    for (int frame = SILENT_LEAD_IN_FRAMES; frame > 0; frame--) {
      encoder.encode(left, right, 0, FRAME, in.feedStart() - (long) frame * FRAME, sink);
    }
    int fade = layout.prerollFrames() / 3 * FRAME;
    for (int offset = 0; offset < fade; offset += FRAME) {
      for (int i = 0; i < FRAME; i++) {
        float gain = (offset + i) / (float) fade;
        left[i] = in.left()[offset + i] * gain;
        right[i] = in.right()[offset + i] * gain;
      }
      encoder.encode(left, right, 0, FRAME, in.feedStart() + offset, sink);
    }
    return fade;
  }

  /** The kept frames must tile the segment exactly: 1024 apart from its start (the priming frame first). */
  private void checkTimeline(Input in, List<AacPacket> kept, boolean first, boolean last) {
    long expected = first ? -FRAME : in.keepStart();
    for (AacPacket packet : kept) {
      if (packet.pts() != expected) {
        throw new IllegalStateException(
            "segment " + in.index() + ": frame at pts " + packet.pts() + ", expected " + expected);
      }
      expected += FRAME;
    }
    long end = kept.isEmpty() ? expected : kept.get(kept.size() - 1).pts() + kept.get(kept.size() - 1).duration();
    long wanted = last ? total : in.keepEnd();
    if (end != wanted) {
      throw new IllegalStateException("segment " + in.index() + " ends at " + end + ", expected " + wanted);
    }
  }

  /** Checks the seam between {@code previous} and {@code next}, writes {@code next}'s frames, returns it. */
  static Output join(Output previous, Output next, AacSeamCheck seams, PacketFile.Writer writer)
      throws SeamMismatch {
    if (previous != null) {
      List<AacPacket> before = previous.kept().subList(previous.kept().size() - SEAM_FRAMES, previous.kept().size());
      int after = Math.min(SEAM_FRAMES, next.kept().size());
      if (previous.pastEnd().size() < after
          || !seams.seamless(before, next.kept().subList(0, after), previous.pastEnd().subList(0, after),
              next.headLeft(), next.headRight(), next.headLeft().length)) {
        throw new SeamMismatch("AAC segments " + previous.index() + " and " + next.index() + " do not join cleanly");
      }
    }
    for (AacPacket packet : next.kept()) {
      writer.write(packet.pts(), packet.pts(), packet.duration(), packet.key(), packet.data(), packet.data().length);
    }
    return next;
  }

  private static Output await(Future<Output> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encoding audio", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Waits for encoders still running (after a failure) so that none outlives the call with its natives. */
  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
