package dev.videogen.media.captions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovTextTest {
  @Test
  void overlappingCuesAreCutIntoSamplesShowingEveryActiveCue() {
    List<Cue> cues = List.of(new Cue(1_000, 5_000, "A"), new Cue(2_000, 3_000, "B"), new Cue(2_000, 4_000, "C"),
        new Cue(7_000, 8_000, "D"), new Cue(8_000, 9_000, "D"));
    assertEquals(List.of(new MovText.Sample(1_000, 2_000, "A"), new MovText.Sample(2_000, 3_000, "A\nB\nC"),
        new MovText.Sample(3_000, 4_000, "A\nC"), new MovText.Sample(4_000, 5_000, "A"),
        new MovText.Sample(7_000, 9_000, "D")), MovText.samples(cues));
  }

  @Test
  void aSampleIsItsUtf8LengthThenItsText() {
    assertArrayEquals(HexFormat.of().parseHex("0005c39c626572"), new MovText.Sample(0, 1, "Über").bytes());
  }

  @Test
  void theSampleDescriptionIsFfmpegsDefaultStyleWithATransparentBackground() {
    assertEquals("00000000" + "01" + "ff" + "00000000" + "0000000000000000" + "0000" + "0000" + "0001" + "00" + "10"
        + "ffffffff" + "00000012" + "66746162" + "0001" + "0001" + "05" + "417269616c",
        HexFormat.of().formatHex(MovText.sampleDescription()));
  }
}
