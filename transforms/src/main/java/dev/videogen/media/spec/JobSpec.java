package dev.videogen.media.spec;

import java.io.Serializable;
import java.util.List;

/**
 * A validated job spec v1. Every URI is resolved against the spec's folder; {@code fixedSeconds} is set only
 * when {@code durationMode} is {@link DurationMode#FIXED}. {@code audioCrossfade} (seconds, 0 = none) is the
 * overlap at every seam between tracks that do not set their own; {@code loudness} is null when the job does
 * not normalise.
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
    LoudnessSpec loudness)
    implements Serializable {

  public JobSpec {
    audio = List.copyOf(audio);
    slides = List.copyOf(slides);
  }

  /** A job without crossfades or loudness normalisation (spec v1). */
  public JobSpec(String id, String output, VideoSettings video, List<AudioTrackSpec> audio,
      DurationMode durationMode, double fixedSeconds, boolean loop, List<SlideSpec> slides) {
    this(id, output, video, audio, durationMode, fixedSeconds, loop, slides, 0, null);
  }

  /** The same job writing to another output (the CLI's {@code --output}). */
  public JobSpec withOutput(String newOutput) {
    return new JobSpec(id, newOutput, video, audio, durationMode, fixedSeconds, loop, slides, audioCrossfade,
        loudness);
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
   * The record's own text, with the audio extensions only when set: {@link dev.videogen.media.plan.JobPlanner#specHash}
   * hashes this text, and a v1 job must keep the hash it had before they existed (--resume relies on it).
   */
  @Override
  public String toString() {
    return "JobSpec[id=" + id + ", output=" + output + ", video=" + video + ", audio=" + audio
        + ", durationMode=" + durationMode + ", fixedSeconds=" + fixedSeconds + ", loop=" + loop
        + ", slides=" + slides
        + (audioCrossfade == 0 ? "" : ", audioCrossfade=" + audioCrossfade)
        + (loudness == null ? "" : ", loudness=" + loudness) + "]";
  }
}
