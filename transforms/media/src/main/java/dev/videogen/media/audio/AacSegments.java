package dev.videogen.media.audio;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.codec.FFmpegLog;
import dev.videogen.media.audio.SegmentedAacEncoder.Input;
import dev.videogen.media.audio.SegmentedAacEncoder.Layout;
import dev.videogen.media.audio.SegmentedAacEncoder.Output;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntFunction;

/**
 * A long track's AAC encoding split into segments that separate workers encode, in three steps that each
 * run where the caller likes (a Beam pipeline runs them as elements over all its slots; worth it for tracks of
 * {@link AudioTrackEncoder#MIN_SEGMENTED_SAMPLES} or more):
 *
 * <ol>
 *   <li>{@link #writeFeeds}: the clips are decoded and mixed once, and each segment's samples (its run-in and
 *       post-roll included) are handed over as a file;
 *   <li>{@link #encode}: one segment's file in, its frames out (as a file), on any worker, in any order;
 *   <li>{@link #join}: the segments' frames, in order, into one packet file, every seam checked; if a seam
 *       does not join cleanly the track is encoded by one encoder from the segments' samples instead.
 * </ol>
 *
 * The bytes are those of {@link AudioTrackEncoder#encode} with segmenting on, whichever worker encodes which
 * segment (the layout depends only on the track's length). A worker holds one segment's samples at a time
 * (~37 MB; ~72 MB for tracks of 90 minutes or more, whose segments are twice as long); the files of a track
 * hold its samples once more (9.5 % more: the run-ins; 4.8 % with the longer segments).
 *
 * @param totalSamples the track's length in samples at 48 kHz
 * @param segmentFrames AAC frames per segment
 * @param prerollFrames frames of run-in before each segment but the first
 */
public record AacSegments(long totalSamples, int segmentFrames, int prerollFrames) implements Serializable {
  private static final System.Logger LOG = System.getLogger(AacSegments.class.getName());

  public AacSegments {
    if (totalSamples <= 0) {
      throw new IllegalArgumentException("totalSamples must be > 0: " + totalSamples);
    }
    new Layout(segmentFrames, prerollFrames); // checks the layout
  }

  /** The layout for a track of {@code totalSamples} (see {@code SegmentedAacEncoder.Layout#forTrack}). */
  public static AacSegments of(long totalSamples) {
    Layout layout = Layout.forTrack(totalSamples);
    return new AacSegments(totalSamples, layout.segmentFrames(), layout.prerollFrames());
  }

  public int count() {
    return layout().segments(totalSamples);
  }

  /**
   * The AAC frames the segments' encoders encode in all: each segment's samples with its run-in and post-roll,
   * the silent lead-in and each encoder's flush. What the segments cost, where one encoder would encode the
   * track's own frames and one flush.
   */
  public long encodedFrames() {
    SegmentedAacEncoder encoder = encoder();
    long frames = 0;
    for (int k = 0; k < count(); k++) {
      SegmentedAacEncoder.Span span = encoder.span(k);
      long fed = (span.feedEnd() - span.feedStart() + AacEncoder.FRAME - 1) / AacEncoder.FRAME;
      frames += fed + 1 + (k > 0 ? SegmentedAacEncoder.SILENT_LEAD_IN_FRAMES : 0);
    }
    return frames;
  }

  /** Where one segment's samples go: the caller publishes the file, which is then its own. */
  @FunctionalInterface
  public interface FeedSink {
    void accept(int segment, Path samples) throws IOException;
  }

  /**
   * Decodes and mixes {@code clips} once (with the true-peak limiter when {@code truePeak} is present, as
   * {@link AudioTrackEncoder#encode} does) and hands each segment's samples to {@code sink} as a new file
   * in {@code folder}, in order. A file the sink did not take away is deleted.
   *
   * @throws dev.videogen.media.BadInputException if a clip cannot be decoded
   */
  public void writeFeeds(List<AudioClip> clips, OptionalDouble truePeak, Path folder, FeedSink sink)
      throws IOException {
    FFmpegLog.configure();
    writeFeeds(AudioTrackEncoder.source(clips, totalSamples, truePeak), folder, sink);
  }

