package dev.videogen.media.camera;

/** The part of the image a frame shows, in image pixels (real numbers, never rounded). */
public record View(double left, double top, double width, double height) {}
