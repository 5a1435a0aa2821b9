package dev.videogen.media.spec;

import java.io.Serializable;
import java.util.List;

/**
 * A validated job spec v1. Every URI is resolved against the spec's folder; {@code fixedSeconds} is set only
 * when {@code durationMode} is {@link DurationMode#FIXED}.
 */
public record JobSpec(
    String id,
    String output,
    VideoSettings video,
    List<AudioTrackSpec> audio,
    DurationMode durationMode,
    double fixedSeconds,
    boolean loop,
    List<SlideSpec> slides)
    implements Serializable {

  public JobSpec {
    audio = List.copyOf(audio);
    slides = List.copyOf(slides);
  }

  /** The same job writing to another output (the CLI's {@code --output}). */
  public JobSpec withOutput(String newOutput) {
    return new JobSpec(id, newOutput, video, audio, durationMode, fixedSeconds, loop, slides);
  }
}
