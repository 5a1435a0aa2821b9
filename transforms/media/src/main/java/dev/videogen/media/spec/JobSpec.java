package dev.videogen.media.spec;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A validated job spec. Every URI is resolved against the spec's folder; {@code fixedSeconds} is set only
 * when {@code durationMode} is {@link DurationMode#FIXED}. {@code audioCrossfade} (seconds, 0 = none) is the
 * overlap at every seam between tracks that do not set their own; {@code loudness} is null when the job does
 * not normalise. {@code transition} is the job's default transition into each slide ({@link Transition#CUT}
 * when the spec has none); {@code fadeIn}/{@code fadeOut} are the video's fades from and to black in seconds
 * (0 = none). {@code chapters}, {@code captions} and {@code thumbnail} are null when the job has none;
 * {@code overlays} are the timed text and picture layers drawn over every frame (empty: none).
 */
public record JobSpec(
    String id,
    String output,
    VideoSettings video,
    List<AudioTrackSpec> audio,
    DurationMode durationMode,
    double fixedSeconds,
    boolean loop,
    List<SlideSpec> slides,
    double audioCrossfade,
    LoudnessSpec loudness,
    Transition transition,
    double fadeIn,
    double fadeOut,
    ChaptersSpec chapters,
    CaptionsSpec captions,
    ThumbnailSpec thumbnail,
    List<OverlaySpec> overlays)
    implements Serializable {

  public JobSpec {
    audio = List.copyOf(audio);
    slides = List.copyOf(slides);
    overlays = overlays == null ? List.of() : List.copyOf(overlays);
    if (transition == null) {
      transition = Transition.CUT;
    }
  }

  /** A job spec v1: no audio crossfades or loudness normalisation, no transitions, no video fades. */
  public JobSpec(String id, String output, VideoSettings video, List<AudioTrackSpec> audio,
      DurationMode durationMode, double fixedSeconds, boolean loop, List<SlideSpec> slides) {
    this(id, output, video, audio, durationMode, fixedSeconds, loop, slides, 0, null, Transition.CUT, 0, 0);
  }

  /** A job without chapters, captions, a thumbnail or overlays. */
  public JobSpec(String id, String output, VideoSettings video, List<AudioTrackSpec> audio,
      DurationMode durationMode, double fixedSeconds, boolean loop, List<SlideSpec> slides, double audioCrossfade,
      LoudnessSpec loudness, Transition transition, double fadeIn, double fadeOut) {
    this(id, output, video, audio, durationMode, fixedSeconds, loop, slides, audioCrossfade, loudness, transition,
        fadeIn, fadeOut, null, null, null, List.of());
  }

  /** A job with chapters, captions or a thumbnail, without overlays. */
  public JobSpec(String id, String output, VideoSettings video, List<AudioTrackSpec> audio,
      DurationMode durationMode, double fixedSeconds, boolean loop, List<SlideSpec> slides, double audioCrossfade,
      LoudnessSpec loudness, Transition transition, double fadeIn, double fadeOut, ChaptersSpec chapters,
      CaptionsSpec captions, ThumbnailSpec thumbnail) {
    this(id, output, video, audio, durationMode, fixedSeconds, loop, slides, audioCrossfade, loudness, transition,
        fadeIn, fadeOut, chapters, captions, thumbnail, List.of());
  }

  /** A job with overlays, without chapters, captions or a thumbnail. */
  public JobSpec(String id, String output, VideoSettings video, List<AudioTrackSpec> audio,
      DurationMode durationMode, double fixedSeconds, boolean loop, List<SlideSpec> slides, double audioCrossfade,
      LoudnessSpec loudness, Transition transition, double fadeIn, double fadeOut, List<OverlaySpec> overlays) {
    this(id, output, video, audio, durationMode, fixedSeconds, loop, slides, audioCrossfade, loudness, transition,
        fadeIn, fadeOut, null, null, null, overlays);
  }

  /** The same job writing to another output (the CLI's {@code --output}). */
  public JobSpec withOutput(String newOutput) {
    return new JobSpec(id, newOutput, video, audio, durationMode, fixedSeconds, loop, slides, audioCrossfade,
        loudness, transition, fadeIn, fadeOut, chapters, captions, thumbnail, overlays);
  }

  /** The same job with another loudness setting (null: none). */
  public JobSpec withLoudness(LoudnessSpec newLoudness) {
    return new JobSpec(id, output, video, audio, durationMode, fixedSeconds, loop, slides, audioCrossfade,
        newLoudness, transition, fadeIn, fadeOut, chapters, captions, thumbnail, overlays);
  }

  /** The overlap in seconds of track {@code index} with the track before it: its own, else the job's; 0 for the first. */
  public double crossfadeSeconds(int index) {
    if (index == 0) {
      return 0;
    }
    Double own = audio.get(index).crossfade();
    return own != null ? own : audioCrossfade;
  }

  /** The spec field that sets track {@code index}'s crossfade, for error messages. */
  public String crossfadeField(int index) {
    return audio.get(index).crossfade() != null ? "audio[" + index + "].crossfade" : "audioCrossfade";
  }

  /**
   * The text that identifies this spec's content for hashing: v1's fields exactly as the v1 record printed
   * them, then the later fields only where they differ from their defaults. So a v1 spec keeps the hash it
   * always had (finished outputs stay skipped by {@code --resume}), and any extension changes it.
   */
  public String canonicalText() {
    StringBuilder text = new StringBuilder(256)
        .append("JobSpec[id=").append(id).append(", output=").append(output).append(", video=").append(video)
        .append(", audio=").append(audio).append(", durationMode=").append(durationMode)
        .append(", fixedSeconds=").append(fixedSeconds).append(", loop=").append(loop).append(", slides=")
        .append(slides.stream().map(SlideSpec::canonicalText).collect(Collectors.joining(", ", "[", "]")));
    if (audioCrossfade != 0) {
      text.append(", audioCrossfade=").append(audioCrossfade);
    }
    if (loudness != null) {
      text.append(", loudness=").append(loudness);
    }
    if (!transition.isCut()) {
      text.append(", transition=").append(transition);
    }
    if (fadeIn != 0) {
      text.append(", fadeIn=").append(fadeIn);
    }
    if (fadeOut != 0) {
      text.append(", fadeOut=").append(fadeOut);
    }
    if (chapters != null) {
      text.append(", chapters=").append(chapters);
    }
    if (captions != null) {
      text.append(", captions=").append(captions);
    }
    if (thumbnail != null) {
      text.append(", thumbnail=").append(thumbnail);
    }
    if (!overlays.isEmpty()) {
      text.append(", overlays=").append(overlays);
    }
    return text.append(']').toString();
  }

  @Override
  public String toString() {
    return canonicalText();
  }
}
