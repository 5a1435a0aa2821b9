package dev.videogen.media.plan;

/** A slide of the spec placed on the frame grid: frames [startFrame, endFrame). */
public record TimedSlide(int slideIndex, long startFrame, long endFrame) {}
