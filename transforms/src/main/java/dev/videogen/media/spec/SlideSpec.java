package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * One slide as written in the spec; {@code image} is already resolved. {@code seconds} is null when the
 * spec leaves the slide's length to the timing rules.
 */
public record SlideSpec(
    String image, Double seconds, CameraPoint from, CameraPoint to, Easing easing, Fit fit)
    implements Serializable {}
