package dev.videogen.media.spec;

import static dev.videogen.media.spec.JobSpecParser.checkFields;
import static dev.videogen.media.spec.JobSpecParser.nonNegative;
import static dev.videogen.media.spec.JobSpecParser.number;
import static dev.videogen.media.spec.JobSpecParser.optionalNumber;
import static dev.videogen.media.spec.JobSpecParser.requireObject;
import static dev.videogen.media.spec.JobSpecParser.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogen.media.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the job's {@code overlays} list; every error names the field ({@code overlays[2].text.size}). */
final class OverlaySpecParser {
  static final int MAX_TEXT_LENGTH = 2000;
  static final double MAX_PIXELS = 8192;
  /** The shortest repeat: a day of video then has at most 17 280 showings of a layer. */
  static final double MIN_EVERY = 5;
  private static final Pattern PIXELS = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)px");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

  private static final Set<String> LAYER_FIELDS =
      Set.of("text", "image", "position", "start", "duration", "every", "fadeIn", "fadeOut", "opacity");
  private static final Set<String> TEXT_FIELDS =
      Set.of("value", "nowPlaying", "size", "color", "outline", "shadow", "maxWidth", "align", "lineHeight",
          "font");
  private static final Set<String> NOW_PLAYING_FIELDS = Set.of("template", "fallback", "titles");
  private static final Set<String> OUTLINE_FIELDS = Set.of("width", "color");
  private static final Set<String> SHADOW_FIELDS = Set.of("x", "y", "color");
  private static final Set<String> IMAGE_FIELDS = Set.of("uri", "width", "height");
  private static final Set<String> POSITION_FIELDS = Set.of("anchor", "x", "y");

  private OverlaySpecParser() {}

  static List<OverlaySpec> parse(JsonNode node, String baseFolder, int audioTracks) {
    List<OverlaySpec> layers = new ArrayList<>();
    if (node == null || node.isNull()) {
      return layers;
    }
    if (!node.isArray()) {
      throw new BadInputException("overlays", "must be an array of layers");
    }
    for (int i = 0; i < node.size(); i++) {
      layers.add(layer(node.get(i), "overlays[" + i + "]", baseFolder, audioTracks));
    }
    return layers;
  }

  private static OverlaySpec layer(JsonNode node, String field, String baseFolder, int audioTracks) {
    requireObject(node, field);
    checkFields(node, LAYER_FIELDS, field + ".");
    boolean hasText = present(node, "text");
    boolean hasImage = present(node, "image");
    if (hasText == hasImage) {
      throw new BadInputException(field, "needs exactly one of text or image");
    }
    Placement position = position(node.get("position"), field + ".position");
    OverlayTiming timing = timing(node, field);
    double opacity = optionalNumber(node, "opacity", field + ".opacity", 1);
    if (!(opacity >= 0 && opacity <= 1)) {
      throw new BadInputException(field + ".opacity", "must be from 0 to 1, was " + opacity);
    }
    if (hasImage) {
      JsonNode image = node.get("image");
      String f = field + ".image";
      requireObject(image, f);
      checkFields(image, IMAGE_FIELDS, f + ".");
      String uri = InputUris.resolve(baseFolder, requiredText(image, "uri", f + ".uri"), f + ".uri");
      Length width = optionalLength(image, "width", f + ".width", false);
      Length height = optionalLength(image, "height", f + ".height", false);
      return new OverlaySpec(null, null, null, uri, width, height, position, timing, opacity);
    }
    JsonNode text = node.get("text");
    String f = field + ".text";
    requireObject(text, f);
    checkFields(text, TEXT_FIELDS, f + ".");
    boolean hasValue = present(text, "value");
    boolean hasNowPlaying = present(text, "nowPlaying");
    if (hasValue == hasNowPlaying) {
      throw new BadInputException(f, "needs exactly one of value (the text) or nowPlaying (a line per audio track)");
    }
    String value = null;
    NowPlaying nowPlaying = null;
    if (hasValue) {
      value = requiredText(text, "value", f + ".value");
      checkText(value, f + ".value");
    } else {
      nowPlaying = nowPlaying(text.get("nowPlaying"), f + ".nowPlaying", audioTracks);
    }
    return new OverlaySpec(value, nowPlaying, style(text, f, position.anchor(), baseFolder), null, null, null, position, timing,
        opacity);
  }

  private static TextStyle style(JsonNode text, String f, Anchor anchor, String baseFolder) {
    Length size = optionalLength(text, "size", f + ".size", false);
    if (size == null) {
      size = TextStyle.DEFAULT_SIZE;
    }
    if (!(size.value() > 0) || (!size.pixels() && size.value() > 1)) {
      throw new BadInputException(f + ".size", "must be more than 0 (a fraction of the frame height up to 1, or "
          + "pixels such as \"48px\"), was " + size);
    }
    Rgba color = colour(text, "color", f + ".color", Rgba.WHITE);
    Length outlineWidth = Length.ZERO;
    Rgba outlineColor = Rgba.BLACK;
    if (present(text, "outline")) {
      JsonNode outline = text.get("outline");
      requireObject(outline, f + ".outline");
      checkFields(outline, OUTLINE_FIELDS, f + ".outline.");
      outlineWidth = optionalLength(outline, "width", f + ".outline.width", false);
      if (outlineWidth == null || !(outlineWidth.value() > 0)) {
        throw new BadInputException(f + ".outline.width", "missing or not more than 0: an outline needs its width");
      }
      if (outlineWidth.pixels() ? outlineWidth.value() > 100 : outlineWidth.value() > 0.1) {
        throw new BadInputException(f + ".outline.width", "must be at most 0.1 of the frame height or 100px, was " + outlineWidth);
      }
      outlineColor = colour(outline, "color", f + ".outline.color", Rgba.BLACK);
    }
    Length shadowX = Length.ZERO;
    Length shadowY = Length.ZERO;
    Rgba shadowColor = null;
    if (present(text, "shadow")) {
      JsonNode shadow = text.get("shadow");
      requireObject(shadow, f + ".shadow");
      checkFields(shadow, SHADOW_FIELDS, f + ".shadow.");
      shadowX = orZero(optionalLength(shadow, "x", f + ".shadow.x", true));
      shadowY = orZero(optionalLength(shadow, "y", f + ".shadow.y", true));
      shadowColor = colour(shadow, "color", f + ".shadow.color", new Rgba(0, 0, 0, 160));
    }
    Length maxWidth = optionalLength(text, "maxWidth", f + ".maxWidth", false);
    if (maxWidth != null && !(maxWidth.value() > 0)) {
      throw new BadInputException(f + ".maxWidth", "must be more than 0, was " + maxWidth);
    }
    TextAlign align = TextAlign.following(anchor);
    if (present(text, "align")) {
      String name = requiredText(text, "align", f + ".align");
      align = TextAlign.fromSpec(name);
      if (align == null) {
        throw new BadInputException(f + ".align", "must be left, center or right, was \"" + name + "\"");
      }
    }
    double lineHeight = optionalNumber(text, "lineHeight", f + ".lineHeight", TextStyle.DEFAULT_LINE_HEIGHT);
    if (!(lineHeight >= 0.5 && lineHeight <= 5)) {
      throw new BadInputException(f + ".lineHeight", "must be from 0.5 to 5 (ems between baselines), was " + lineHeight);
    }
    String font = present(text, "font")
        ? InputUris.resolve(baseFolder, requiredText(text, "font", f + ".font"), f + ".font") : null;
    return new TextStyle(size, color, outlineWidth, outlineColor, shadowX, shadowY, shadowColor, maxWidth, align,
        lineHeight, font);
  }

  private static NowPlaying nowPlaying(JsonNode node, String f, int audioTracks) {
    if (audioTracks == 0) {
      throw new BadInputException(f, "the job has no audio tracks to name");
    }
    if (node.isBoolean() && node.asBoolean()) {
      return new NowPlaying(NowPlaying.DEFAULT_TEMPLATE, NowPlaying.DEFAULT_FALLBACK, List.of());
    }
    if (!node.isObject()) {
      throw new BadInputException(f, "must be true or an object {template, fallback, titles}");
    }
    checkFields(node, NOW_PLAYING_FIELDS, f + ".");
    String template = present(node, "template") ? requiredText(node, "template", f + ".template") : NowPlaying.DEFAULT_TEMPLATE;
    checkTemplate(template, f + ".template");
    String fallback = present(node, "fallback") ? requiredText(node, "fallback", f + ".fallback") : NowPlaying.DEFAULT_FALLBACK;
    checkTemplate(fallback, f + ".fallback");
    List<String> titles = new ArrayList<>();
    if (present(node, "titles")) {
      JsonNode list = node.get("titles");
      if (!list.isArray()) {
        throw new BadInputException(f + ".titles", "must be an array of strings (null: the track's own title)");
      }
      if (list.size() > audioTracks) {
        throw new BadInputException(f + ".titles", "has " + list.size() + " entries but the job has " + audioTracks
            + " audio tracks");
      }
      for (int k = 0; k < list.size(); k++) {
        JsonNode title = list.get(k);
        if (title.isNull()) {
          titles.add(null);
        } else if (!title.isTextual()) {
          throw new BadInputException(f + ".titles[" + k + "]", "must be a string or null");
        } else {
          checkText(title.asText(), f + ".titles[" + k + "]");
          titles.add(title.asText());
        }
      }
    }
    return new NowPlaying(template, fallback, titles);
  }

  private static void checkTemplate(String template, String field) {
    checkText(template, field);
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!m.group(1).equals("title") && !m.group(1).equals("artist")) {
        throw new BadInputException(field, "unknown placeholder {" + m.group(1) + "} (use {title} and {artist})");
      }
    }
  }

  private static void checkText(String text, String field) {
    if (text.isBlank()) {
      throw new BadInputException(field, "must not be empty");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new BadInputException(field, "is longer than " + MAX_TEXT_LENGTH + " characters");
    }
  }

  private static Placement position(JsonNode node, String f) {
    if (node == null || node.isNull()) {
      return Placement.CENTERED;
    }
    requireObject(node, f);
    checkFields(node, POSITION_FIELDS, f + ".");
    Anchor anchor = Anchor.CENTER;
    if (present(node, "anchor")) {
      String name = requiredText(node, "anchor", f + ".anchor");
      anchor = Anchor.fromSpec(name);
      if (anchor == null) {
        throw new BadInputException(f + ".anchor", "must be top-left, top, top-right, left, center, right, "
            + "bottom-left, bottom or bottom-right, was \"" + name + "\"");
      }
    }
    return new Placement(anchor, orZero(optionalLength(node, "x", f + ".x", true)),
        orZero(optionalLength(node, "y", f + ".y", true)));
  }

  private static OverlayTiming timing(JsonNode node, String field) {
    double start = nonNegative(node, "start", field + ".start");
    Double duration = null;
    if (present(node, "duration")) {
      duration = number(node.get("duration"), field + ".duration");
      if (!(duration > 0) || duration > JobSpecParser.MAX_SECONDS) {
        throw new BadInputException(field + ".duration", "must be more than 0 and at most "
            + (long) JobSpecParser.MAX_SECONDS + " seconds, was " + duration);
      }
    }
    Double every = null;
    if (present(node, "every")) {
      every = number(node.get("every"), field + ".every");
      if (!(every >= MIN_EVERY) || every > JobSpecParser.MAX_SECONDS) {
        throw new BadInputException(field + ".every", "must be from " + (long) MIN_EVERY + " to "
            + (long) JobSpecParser.MAX_SECONDS + " seconds, was " + every);
      }
      if (duration == null) {
        throw new BadInputException(field + ".duration", "missing: a layer shown every " + every + " s needs a duration");
      }
      if (duration > every) {
        throw new BadInputException(field + ".duration", "is longer than every (" + duration + " s > " + every
            + " s): showings would overlap");
      }
    }
    double fadeIn = nonNegative(node, "fadeIn", field + ".fadeIn");
    double fadeOut = nonNegative(node, "fadeOut", field + ".fadeOut");
    return new OverlayTiming(start, duration, every, fadeIn, fadeOut);
  }

  private static Rgba colour(JsonNode parent, String name, String field, Rgba fallback) {
    if (!present(parent, name)) {
      return fallback;
    }
    String text = requiredText(parent, name, field);
    Rgba colour = Rgba.parse(text);
    if (colour == null) {
      throw new BadInputException(field, "must be a colour #rrggbb or #rrggbbaa, was \"" + text + "\"");
    }
    return colour;
  }

  /** A number (a fraction of the frame) or a string "Npx"; negative values only where {@code signed}. */
  private static Length optionalLength(JsonNode parent, String name, String field, boolean signed) {
    if (!present(parent, name)) {
      return null;
    }
    JsonNode node = parent.get(name);
    Length length;
    if (node.isTextual()) {
      Matcher m = PIXELS.matcher(node.asText());
      if (!m.matches()) {
        throw new BadInputException(field, "must be a fraction of the frame (a number) or pixels such as \"24px\", "
            + "was \"" + node.asText() + "\"");
      }
      length = Length.pixels(Double.parseDouble(m.group(1)));
      if (Math.abs(length.value()) > MAX_PIXELS) {
        throw new BadInputException(field, "must be at most " + (long) MAX_PIXELS + "px, was " + length);
      }
    } else {
      length = Length.fraction(number(node, field));
      if (Math.abs(length.value()) > 10) {
        throw new BadInputException(field, "must be at most 10 frame sizes, was " + length.value());
      }
    }
    if (!signed && length.value() < 0) {
      throw new BadInputException(field, "must not be negative, was " + length);
    }
    return length;
  }

  private static Length orZero(Length length) {
    return length == null ? Length.ZERO : length;
  }

  private static boolean present(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node != null && !node.isNull();
  }
}
