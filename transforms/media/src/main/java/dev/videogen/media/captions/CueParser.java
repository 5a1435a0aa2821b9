package dev.videogen.media.captions;

import dev.videogen.media.BadInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses SubRip (.srt) and WebVTT (.vtt) caption files strictly: every error is a {@link BadInputException}
 * whose subject is {@code "<file> line <n>"} and whose reason says what was expected.
 *
 * <p><b>Text encoding.</b> UTF-8, with or without a byte order mark, or UTF-16 with one (LE or BE). Anything
 * else (Windows-1252, Latin-1 …) is refused at the first byte that is not UTF-8, naming its line: guessing an
 * encoding would silently show the wrong letters.
 *
 * <p><b>SRT.</b> Blocks separated by blank lines: a cue number (digits), a timing line
 * {@code HH:MM:SS,mmm --> HH:MM:SS,mmm} (hours one or more digits, minutes and seconds below 60, a comma
 * before exactly three digits of milliseconds; nothing else on the line), then one or more lines of text.
 *
 * <p><b>WebVTT.</b> The first line is {@code WEBVTT}, alone or followed by a space or tab and anything; the
 * header runs to the first blank line. {@code NOTE}, {@code STYLE} and {@code REGION} blocks are skipped. A cue
 * is an optional identifier line, a timing line {@code [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm [settings]} (cue
 * settings are ignored), and its text lines (a cue without text is skipped).
 *
 * <p><b>Both.</b> A cue must end after it starts. Markup is removed: tags ({@code <i>}, {@code <font …>},
 * {@code <c.yellow>}, {@code <v Name>}, WebVTT timestamp tags) and SRT's {@code {\an8}}-style override codes;
 * WebVTT's character references ({@code &amp;}, {@code &lt;}, {@code &gt;}, {@code &nbsp;}, {@code &lrm;},
 * {@code &rlm;}, {@code &#…;}) are decoded. Trailing spaces of each line are dropped; a cue left without text
 * is skipped. Cues may overlap (both formats allow it); they are returned ordered by start, then end, then file
 * order.
 */
public final class CueParser {
  private static final Pattern SRT_TIMING = Pattern.compile(
      "(\\d+):(\\d{2}):(\\d{2}),(\\d{3})[ \\t]+-->[ \\t]+(\\d+):(\\d{2}):(\\d{2}),(\\d{3})");
  private static final Pattern VTT_TIME = Pattern.compile("(?:(\\d{2,}):)?(\\d{2}):(\\d{2})\\.(\\d{3})");
  private static final Pattern VTT_TIMING = Pattern.compile(
      "(" + VTT_TIME.pattern() + ")[ \\t]+-->[ \\t]+(" + VTT_TIME.pattern() + ")(?:[ \\t].*)?");
  /** A tag: {@code <i>}, {@code </font>}, {@code <c.loud>}, {@code <v Name>}, or a WebVTT timestamp {@code <00:01.000>}. */
  private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^<>\\n]*>|<[0-9][0-9:.]*>");
  private static final Pattern SRT_OVERRIDE = Pattern.compile("\\{\\\\[^}\\n]*\\}");
  private static final Pattern REFERENCE = Pattern.compile("&(amp|lt|gt|nbsp|lrm|rlm|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});");

  private CueParser() {}

  /** The caption formats, chosen by the file name's extension, else by content (a WEBVTT header). */
  public enum Format { SRT, VTT }

  /** Parses {@code bytes}, the file {@code name} (its URI, for errors and to pick the format). */
  public static List<Cue> parse(String name, byte[] bytes) {
    String text = decode(name, bytes);
    String[] lines = text.split("\r\n|\r|\n", -1);
    return switch (formatOf(name, lines)) {
      case SRT -> new CueParser.Reader(name, lines).srt();
      case VTT -> new CueParser.Reader(name, lines).vtt();
    };
  }

  static Format formatOf(String name, String[] lines) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".srt")) {
      return Format.SRT;
    }
    if (lower.endsWith(".vtt")) {
      return Format.VTT;
    }
    return lines.length > 0 && lines[0].startsWith("WEBVTT") ? Format.VTT : Format.SRT;
  }

  /** The text of the file: UTF-8 (BOM optional) or UTF-16 with a BOM; refused at the first bad byte. */
  static String decode(String name, byte[] bytes) {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      skip = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, (long) bytes.length + 16));
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1 + (int) new String(bytes, skip, at - skip, charset).chars().filter(c -> c == '\n').count();
      String what = charset == StandardCharsets.UTF_8
          ? String.format(Locale.ROOT, "byte 0x%02X is not UTF-8", bytes[at] & 0xFF)
          : "malformed " + charset.name();
      throw new BadInputException(name + " line " + line, what + ": caption files must be UTF-8 (or UTF-16 with a "
          + "byte order mark); convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8");
    }
    if (result.isOverflow()) {
      throw new IllegalStateException("decoded text longer than its bytes"); // UTF-8/16: never
    }
    out.flip();
    return out.toString();
  }

  /** One pass over the lines of one file. */
  private static final class Reader {
    private final String name;
    private final String[] lines;
    private final List<Cue> cues = new ArrayList<>();
    private int next; // index of the next line to read; line numbers are next + 1

    Reader(String name, String[] lines) {
      this.name = name;
      this.lines = lines;
    }

    List<Cue> srt() {
      skipBlank();
      while (next < lines.length) {
        int numberLine = next;
        String number = lines[next++].strip();
        if (!number.chars().allMatch(Character::isDigit) || number.isEmpty()) {
          throw error(numberLine, "expected a cue number, found \"" + shorten(number) + "\"");
        }
        if (next >= lines.length || lines[next].isBlank()) {
          throw error(next, "cue " + number + " has no timing line (HH:MM:SS,mmm --> HH:MM:SS,mmm)");
        }
        int timingLine = next;
        Matcher timing = SRT_TIMING.matcher(lines[next++].strip());
        if (!timing.matches()) {
          throw error(timingLine, "expected a timing line HH:MM:SS,mmm --> HH:MM:SS,mmm, found \""
              + shorten(lines[timingLine].strip()) + "\"");
        }
        long start = millis(timingLine, timing.group(1), timing.group(2), timing.group(3), timing.group(4));
        long end = millis(timingLine, timing.group(5), timing.group(6), timing.group(7), timing.group(8));
        List<String> text = textLines();
        if (text.isEmpty()) {
          throw error(timingLine + 1, "cue " + number + " has no text");
        }
        for (int i = 0; i < text.size(); i++) {
          if (SRT_TIMING.matcher(text.get(i).strip()).matches()) {
            throw error(timingLine + 1 + i, "a timing line inside the text of cue " + number
                + ": a blank line is missing between two cues");
          }
        }
        add(timingLine, start, end, text, false);
        skipBlank();
      }
      return sorted();
    }

    List<Cue> vtt() {
      if (lines.length == 0 || !lines[0].startsWith("WEBVTT")
          || (lines[0].length() > 6 && lines[0].charAt(6) != ' ' && lines[0].charAt(6) != '\t')) {
        throw error(0, "a WebVTT file must start with the line WEBVTT");
      }
      next = 1;
      while (next < lines.length && !lines[next].isBlank()) {
        if (lines[next].contains("-->")) {
          throw error(next, "the WEBVTT header must be followed by a blank line before the first cue");
        }
        next++; // header lines (Kind:, Language: …)
      }
      skipBlank();
      while (next < lines.length) {
        String first = lines[next];
        if (isBlock(first, "NOTE") || isBlock(first, "STYLE") || isBlock(first, "REGION")) {
          while (next < lines.length && !lines[next].isBlank()) {
            next++;
          }
          skipBlank();
          continue;
        }
        if (!first.contains("-->")) {
          next++; // the cue's identifier
          if (next >= lines.length || lines[next].isBlank()) {
            throw error(next - 1, "expected a cue timing line [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm after \""
                + shorten(first) + "\"");
          }
        }
        int timingLine = next;
        Matcher timing = VTT_TIMING.matcher(lines[next++].strip());
        if (!timing.matches()) {
          throw error(timingLine, "expected a cue timing line [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm, found \""
              + shorten(lines[timingLine].strip()) + "\"");
        }
        long start = vttMillis(timingLine, timing.group(1));
        long end = vttMillis(timingLine, timing.group(6));
        add(timingLine, start, end, textLines(), true);
        skipBlank();
      }
      return sorted();
    }

    private static boolean isBlock(String line, String keyword) {
      return line.equals(keyword) || line.startsWith(keyword + " ") || line.startsWith(keyword + "\t");
    }

    private void add(int timingLine, long start, long end, List<String> text, boolean vtt) {
      if (end <= start) {
        throw error(timingLine, "the cue ends at " + clock(end) + ", " + (end == start ? "when" : "before") + " it starts ("
            + clock(start) + ")");
      }
      List<String> plain = new ArrayList<>();
      for (String line : text) {
        String stripped = TAG.matcher(line).replaceAll("");
        stripped = vtt ? references(stripped) : SRT_OVERRIDE.matcher(stripped).replaceAll("");
        stripped = stripped.stripTrailing();
        if (!stripped.isBlank()) {
          plain.add(stripped);
        }
      }
      if (!plain.isEmpty()) {
        cues.add(new Cue(start, end, String.join("\n", plain)));
      }
    }

    private List<String> textLines() {
      List<String> text = new ArrayList<>();
      while (next < lines.length && !lines[next].isBlank()) {
        text.add(lines[next++]);
      }
      return text;
    }

    private void skipBlank() {
      while (next < lines.length && lines[next].isBlank()) {
        next++;
      }
    }

    private List<Cue> sorted() {
      List<Cue> ordered = new ArrayList<>(cues);
      ordered.sort(Comparator.comparingLong(Cue::startMs).thenComparingLong(Cue::endMs)); // stable: file order
      return List.copyOf(ordered);
    }

    private long vttMillis(int line, String time) {
      Matcher m = VTT_TIME.matcher(time);
      if (!m.matches()) {
        throw new IllegalStateException(time);
      }
      return millis(line, m.group(1) == null ? "0" : m.group(1), m.group(2), m.group(3), m.group(4));
    }

    private long millis(int line, String hours, String minutes, String seconds, String millis) {
      int mm = Integer.parseInt(minutes);
      int ss = Integer.parseInt(seconds);
      if (mm > 59 || ss > 59) {
        throw error(line, "bad time " + hours + ":" + minutes + ":" + seconds + ": minutes and seconds must be below 60");
      }
      if (hours.length() > 6) {
        throw error(line, "bad time: " + hours + " hours");
      }
      return ((Long.parseLong(hours) * 60 + mm) * 60 + ss) * 1000 + Integer.parseInt(millis);
    }

    private BadInputException error(int index, String reason) {
      return new BadInputException(name + " line " + (index + 1), reason);
    }
  }

  private static String references(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = m.group(1);
      String replacement = switch (ref) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "nbsp" -> "\u00A0";
        case "lrm" -> "\u200E";
        case "rlm" -> "\u200F";
        case "quot" -> "\"";
        case "apos" -> "'";
        default -> {
          int codePoint = ref.startsWith("#x") || ref.startsWith("#X")
              ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
          yield Character.isValidCodePoint(codePoint) && codePoint != 0
              ? new String(Character.toChars(codePoint)) : m.group();
        }
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code h:mm:ss.mmm} for messages. */
  static String clock(long ms) {
    return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
