package dev.videogen.media.plan;

import dev.videogen.media.FrameRate;
import dev.videogen.media.spec.JobSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to render a job, fixed once: {@code frames} = N, the slide segments covering frames
 * [0, N) without gap or overlap, the audio tracks and the exact number of 48 kHz audio samples (the video's
 * duration). {@code specHash} identifies the rendered content: same hash, same bytes. {@code imageDigests}
 * maps image URIs to the SHA-256 of the bytes read at planning (for chunk content keys; may be empty).
 * {@code composition} holds the transition windows and video fades ({@link Composition#NONE} for a v1 job);
 * with it, {@code segments} carry each slide's visible (camera) range. {@code extras} holds the chapters,
 * captions and thumbnail frame ({@link PlannedExtras#NONE} for a job without them).
 */
public record JobPlan(
    JobSpec spec, String specHash, long frames, List<SlideSegment> segments, List<PlannedAudio> audio, long audioSamples,
    Map<String, String> imageDigests, Composition composition, PlannedExtras extras)
    implements Serializable {

  public JobPlan {
    segments = List.copyOf(segments);
    if (composition == null) {
      composition = Composition.NONE;
    }
    audio = List.copyOf(audio);
    imageDigests = Map.copyOf(imageDigests);
    if (extras == null) {
      extras = PlannedExtras.NONE;
    }
  }

  /** A plan without chapters, captions or a thumbnail. */
  public JobPlan(JobSpec spec, String specHash, long frames, List<SlideSegment> segments, List<PlannedAudio> audio,
      long audioSamples, Map<String, String> imageDigests, Composition composition) {
    this(spec, specHash, frames, segments, audio, audioSamples, imageDigests, composition, PlannedExtras.NONE);
  }

  public String id() {
    return spec.id();
  }

  public FrameRate fps() {
    return spec.video().fps();
  }

  public double seconds() {
    return fps().secondsAt(frames);
  }
}