  /** As {@link #writeFeeds(List, OptionalDouble, Path, FeedSink)}, from the track's samples. Closes {@code source}. */
  void writeFeeds(PcmSource source, Path folder, FeedSink sink) throws IOException {
    SegmentedAacEncoder encoder = encoder();
    try (PcmSource pcm = source) {
      Input input = null;
      for (int k = 0; k < count(); k++) {
        input = encoder.read(pcm, k, input);
        Path file = Files.createTempFile(folder, "audio-segment-", ".f32");
        try {
          AacSegmentFiles.writeFeed(input, file);
          sink.accept(k, file);
        } finally {
          LocalFiles.deleteQuietly(file);
        }
      }
    }
  }

  /** Encodes segment {@code segment} from its samples ({@code feed}) and writes its frames to {@code encoded}. */
  public void encode(int segment, Path feed, Path encoded) {
    FFmpegLog.configure();
    checkIndex(segment);
    Input input = AacSegmentFiles.readFeed(feed, segment);
    SegmentedAacEncoder encoder = encoder();
    SegmentedAacEncoder.Span expected = encoder.span(segment);
    if (input.feedStart() != expected.feedStart() || input.keepStart() != expected.keepStart()
        || input.keepEnd() != expected.keepEnd() || input.feedStart() + input.left().length != expected.feedEnd()) {
      throw new IllegalStateException(feed + " holds samples " + input.feedStart() + "+" + input.left().length
          + " for another layout than segment " + segment + " of " + this);
    }
    AacSegmentFiles.writeEncoded(encoder.encode(input), encoded);
  }

  /**
   * Joins every segment's frames ({@code encoded.apply(k)}, k from 0) into {@code packetFile}. If a seam does
   * not join cleanly, the track is encoded by one encoder from the segments' samples ({@code feeds.apply(k)})
   * instead, and the result says so ({@link EncodedAudio#segments()} is 1). On failure no packet file is left.
   */
  public EncodedAudio join(IntFunction<Path> encoded, IntFunction<Path> feeds, Path packetFile) {
    FFmpegLog.configure();
    boolean complete = false;
    try {
      EncodedAudio audio;
      try (SegmentedAacEncoder.Joiner joiner = new SegmentedAacEncoder.Joiner(packetFile)) {
        for (int k = 0; k < count(); k++) {
          joiner.add(AacSegmentFiles.readEncoded(encoded.apply(k), k));
        }
        audio = joiner.finish(totalSamples, count());
      } catch (SegmentedAacEncoder.SeamMismatch e) {
        LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; encoding the track with one encoder instead");
        audio = AudioTrackEncoder.encodeWhole(new FeedSamples(feeds), totalSamples, packetFile);
      }
      complete = true;
      return audio;
    } finally {
      if (!complete) {
        LocalFiles.deleteQuietly(packetFile);
      }
    }
  }

  private Layout layout() {
    return new Layout(segmentFrames, prerollFrames);
  }

  private SegmentedAacEncoder encoder() {
    return new SegmentedAacEncoder(layout(), totalSamples);
  }

  private void checkIndex(int segment) {
    if (segment < 0 || segment >= count()) {
      throw new IndexOutOfBoundsException("segment " + segment + " of " + count());
    }
  }

  /** The track again, from the kept part of each segment's samples, one segment in memory at a time. */
  private final class FeedSamples implements PcmSource {
    private final IntFunction<Path> feeds;
    private int next;
    private Input current;
    private int position;

    FeedSamples(IntFunction<Path> feeds) {
      this.feeds = feeds;
    }

    @Override
    public int read(float[] left, float[] right, int offset, int length) {
      while (current == null || position == current.keepEnd() - current.feedStart()) {
        if (next == count()) {
          return -1;
        }
        current = AacSegmentFiles.readFeed(feeds.apply(next), next);
        position = Math.toIntExact(current.keepStart() - current.feedStart());
        next++;
      }
      int count = Math.min(length, Math.toIntExact(current.keepEnd() - current.feedStart()) - position);
      System.arraycopy(current.left(), position, left, offset, count);
      System.arraycopy(current.right(), position, right, offset, count);
      position += count;
      return count;
    }

    @Override
    public void close() {
      current = null;
    }
  }
}
