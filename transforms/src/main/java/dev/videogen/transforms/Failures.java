package dev.videogen.transforms;

import dev.videogen.media.BadInputException;

/** Turns a known bad-input error into the text of a failure record. */
final class Failures {
  private Failures() {}

  static String describe(BadInputException e) {
    return e.getMessage();
  }
}
