package dev.videogen.media.captions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * MP4 timed text (3GPP TS 26.245 {@code tx3g}, FFmpeg's {@code mov_text}): the stream's sample description
 * and its samples.
 *
 * <p>A timed-text track shows one sample at a time, each until the next begins, so overlapping cues cannot be
 * samples as they are. The cues are cut at every start and end: each piece of the timeline shows the text of
 * every cue active there (in {@link CueParser}'s order, joined by a line break); neighbouring pieces with the
 * same text are one sample, and pieces without text are left out. FFmpeg's mp4 muxer ends every text sample
 * with an empty one at its end (lasting until the next sample, zero long when that follows at once, and from
 * 0 to the first), so a caption disappears when its cue ends.
 */
public final class MovText {
  /** Longest sample text: the length field is 16 bits. */
  public static final int MAX_TEXT_BYTES = 0xFFFF;

  private MovText() {}

  /** One sample: {@code text} shown from {@code startMs} to {@code endMs}. */
  public record Sample(long startMs, long endMs, String text) {
    /** The sample's bytes: a big-endian 16-bit byte count, then the UTF-8 text (no style boxes). */
    public byte[] bytes() {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > MAX_TEXT_BYTES) {
        throw new IllegalArgumentException("caption text of " + utf8.length + " bytes at " + startMs
            + " ms is longer than a timed-text sample holds (" + MAX_TEXT_BYTES + ")");
      }
      byte[] sample = new byte[2 + utf8.length];
      sample[0] = (byte) (utf8.length >>> 8);
      sample[1] = (byte) utf8.length;
      System.arraycopy(utf8, 0, sample, 2, utf8.length);
      return sample;
    }
  }

  /** The samples, in time order, without overlap; empty for no cues. */
  public static List<Sample> samples(List<Cue> cues) {
    if (cues.isEmpty()) {
      return List.of();
    }
    List<Cue> byStart = new ArrayList<>(cues);
    byStart.sort(Comparator.comparingLong(Cue::startMs)); // stable: ties keep the given order
    TreeSet<Long> cuts = new TreeSet<>();
    cuts.add(0L);
    for (Cue cue : cues) {
      cuts.add(cue.startMs());
      cuts.add(cue.endMs());
    }
    List<Sample> samples = new ArrayList<>();
    List<Cue> active = new ArrayList<>();
    int nextCue = 0;
    long from = cuts.pollFirst();
    for (long cut : cuts) {
      long at = from;
      active.removeIf(cue -> cue.endMs() <= at);
      while (nextCue < byStart.size() && byStart.get(nextCue).startMs() == at) {
        active.add(byStart.get(nextCue++));
      }
      String text = String.join("\n", active.stream().map(Cue::text).toList());
      Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
      if (text.isEmpty()) {
        from = cut;
        continue;
      }
      if (last != null && last.text().equals(text) && last.endMs() == from) {
        samples.set(samples.size() - 1, new Sample(last.startMs(), cut, text));
      } else {
        samples.add(new Sample(from, cut, text));
      }
      from = cut;
    }
    return List.copyOf(samples);
  }

  /**
   * The codec-specific part of the {@code tx3g} sample description (what the mp4 muxer writes after the
   * sample entry's header): display flags 0, text centred horizontally at the bottom, a transparent
   * background, an empty default text box (the player's choice), one style (font 1, plain, size 16, opaque
   * white) and a font table naming font 1 "Arial": the layout and defaults of FFmpeg's own mov_text encoder
   * (whose decoder then adds no font markup), except the background, which FFmpeg makes opaque black.
   */
  public static byte[] sampleDescription() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int32(out, 0); // displayFlags
    out.write(1); // horizontal-justification: centre
    out.write(0xFF); // vertical-justification: bottom (-1)
    int32(out, 0x00000000); // background-color-rgba: transparent
    int16(out, 0); // BoxRecord top, left, bottom, right: the whole frame, as players lay out
    int16(out, 0);
    int16(out, 0);
    int16(out, 0);
    int16(out, 0); // StyleRecord startChar
    int16(out, 0); // endChar
    int16(out, 1); // font-ID
    out.write(0); // face-style-flags: plain
    out.write(16); // font-size
    int32(out, 0xFFFFFFFF); // text-color-rgba: opaque white
    byte[] font = "Arial".getBytes(StandardCharsets.US_ASCII);
    int32(out, 8 + 2 + 2 + 1 + font.length); // FontTableBox size
    out.writeBytes("ftab".getBytes(StandardCharsets.US_ASCII));
    int16(out, 1); // entry-count
    int16(out, 1); // font-ID
    out.write(font.length);
    out.writeBytes(font);
    return out.toByteArray();
  }

  private static void int16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }

  private static void int32(ByteArrayOutputStream out, int value) {
    int16(out, value >>> 16);
    int16(out, value & 0xFFFF);
  }
}
