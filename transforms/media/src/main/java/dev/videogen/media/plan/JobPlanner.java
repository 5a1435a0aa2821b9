package dev.videogen.media.plan;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.Sha256;
import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.captions.Cue;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.spec.Anchor;
import dev.videogen.media.spec.AudioTrackSpec;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.Length;
import dev.videogen.media.spec.Placement;
import dev.videogen.media.spec.SlideSpec;
import dev.videogen.media.spec.TextStyle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a validated spec and its probed inputs into a {@link JobPlan}. Pure: no I/O. */
public final class JobPlanner {
  public static final int AUDIO_SAMPLE_RATE = 48_000;
  /** Bump when a change alters the bytes rendered for the same spec: old chunks and outputs then differ. */
  public static final String FORMAT_VERSION = "videogen-render-2";

  private JobPlanner() {}

  /**
   * @param images the probed (EXIF-oriented) size of every image the spec names, by resolved URI (overlay
   *     pictures may be left out: their drawn size is then checked only when they are drawn)
   * @param audio the decoded length of each audio track, in spec order
   * @param renderSettings every setting outside the spec that changes the bytes (encoder threads, chunking)
   */
  public static JobPlan plan(JobSpec spec, Map<String, ImageInfo> images, List<AudioTrackInfo> audio, String renderSettings) {
    return plan(spec, images, Map.of(), audio, renderSettings);
  }

  /**
   * As {@link #plan(JobSpec, Map, List, String)}, with the SHA-256 of the bytes of each image (slides and
   * overlay pictures) and overlay font file by URI, so that chunks showing the same picture under different
   * names share a content key.
   */
  /** Burnt-in captions: text 5 % of the frame's height, centred 8 % above its bottom edge. */
  static final double BURNT_CAPTION_SIZE = 0.05;
  static final Placement BURNT_CAPTION_POSITION = new Placement(Anchor.BOTTOM, Length.ZERO, Length.fraction(0.08));

  public static JobPlan plan(JobSpec spec, Map<String, ImageInfo> images, Map<String, String> imageDigests,
      List<AudioTrackInfo> audio, String renderSettings) {
    return plan(spec, images, imageDigests, audio, List.of(), renderSettings);
  }

  /**
   * As {@link #plan(JobSpec, Map, Map, List, String)}, with the cues of the spec's caption file as parsed
   * (see {@link dev.videogen.media.captions.CueParser}); empty when the spec has no captions.
   */
  public static JobPlan plan(JobSpec spec, Map<String, ImageInfo> images, Map<String, String> imageDigests,
      List<AudioTrackInfo> audio, List<Cue> captions, String renderSettings) {
    if (spec.output() == null) {
      throw new BadInputException("output", "missing: set it in the spec or pass --output");
    }
    FrameRate fps = spec.video().fps();
    long[] overlaps = crossfades(spec, audio);
    BigDecimal duration = switch (spec.durationMode()) {
      case AUDIO -> audioSeconds(audio).subtract(
          BigDecimal.valueOf(java.util.Arrays.stream(overlaps).sum()).divide(BigDecimal.valueOf(AUDIO_SAMPLE_RATE), MathContext.DECIMAL128));
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
      plannedAudio.add(new PlannedAudio(track.uri(), track.fadeIn(), track.fadeOut(), audio.get(i), overlaps[i],
          gain(spec, i, audio.get(i)), track.stream()));
    }
    Composition composition = spec.overlays().isEmpty() ? placed.composition()
        : placed.composition().withOverlays(OverlayPlanner.place(spec, frames, plannedAudio, images, imageDigests));
    PlannedExtras extras =
        ExtrasPlanner.plan(spec, plannedAudio, placed.segments(), frames, composition, captions);
    if (spec.captions() != null && spec.captions().burnIn()) {
      // Drawn from the cues as the video shows them (cut at its end), above every overlay; they key their chunks.
      composition = composition.withOverlays(composition.overlays().plus(OverlayPlanner.captions(extras.captions(),
          TextStyle.caption(BURNT_CAPTION_SIZE), BURNT_CAPTION_POSITION, fps, frames)));
    }
    return new JobPlan(spec, specHash(spec, renderSettings), frames, placed.segments(), plannedAudio,
        audioSamples(frames, fps), imageDigests, composition, extras);
  }

  /**
   * Each track's overlap with the one before it in 48 kHz samples, {@code round(crossfade * 48000)}, checked
   * against the tracks' decoded lengths L (at 48 kHz): an overlap must be shorter than both tracks it joins,
   * and a track at least as long as its two overlaps together, so at most two tracks sound at once.
   */
  static long[] crossfades(JobSpec spec, List<AudioTrackInfo> audio) {
    int count = spec.audio().size();
    long[] overlaps = new long[count];
    for (int i = 1; i < count; i++) {
      overlaps[i] = Math.round(spec.crossfadeSeconds(i) * AUDIO_SAMPLE_RATE);
    }
    for (int i = 1; i < count; i++) {
      if (overlaps[i] == 0) {
        continue;
      }
      String seam = seamName(spec, i);
      for (int side : new int[] {i - 1, i}) {
        long length = audio.get(side).samplesAt(AUDIO_SAMPLE_RATE);
        if (overlaps[i] >= length) {
          throw new BadInputException(spec.crossfadeField(i), seam + "the overlap of " + seconds(overlaps[i])
              + " s is not shorter than " + spec.audio().get(side).uri() + " (audio[" + side + "], "
              + seconds(length) + " s decoded)");
        }
      }
      long before = audio.get(i - 1).samplesAt(AUDIO_SAMPLE_RATE);
      if (overlaps[i - 1] + overlaps[i] > before) {
        throw new BadInputException(spec.crossfadeField(i), seam + spec.audio().get(i - 1).uri() + " (audio["
            + (i - 1) + "], " + seconds(before) + " s decoded) is shorter than its two crossfades together ("
            + seconds(overlaps[i - 1]) + " s + " + seconds(overlaps[i]) + " s): at most two tracks may sound at once");
      }
    }
    return overlaps;
  }

  private static String seamName(JobSpec spec, int i) {
    return spec.audio().get(i).crossfade() != null ? "" : "at the seam before audio[" + i + "]: ";
  }

  private static String seconds(long samples) {
    return BigDecimal.valueOf(samples).divide(BigDecimal.valueOf(AUDIO_SAMPLE_RATE), 3, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }

  /**
   * The linear gain that brings track {@code i} to the job's loudness target:
   * 10^((target - measured + makeup) / 20), the makeup making up for what the limiter takes (see
   * {@link dev.videogen.media.audio.LoudnessNormaliser}); 1 without normalisation or for a silent track (no
   * block above the gates). StrictMath: the same bits on every worker.
   */
  static double gain(JobSpec spec, int i, AudioTrackInfo info) {
    if (spec.loudness() == null) {
      return 1.0;
    }
    if (!info.measured()) {
      throw new IllegalArgumentException("audio[" + i + "] was not measured for loudness");
    }
    if (info.loudness() == Double.NEGATIVE_INFINITY) {
      return 1.0;
    }
    return StrictMath.pow(10, (spec.loudness().target() - info.loudness() + info.makeup()) / 20);
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
    return Sha256.hex(FORMAT_VERSION + "\n" + spec.withOutput(null).canonicalText() + "\n" + renderSettings);
  }
}
