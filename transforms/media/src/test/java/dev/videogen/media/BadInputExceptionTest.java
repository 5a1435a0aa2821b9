package dev.videogen.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BadInputExceptionTest {
  @Test
  void messageNamesSubjectAndReason() {
    BadInputException e = new BadInputException("img/forest.jpg", "truncated JPEG (no end-of-image marker)");
    assertEquals("img/forest.jpg: truncated JPEG (no end-of-image marker)", e.getMessage());
    assertEquals("img/forest.jpg", e.subject());
  }
}
