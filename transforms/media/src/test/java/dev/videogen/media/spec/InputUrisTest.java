package dev.videogen.media.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import org.junit.jupiter.api.Test;

class InputUrisTest {
  @Test
  void relativePathsResolveAgainstTheSpecFolder() {
    assertEquals("/jobs/img/a.jpg", InputUris.resolve("/jobs", "img/a.jpg", "f"));
    assertEquals("/img/a.jpg", InputUris.resolve("/jobs", "../img/a.jpg", "f"));
    assertEquals("/abs/a.jpg", InputUris.resolve("/jobs", "/abs/a.jpg", "f"));
    assertEquals("/abs/a.jpg", InputUris.resolve("/jobs", "file:///abs/a.jpg", "f"));
  }

  @Test
  void relativePathsResolveInsideObjectStorage() {
    assertEquals("s3://bucket/jobs/img/a.jpg", InputUris.resolve("s3://bucket/jobs", "img/a.jpg", "f"));
    assertEquals("s3://bucket/img/a.jpg", InputUris.resolve("s3://bucket/jobs", "../img/a.jpg", "f"));
    assertEquals("s3://bucket/a.jpg", InputUris.resolve("s3://bucket/jobs", "../../a.jpg", "f"));
    assertEquals("gs://b/x/y.png", InputUris.resolve("/local", "gs://b/x/y.png", "f"));
  }

  @Test
  void folderOf() {
    assertEquals("s3://bucket/jobs", InputUris.folderOf("s3://bucket/jobs/job.json"));
    assertEquals("/work/jobs", InputUris.folderOf("/work/jobs/job.json"));
  }

  @Test
  void otherSchemesAreRefused() {
    for (String uri : new String[] {"http://x/a.jpg", "https://x/a.jpg", "ftp://x/a", "concat:a|b", "data:x", "pipe:1",
        "subfile:x", "tcp://127.0.0.1:1", "HTTP://X/A"}) {
      BadInputException e = assertThrows(BadInputException.class, () -> InputUris.resolve("/jobs", uri, "slides[0].image"));
      assertEquals("slides[0].image", e.subject());
    }
  }
}
