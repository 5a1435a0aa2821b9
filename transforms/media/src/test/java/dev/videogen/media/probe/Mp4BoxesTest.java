package dev.videogen.media.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4BoxesTest {
  @TempDir Path dir;

  private static byte[] box(String type, int bodyBytes) {
    return ByteBuffer.allocate(8 + bodyBytes).putInt(8 + bodyBytes).put(type.getBytes(StandardCharsets.ISO_8859_1))
        .array();
  }

  private static byte[] largeBox(String type, int bodyBytes) {
    return ByteBuffer.allocate(16 + bodyBytes).putInt(1).put(type.getBytes(StandardCharsets.ISO_8859_1))
        .putLong(16 + bodyBytes).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void walksThirtyTwoAndSixtyFourBitSizesAndStopsAtTheEnd() throws IOException {
    Mp4Boxes boxes = new Mp4Boxes(new ByteArrayInputStream(concat(box("ftyp", 12), largeBox("free", 5), box("moov", 0))));
    Mp4Boxes.Header ftyp = boxes.next();
    assertEquals("ftyp", ftyp.type());
    assertEquals(20, ftyp.size());
    assertTrue(boxes.skip(ftyp));
    Mp4Boxes.Header free = boxes.next();
    assertEquals("free", free.type());
    assertEquals(21, free.size());
    assertEquals(16, free.raw().length);
    assertTrue(boxes.skip(free));
    assertEquals("moov", boxes.next().type());
    assertNull(boxes.next());
  }

  @Test
  void aBoxToTheEndOfTheFileHasNoSizeAndAnImpossibleSizeEndsTheWalk() throws IOException {
    byte[] toEnd = ByteBuffer.allocate(8).putInt(0).put("mdat".getBytes(StandardCharsets.ISO_8859_1)).array();
    assertEquals(-1, new Mp4Boxes(new ByteArrayInputStream(toEnd)).next().size());
    byte[] impossible = ByteBuffer.allocate(8).putInt(4).put("free".getBytes(StandardCharsets.ISO_8859_1)).array();
    assertNull(new Mp4Boxes(new ByteArrayInputStream(impossible)).next());
  }

  @Test
  void theHeaderIsCopiedUpToMoovAndNotPastMdat() throws IOException {
    byte[] fastStart = concat(box("ftyp", 4), box("moov", 3), box("mdat", 100));
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    assertTrue(Mp4Header.copyHeader(new ByteArrayInputStream(fastStart), header, 1 << 20));
    assertArrayEquals(Arrays.copyOf(fastStart, 12 + 11), header.toByteArray());

    byte[] slowStart = concat(box("ftyp", 4), box("mdat", 100), box("moov", 3));
    assertFalse(Mp4Header.copyHeader(new ByteArrayInputStream(slowStart), new ByteArrayOutputStream(), 1 << 20));
    assertFalse(Mp4Header.copyHeader(new ByteArrayInputStream(fastStart), new ByteArrayOutputStream(), 20),
        "a header over the limit is not ours");

    Files.write(dir.resolve("fast.mp4"), fastStart);
    Files.write(dir.resolve("slow.mp4"), slowStart);
    Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(fastStart, 14));
    assertTrue(MediaProbe.moovBeforeMdat(dir.resolve("fast.mp4")));
    assertFalse(MediaProbe.moovBeforeMdat(dir.resolve("slow.mp4")));
    assertFalse(MediaProbe.moovBeforeMdat(dir.resolve("cut.mp4")));
  }
}
