package dev.videogen.media.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed spec is refused with its exact message: the field (or "spec" and the line) and the reason. */
class SpecBadInputTest {
  private static final String SLIDES = "\"slides\":[{\"image\":\"x.jpg\"}]";

  private static String message(String json) {
    return assertThrows(BadInputException.class, () -> JobSpecParser.parse(json, "/jobs")).getMessage();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // Duplicate keys (Jackson's STRICT_DUPLICATE_DETECTION), at any depth.
      "duplicate id|{\"id\":\"a\",\"id\":\"b\"," + SLIDES + "}|spec: not valid JSON: Duplicate field 'id' (line 1)",
      "duplicate in a track|{\"id\":\"a\"," + SLIDES + ",\"audio\":[{\"uri\":\"a.mp3\",\"uri\":\"b.mp3\"}]}|spec: not valid JSON: Duplicate field 'uri' (line 1)",
      // NaN and Infinity are not JSON; a number too large for a double is not finite.
      "NaN|{\"id\":\"a\"," + SLIDES + ",\"duration\":NaN}|spec: not valid JSON: NaN is not a number in JSON (NaN and Infinity are refused) (line 1)",
      "Infinity|{\"id\":\"a\"," + SLIDES + ",\"duration\":Infinity}|spec: not valid JSON: Infinity is not a number in JSON (NaN and Infinity are refused) (line 1)",
      "-Infinity|{\"id\":\"a\"," + SLIDES + ",\"fadeIn\":-Infinity}|spec: not valid JSON: -Infinity is not a number in JSON (NaN and Infinity are refused) (line 1)",
      "1e400|{\"id\":\"a\"," + SLIDES + ",\"duration\":1e400}|duration: must be a finite number",
      "\"NaN\" string|{\"id\":\"a\"," + SLIDES + ",\"duration\":\"NaN\"}|duration: must be \"audio\", \"slides\" or a number of seconds, was \"NaN\"",
      "NaN zoom|{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"to\":{\"zoom\":NaN}}]}|spec: not valid JSON: NaN is not a number in JSON (NaN and Infinity are refused) (line 1)",
      // Huge sizes.
      "width|{\"id\":\"a\"," + SLIDES + ",\"video\":{\"width\":100000}}|video.width: must be from 16 to 7680, was 100000",
      "height|{\"id\":\"a\"," + SLIDES + ",\"video\":{\"height\":8640}}|video.height: must be from 16 to 4320, was 8640",
      "width 1e20|{\"id\":\"a\"," + SLIDES + ",\"video\":{\"width\":1e20}}|video.width: must be from 16 to 7680, was 1.0E20",
      "width 2^63|{\"id\":\"a\"," + SLIDES + ",\"video\":{\"width\":9223372036854775808}}|video.width: must be from 16 to 7680, was 9223372036854775808",
      "fps|{\"id\":\"a\"," + SLIDES + ",\"video\":{\"fps\":1000}}|video.fps: must be a whole number from 1 to 240 or an NTSC rate (23.976, 29.97, 47.952, 59.94, 119.88), was 1000.0",
      "duration|{\"id\":\"a\"," + SLIDES + ",\"duration\":100000}|duration: must be more than 0 and at most 86400 seconds, was 100000.0",
      "slide seconds|{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"seconds\":1e9}]}|slides[0].seconds: must be more than 0 and at most 86400, was 1.0E9",
      "fade|{\"id\":\"a\"," + SLIDES + ",\"audio\":[{\"uri\":\"a.mp3\",\"fadeOut\":1e9}]}|audio[0].fadeOut: must be a number of seconds from 0 to 86400, was 1.0E9",
      "trailing|{\"id\":\"a\"," + SLIDES + "} {}|spec: not valid JSON: more than one JSON value (a spec is one object; a batch of specs is a .jsonl manifest) (line 1)",
      // An output that names a folder (one that exists is refused by PlanJobs before anything is rendered).
      "output folder|{\"id\":\"a\"," + SLIDES + ",\"duration\":1,\"output\":\"out/\"}|output: names a folder (it ends with /): give the video's file name, such as \"out/video.mp4\"",
      // audio[].stream
      "stream -1|{\"id\":\"a\"," + SLIDES + ",\"audio\":[{\"uri\":\"a.mkv\",\"stream\":-1}]}|audio[0].stream: must be from 0 to 1023, was -1",
      "stream 1.5|{\"id\":\"a\"," + SLIDES + ",\"audio\":[{\"uri\":\"a.mkv\",\"stream\":1.5}]}|audio[0].stream: must be a whole number, was 1.5",
      "stream text|{\"id\":\"a\"," + SLIDES + ",\"audio\":[{\"uri\":\"a.mkv\",\"stream\":\"1\"}]}|audio[0].stream: must be a number",
      "stream huge|{\"id\":\"a\"," + SLIDES + ",\"audio\":[{\"uri\":\"a.mkv\",\"stream\":5000}]}|audio[0].stream: must be from 0 to 1023, was 5000",
  })
  void refusedWithItsExactMessage(String what, String json, String expected) {
    assertEquals(expected, message(json), what);
  }

  @Test
  void duplicateKeyNamesItsLine() {
    assertEquals("spec: not valid JSON: Duplicate field 'image' (line 3)",
        message("{\"id\": \"a\",\n \"slides\": [{\"image\": \"x.jpg\",\n \"image\": \"y.jpg\"}]}"));
  }

  @Test
  void aNumberOfAThousandDigits() {
    assertEquals("spec: not valid JSON: Number length (1201) exceeds the maximum length (1000)",
        message("{\"id\":\"a\"," + SLIDES + ",\"duration\":1" + "0".repeat(1200) + "}"));
  }
}
