package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * One slide as written in the spec; {@code image} is already resolved. {@code seconds} is null when the
 * spec leaves the slide's length to the timing rules; {@code transition} is null when the slide takes the
 * job's transition, else it replaces it for the transition <em>into</em> this slide. {@code title} names the
 * slide's chapter (null: none).
 */
public record SlideSpec(
    String image, Double seconds, CameraPoint from, CameraPoint to, Easing easing, Fit fit, Transition transition,
    String title)
    implements Serializable {

  /** A slide without a title. */
  public SlideSpec(String image, Double seconds, CameraPoint from, CameraPoint to, Easing easing, Fit fit,
      Transition transition) {
    this(image, seconds, from, to, easing, fit, transition, null);
  }

  /** A slide as job spec v1 has it: it takes the job's transition. */
  public SlideSpec(String image, Double seconds, CameraPoint from, CameraPoint to, Easing easing, Fit fit) {
    this(image, seconds, from, to, easing, fit, null);
  }

  /**
   * v1's record text, plus the transition when the slide has its own and the title when it has one (see
   * {@link JobSpec#canonicalText}).
   */
  String canonicalText() {
    return "SlideSpec[image=" + image + ", seconds=" + seconds + ", from=" + from + ", to=" + to + ", easing="
        + easing + ", fit=" + fit + (transition == null ? "" : ", transition=" + transition)
        + (title == null ? "" : ", title=" + title) + "]";
  }
}
