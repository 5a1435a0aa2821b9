package dev.videogen.media.plan;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.spec.AudioTrackSpec;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.SlideSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns a validated spec and its probed inputs into a {@link JobPlan}. Pure: no I/O. */
public final class JobPlanner {
  public static final int AUDIO_SAMPLE_RATE = 48_000;
  /** Bump when a change alters the bytes rendered for the same spec: old chunks and outputs then differ. */
  public static final String FORMAT_VERSION = "videogen-render-2";

  private JobPlanner() {}

  /**
   * @param images the probed (EXIF-oriented) size of every image the spec names, by resolved URI
   * @param audio the decoded length of each audio track, in spec order
   * @param renderSettings every setting outside the spec that changes the bytes (encoder threads, chunking)
   */
  public static JobPlan plan(JobSpec spec, Map<String, ImageInfo> images, List<AudioTrackInfo> audio, String renderSettings) {
    return plan(spec, images, Map.of(), audio, renderSettings);
  }

  /**
   * As {@link #plan(JobSpec, Map, List, String)}, with the SHA-256 of each image's bytes by URI, so that
   * chunks showing the same picture under different names share a content key.
   */
  public static JobPlan plan(JobSpec spec, Map<String, ImageInfo> images, Map<String, String> imageDigests,
      List<AudioTrackInfo> audio, String renderSettings) {
    if (spec.output() == null) {
      throw new BadInputException("output", "missing: set it in the spec or pass --output");
    }
    FrameRate fps = spec.video().fps();
    BigDecimal duration = switch (spec.durationMode()) {
      case AUDIO -> audioSeconds(audio);
      case SLIDES -> SlideTimeline.slidesSeconds(spec.slides());
      case FIXED -> BigDecimal.valueOf(spec.fixedSeconds());
    };
    long frames = SlideTimeline.frameAt(duration, fps);
    if (frames < 1) {
      throw new BadInputException("duration", "is shorter than one frame (" + duration.round(new MathContext(6)) + " s)");
    }
    List<SlideSegment> segments = new ArrayList<>();
    for (TimedSlide timed : SlideTimeline.place(spec.slides(), spec.loop(), duration, fps)) {
      SlideSpec slide = spec.slides().get(timed.slideIndex());
      ImageInfo image = images.get(slide.image());
      if (image == null) {
        throw new IllegalArgumentException("no probe for " + slide.image());
      }
      segments.add(new SlideSegment(timed.slideIndex(), slide.image(), image.width(), image.height(),
          timed.startFrame(), timed.endFrame(), slide.from(), slide.to(), slide.easing(), slide.fit()));
    }
    TransitionTimeline.Placed placed = TransitionTimeline.place(spec, segments, frames);
    List<PlannedAudio> plannedAudio = new ArrayList<>();
    for (int i = 0; i < spec.audio().size(); i++) {
      AudioTrackSpec track = spec.audio().get(i);
      plannedAudio.add(new PlannedAudio(track.uri(), track.fadeIn(), track.fadeOut(), audio.get(i)));
    }
    return new JobPlan(spec, specHash(spec, renderSettings), frames, placed.segments(), plannedAudio,
        audioSamples(frames, fps), imageDigests, placed.composition());
  }

  /** The exact total length of the decoded tracks, Σ samples_i / rate_i. */
  static BigDecimal audioSeconds(List<AudioTrackInfo> tracks) {
    BigDecimal seconds = BigDecimal.ZERO;
    for (AudioTrackInfo track : tracks) {
      seconds = seconds.add(BigDecimal.valueOf(track.samples()).divide(BigDecimal.valueOf(track.sampleRate()), MathContext.DECIMAL128));
    }
    return seconds;
  }

  /** 48 kHz samples in N frames, rounded half up: the audio is made exactly as long as the video. */
  static long audioSamples(long frames, FrameRate fps) {
    long numerator = frames * AUDIO_SAMPLE_RATE * (long) fps.den();
    return (2 * numerator + fps.num()) / (2L * fps.num());
  }

  /**
   * SHA-256 over everything that determines the rendered bytes; the output location is left out. A spec
   * without transitions or fades hashes exactly as job spec v1 did ({@link JobSpec#canonicalText}).
   */
  public static String specHash(JobSpec spec, String renderSettings) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String canonical = FORMAT_VERSION + "\n" + spec.withOutput(null).canonicalText() + "\n" + renderSettings;
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
