package dev.videogen.media.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates job specs: v1 and its compatible extensions (transitions, video fades, overlays). Every error is a {@link BadInputException} whose subject is the spec
 * field ({@code slides[2].from.zoom}); unknown fields are errors, so a typo never silently renders a
 * different video.
 */
public final class JobSpecParser {
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  public static final Set<String> PRESETS =
      Set.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow");
  public static final double MAX_SECONDS = 24 * 3600;
  public static final double DEFAULT_SLIDE_SECONDS = 10;
  /** The highest audio stream number a spec may ask for (a container rarely holds more than a few dozen). */
  public static final int MAX_AUDIO_STREAM = 1023;
  /** Longest title, in bytes of UTF-8: the Nero chapter list ({@code chpl}) stores at most 255. */
  public static final int MAX_TITLE_BYTES = 255;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Set<String> TOP_FIELDS =
      Set.of("id", "output", "video", "audio", "duration", "loop", "slides", "audioCrossfade", "loudness",
          "transition", "fadeIn", "fadeOut", "chapters", "captions", "thumbnail", "overlays");
  private static final Set<String> VIDEO_FIELDS = Set.of("width", "height", "fps", "crf", "preset");
  private static final Set<String> AUDIO_FIELDS =
      Set.of("uri", "fadeIn", "fadeOut", "crossfade", "stream", "title");
  private static final Set<String> LOUDNESS_FIELDS = Set.of("target", "truePeak");
  private static final Set<String> SLIDE_FIELDS =
      Set.of("image", "seconds", "from", "to", "easing", "fit", "transition", "title");
  private static final Set<String> TRANSITION_FIELDS = Set.of("type", "seconds");
  private static final Set<String> CAMERA_FIELDS = Set.of("zoom", "x", "y");
  private static final Set<String> CHAPTER_FIELDS = Set.of("at", "title");
  private static final Set<String> CAPTIONS_FIELDS = Set.of("uri", "language", "burnIn");
  private static final Set<String> THUMBNAIL_FIELDS = Set.of("at", "format");
  /** A time as text: {@code [h:]m:ss[.fff]} (minutes and seconds below 60), e.g. {@code 1:02:03.5}. */
  private static final Pattern CLOCK = Pattern.compile("(?:(\\d{1,2}):)?(\\d{1,2}):(\\d{2})(?:\\.(\\d{1,3}))?");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  private JobSpecParser() {}

  /** Parses JSON text; relative paths resolve against {@code baseFolder} (a local folder or a URI). */
  public static JobSpec parse(String json, String baseFolder) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException("spec", "not valid JSON: " + jsonProblem(e.getOriginalMessage())
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    return parse(root, baseFolder);
  }

  private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("Non-standard token '([^']*)'.*", Pattern.DOTALL);

  /** Jackson's reason, without its advice to change settings a spec's author cannot change. */
  static String jsonProblem(String reason) {
    java.util.regex.Matcher nonStandard = NON_STANDARD_TOKEN.matcher(reason);
    if (nonStandard.matches()) {
      return nonStandard.group(1) + " is not a number in JSON (NaN and Infinity are refused)";
    }
    if (reason.startsWith("Trailing token")) {
      return "more than one JSON value (a spec is one object; a batch of specs is a .jsonl manifest)";
    }
    return reason;
  }

  /** Reads just the id, for naming a job whose spec is otherwise invalid; null when there is none. */
  public static String peekId(String json) {
    try {
      JsonNode id = JSON.readTree(json).get("id");
      return id != null && id.isTextual() && ID.matcher(id.asText()).matches() ? id.asText() : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  public static JobSpec parse(JsonNode root, String baseFolder) {
    if (root == null || !root.isObject()) {
      throw new BadInputException("spec", "must be a JSON object");
    }
    checkFields(root, TOP_FIELDS, "");
    String id = requiredText(root, "id", "id");
    if (!ID.matcher(id).matches()) {
      throw new BadInputException("id", "must match [A-Za-z0-9._-]{1,128}, was \"" + id + "\"");
    }
    String output = root.has("output") ? outputPath(requiredText(root, "output", "output"), baseFolder) : null;
    VideoSettings video = parseVideo(root.get("video"));
    List<AudioTrackSpec> audio = parseAudio(root.get("audio"), baseFolder);
    DurationMode mode;
    double fixedSeconds = 0;
    JsonNode duration = root.get("duration");
    if (duration == null || duration.isNull()) {
      mode = audio.isEmpty() ? DurationMode.SLIDES : DurationMode.AUDIO;
    } else if (duration.isTextual()) {
      mode = switch (duration.asText()) {
        case "audio" -> DurationMode.AUDIO;
        case "slides" -> DurationMode.SLIDES;
        default -> throw new BadInputException(
            "duration", "must be \"audio\", \"slides\" or a number of seconds, was \"" + duration.asText() + "\"");
      };
    } else {
      mode = DurationMode.FIXED;
      fixedSeconds = number(duration, "duration");
      if (!(fixedSeconds > 0) || fixedSeconds > MAX_SECONDS) {
        throw new BadInputException("duration", "must be more than 0 and at most " + (long) MAX_SECONDS + " seconds, was " + fixedSeconds);
      }
    }
    if (mode == DurationMode.AUDIO && audio.isEmpty()) {
      throw new BadInputException("duration", "is \"audio\" but the job has no audio tracks (give a number of seconds or \"slides\")");
    }
    boolean loop = optionalBoolean(root, "loop", "loop", false);
    List<SlideSpec> slides = parseSlides(root.get("slides"), baseFolder);
    double audioCrossfade = nonNegative(root, "audioCrossfade", "audioCrossfade");
    LoudnessSpec loudness = parseLoudness(root.get("loudness"));
    Transition transition = root.has("transition") && !root.get("transition").isNull()
        ? parseTransition(root.get("transition"), "transition") : Transition.CUT;
    double fadeIn = nonNegative(root, "fadeIn", "fadeIn");
    double fadeOut = nonNegative(root, "fadeOut", "fadeOut");
    ChaptersSpec chapters = parseChapters(root.get("chapters"), audio);
    CaptionsSpec captions = parseCaptions(root.get("captions"), baseFolder);
    ThumbnailSpec thumbnail = parseThumbnail(root.get("thumbnail"));
    List<OverlaySpec> overlays = OverlaySpecParser.parse(root.get("overlays"), baseFolder, audio.size());
    return new JobSpec(id, output, video, audio, mode, fixedSeconds, loop, slides, audioCrossfade, loudness,
        transition, fadeIn, fadeOut, chapters, captions, thumbnail, overlays);
  }

  /** A true/false field; absent or null: {@code otherwise}. */
  private static boolean optionalBoolean(JsonNode node, String name, String field, boolean otherwise) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isBoolean()) {
      throw new BadInputException(field, "must be true or false");
    }
    return value.asBoolean();
  }

  /** The output, resolved; a path ending in a slash names a folder, not the video's file, and is refused. */
  private static String outputPath(String text, String baseFolder) {
    if (text.endsWith("/")) {
      throw new BadInputException("output", "names a folder (it ends with /): give the video's file name, such as \""
          + text + "video.mp4\"");
    }
    return InputUris.resolve(baseFolder, text, "output");
  }

  /** Absent or null: no normalisation; {@code {}}: the defaults. */
  private static LoudnessSpec parseLoudness(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, "loudness");
    checkFields(node, LOUDNESS_FIELDS, "loudness.");
    double target = optionalNumber(node, "target", "loudness.target", LoudnessSpec.DEFAULT_TARGET);
    if (!(target >= LoudnessSpec.MIN_TARGET && target <= LoudnessSpec.MAX_TARGET)) {
      throw new BadInputException("loudness.target", "must be from " + (int) LoudnessSpec.MIN_TARGET + " to "
          + (int) LoudnessSpec.MAX_TARGET + " LUFS, was " + target);
    }
    double truePeak = optionalNumber(node, "truePeak", "loudness.truePeak", LoudnessSpec.DEFAULT_TRUE_PEAK);
    if (!(truePeak >= LoudnessSpec.MIN_TRUE_PEAK && truePeak <= LoudnessSpec.MAX_TRUE_PEAK)) {
      throw new BadInputException("loudness.truePeak", "must be from " + (int) LoudnessSpec.MIN_TRUE_PEAK + " to "
          + (int) LoudnessSpec.MAX_TRUE_PEAK + " dBTP, was " + truePeak);
    }
    return new LoudnessSpec(target, truePeak);
  }

  private static VideoSettings parseVideo(JsonNode node) {
    if (node == null || node.isNull()) {
      return new VideoSettings(VideoSettings.DEFAULT_WIDTH, VideoSettings.DEFAULT_HEIGHT,
          VideoSettings.DEFAULT_FPS, VideoSettings.DEFAULT_CRF, VideoSettings.DEFAULT_PRESET);
    }
    requireObject(node, "video");
    checkFields(node, VIDEO_FIELDS, "video.");
    int width = wholeNumber(node, "width", "video.width", VideoSettings.DEFAULT_WIDTH, 16, 7680);
    int height = wholeNumber(node, "height", "video.height", VideoSettings.DEFAULT_HEIGHT, 16, 4320);
    if (width % 2 != 0) {
      throw new BadInputException("video.width", "must be even (H.264 4:2:0), was " + width);
    }
    if (height % 2 != 0) {
      throw new BadInputException("video.height", "must be even (H.264 4:2:0), was " + height);
    }
    FrameRate fps = VideoSettings.DEFAULT_FPS;
    if (node.has("fps") && !node.get("fps").isNull()) {
      try {
        fps = FrameRate.of(number(node.get("fps"), "video.fps"));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("video.fps", e.getMessage());
      }
    }
    int crf = wholeNumber(node, "crf", "video.crf", VideoSettings.DEFAULT_CRF, 0, 51);
    String preset = VideoSettings.DEFAULT_PRESET;
    if (node.has("preset") && !node.get("preset").isNull()) {
      preset = requiredText(node, "preset", "video.preset");
      if (!PRESETS.contains(preset)) {
        throw new BadInputException("video.preset", "must be one of " + String.join(", ", sorted(PRESETS)) + ", was \"" + preset + "\"");
      }
    }
    return new VideoSettings(width, height, fps, crf, preset);
  }

  private static List<AudioTrackSpec> parseAudio(JsonNode node, String baseFolder) {
    List<AudioTrackSpec> tracks = new ArrayList<>();
    if (node == null || node.isNull()) {
      return tracks;
    }
    if (!node.isArray()) {
      throw new BadInputException("audio", "must be an array of tracks");
    }
    for (int i = 0; i < node.size(); i++) {
      String field = "audio[" + i + "]";
      JsonNode track = node.get(i);
      requireObject(track, field);
      checkFields(track, AUDIO_FIELDS, field + ".");
      String uri = InputUris.resolve(baseFolder, requiredText(track, "uri", field + ".uri"), field + ".uri");
      double fadeIn = nonNegative(track, "fadeIn", field + ".fadeIn");
      double fadeOut = nonNegative(track, "fadeOut", field + ".fadeOut");
      Double crossfade = null;
      if (track.has("crossfade") && !track.get("crossfade").isNull()) {
        if (i == 0) {
          throw new BadInputException(field + ".crossfade", "the first track has no track before it to overlap");
        }
        crossfade = nonNegative(track, "crossfade", field + ".crossfade");
      }
      int stream = wholeNumber(track, "stream", field + ".stream", AudioTrackSpec.BEST_STREAM, 0, MAX_AUDIO_STREAM);
      tracks.add(new AudioTrackSpec(uri, fadeIn, fadeOut, crossfade, stream, optionalTitle(track, field + ".title")));
    }
    return tracks;
  }

  private static List<SlideSpec> parseSlides(JsonNode node, String baseFolder) {
    if (node == null || node.isNull()) {
      throw new BadInputException("slides", "missing: a job needs at least one slide");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new BadInputException("slides", "must be a non-empty array of slides");
    }
    List<SlideSpec> slides = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String field = "slides[" + i + "]";
      JsonNode slide = node.get(i);
      requireObject(slide, field);
      checkFields(slide, SLIDE_FIELDS, field + ".");
      String image = InputUris.resolve(baseFolder, requiredText(slide, "image", field + ".image"), field + ".image");
      Double seconds = null;
      if (slide.has("seconds") && !slide.get("seconds").isNull()) {
        seconds = number(slide.get("seconds"), field + ".seconds");
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
          throw new BadInputException(field + ".seconds", "must be more than 0 and at most " + (long) MAX_SECONDS + ", was " + seconds);
        }
      }
      CameraPoint from = parseCamera(slide.get("from"), field + ".from", CameraPoint.DEFAULT_FROM);
      CameraPoint to = parseCamera(slide.get("to"), field + ".to", CameraPoint.DEFAULT_TO);
      Easing easing = Easing.LINEAR;
      if (slide.has("easing") && !slide.get("easing").isNull()) {
        String name = requiredText(slide, "easing", field + ".easing");
        easing = Easing.fromSpec(name);
        if (easing == null) {
          throw new BadInputException(field + ".easing", "must be linear, ease-in, ease-out or ease-in-out, was \"" + name + "\"");
        }
      }
      Fit fit = Fit.COVER;
      if (slide.has("fit") && !slide.get("fit").isNull()) {
        String name = requiredText(slide, "fit", field + ".fit");
        fit = Fit.fromSpec(name);
        if (fit == null) {
          throw new BadInputException(field + ".fit", "must be cover or contain, was \"" + name + "\"");
        }
      }
      Transition transition = slide.has("transition") && !slide.get("transition").isNull()
          ? parseTransition(slide.get("transition"), field + ".transition") : null;
      slides.add(new SlideSpec(image, seconds, from, to, easing, fit, transition, optionalTitle(slide, field + ".title")));
    }
    return slides;
  }

  /**
   * {@code "audio"}, {@code "slides"} or a list of {@code {"at": time, "title": text}}; YouTube's rules are
   * checked at planning, when the video's length is known.
   */
  private static ChaptersSpec parseChapters(JsonNode node, List<AudioTrackSpec> audio) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      switch (node.asText()) {
        case "audio":
          if (audio.isEmpty()) {
            throw new BadInputException("chapters", "is \"audio\" but the job has no audio tracks");
          }
          return ChaptersSpec.from(ChaptersSpec.Source.AUDIO);
        case "slides":
          return ChaptersSpec.from(ChaptersSpec.Source.SLIDES);
        default:
          throw new BadInputException("chapters", "must be \"audio\", \"slides\" or a list of {\"at\", \"title\"}, was \""
              + node.asText() + "\"");
      }
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new BadInputException("chapters", "must be \"audio\", \"slides\" or a non-empty list of {\"at\", \"title\"}");
    }
    List<ChaptersSpec.Entry> entries = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String field = "chapters[" + i + "]";
      JsonNode entry = node.get(i);
      requireObject(entry, field);
      checkFields(entry, CHAPTER_FIELDS, field + ".");
      JsonNode at = entry.get("at");
      if (at == null || at.isNull()) {
        throw new BadInputException(field + ".at", "missing: the chapter's start (seconds, or \"m:ss\" / \"h:mm:ss\")");
      }
      String title = optionalTitle(entry, field + ".title");
      if (title == null) {
        throw new BadInputException(field + ".title", "missing");
      }
      entries.add(new ChaptersSpec.Entry(timeMs(at, field + ".at"), title));
    }
    return new ChaptersSpec(ChaptersSpec.Source.LIST, entries);
  }

  /** {@code {"uri": …, "language": …}}; a two-letter language becomes its ISO 639-2 code. */
  private static CaptionsSpec parseCaptions(JsonNode node, String baseFolder) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, "captions");
    checkFields(node, CAPTIONS_FIELDS, "captions.");
    String uri = InputUris.resolve(baseFolder, requiredText(node, "uri", "captions.uri"), "captions.uri");
    String language = CaptionsSpec.UNDETERMINED;
    if (node.has("language") && !node.get("language").isNull()) {
      String given = requiredText(node, "language", "captions.language");
      if (!LANGUAGE.matcher(given).matches()) {
        throw new BadInputException("captions.language", "must be an ISO 639 language code in lower case (\"en\", "
            + "\"eng\", \"de\", \"deu\" …), was \"" + given + "\"");
      }
      if (given.length() == 2) {
        if (!List.of(Locale.getISOLanguages()).contains(given)) {
          throw new BadInputException("captions.language", "\"" + given + "\" is not an ISO 639-1 language code");
        }
        given = Locale.forLanguageTag(given).getISO3Language();
      }
      language = given;
    }
    return new CaptionsSpec(uri, language, optionalBoolean(node, "burnIn", "captions.burnIn", false));
  }

  /** {@code {"at": time, "format": "jpeg" | "png"}}, both optional. */
  private static ThumbnailSpec parseThumbnail(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, "thumbnail");
    checkFields(node, THUMBNAIL_FIELDS, "thumbnail.");
    Long at = node.has("at") && !node.get("at").isNull() ? timeMs(node.get("at"), "thumbnail.at") : null;
    ThumbnailSpec.Format format = ThumbnailSpec.Format.JPEG;
    if (node.has("format") && !node.get("format").isNull()) {
      String name = requiredText(node, "format", "thumbnail.format");
      format = switch (name) {
        case "jpeg", "jpg" -> ThumbnailSpec.Format.JPEG;
        case "png" -> ThumbnailSpec.Format.PNG;
        default -> throw new BadInputException("thumbnail.format", "must be jpeg or png, was \"" + name + "\"");
      };
    }
    return new ThumbnailSpec(at, format);
  }

  /**
   * A time in whole milliseconds: a number of seconds (rounded half up to the millisecond) or text
   * {@code [h:]m:ss[.fff]}; from 0 to {@link #MAX_SECONDS}.
   */
  private static long timeMs(JsonNode node, String field) {
    long ms;
    if (node.isTextual()) {
      Matcher m = CLOCK.matcher(node.asText());
      if (!m.matches() || Integer.parseInt(m.group(2)) > 59 || Integer.parseInt(m.group(3)) > 59) {
        throw new BadInputException(field, "must be seconds or a time m:ss, h:mm:ss or h:mm:ss.fff, was \""
            + node.asText() + "\"");
      }
      String fraction = m.group(4) == null ? "0" : (m.group(4) + "00").substring(0, 3);
      ms = (((m.group(1) == null ? 0 : Long.parseLong(m.group(1))) * 60 + Long.parseLong(m.group(2))) * 60
          + Long.parseLong(m.group(3))) * 1000 + Long.parseLong(fraction);
    } else {
      double seconds = number(node, field);
      if (!(seconds >= 0)) {
        throw new BadInputException(field, "must be 0 or more seconds, was " + seconds);
      }
      ms = new BigDecimal(node.asText()).movePointRight(3)
          .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
    if (ms > MAX_SECONDS * 1000) {
      throw new BadInputException(field, "must be at most " + (long) MAX_SECONDS + " seconds");
    }
    return ms;
  }

  /**
   * A title: non-blank text on one line (no control characters), at most {@link #MAX_TITLE_BYTES} bytes of
   * UTF-8 (what an MP4 chapter list holds); null when absent.
   */
  private static String optionalTitle(JsonNode parent, String field) {
    JsonNode node = parent.get("title");
    if (node == null || node.isNull()) {
      return null;
    }
    String title = requiredText(parent, "title", field);
    if (title.isBlank()) {
      throw new BadInputException(field, "must not be blank");
    }
    if (title.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
      throw new BadInputException(field, "must be one line of text (no line breaks, tabs or control characters)");
    }
    int bytes = title.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_TITLE_BYTES) {
      throw new BadInputException(field, "is " + bytes + " bytes of UTF-8, more than the " + MAX_TITLE_BYTES
          + " an MP4 chapter list holds");
    }
    return title.strip();
  }

  /** {@code {"type": …, "seconds": …}}; seconds are required except for a cut, which has none. */
  private static Transition parseTransition(JsonNode node, String field) {
    requireObject(node, field);
    checkFields(node, TRANSITION_FIELDS, field + ".");
    String name = requiredText(node, "type", field + ".type");
    TransitionType type = TransitionType.fromSpec(name);
    if (type == null) {
      throw new BadInputException(field + ".type",
          "must be cut, crossfade or fade-through-black, was \"" + name + "\"");
    }
    JsonNode secondsNode = node.get("seconds");
    boolean hasSeconds = secondsNode != null && !secondsNode.isNull();
    if (type == TransitionType.CUT) {
      if (hasSeconds) {
        throw new BadInputException(field + ".seconds", "a cut has no length: leave seconds out");
      }
      return Transition.CUT;
    }
    if (!hasSeconds) {
      throw new BadInputException(field + ".seconds", "missing: a " + name + " needs its length in seconds");
    }
    double seconds = number(secondsNode, field + ".seconds");
    if (!(seconds > 0) || seconds > Transition.MAX_SECONDS) {
      throw new BadInputException(field + ".seconds",
          "must be more than 0 and at most " + (long) Transition.MAX_SECONDS + ", was " + seconds);
    }
    return new Transition(type, seconds);
  }

  private static CameraPoint parseCamera(JsonNode node, String field, CameraPoint defaults) {
    if (node == null || node.isNull()) {
      return defaults;
    }
    requireObject(node, field);
    checkFields(node, CAMERA_FIELDS, field + ".");
    double zoom = optionalNumber(node, "zoom", field + ".zoom", defaults.zoom());
    if (!(zoom >= 1 && zoom <= 20)) {
      throw new BadInputException(field + ".zoom", "must be from 1 to 20, was " + zoom);
    }
    double x = optionalNumber(node, "x", field + ".x", defaults.x());
    double y = optionalNumber(node, "y", field + ".y", defaults.y());
    if (!(x >= 0 && x <= 1)) {
      throw new BadInputException(field + ".x", "must be from 0 to 1 (a fraction of the image width), was " + x);
    }
    if (!(y >= 0 && y <= 1)) {
      throw new BadInputException(field + ".y", "must be from 0 to 1 (a fraction of the image height), was " + y);
    }
    return new CameraPoint(zoom, x, y);
  }

  static void checkFields(JsonNode node, Set<String> allowed, String prefix) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      if (!allowed.contains(name)) {
        throw new BadInputException(prefix + name, "unknown field (allowed here: " + String.join(", ", sorted(allowed)) + ")");
      }
    }
  }

  static void requireObject(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw new BadInputException(field, "must be a JSON object");
    }
  }

  static String requiredText(JsonNode parent, String name, String field) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new BadInputException(field, "missing");
    }
    if (!node.isTextual()) {
      throw new BadInputException(field, "must be a string");
    }
    return node.asText();
  }

  static double number(JsonNode node, String field) {
    if (!node.isNumber()) {
      throw new BadInputException(field, "must be a number");
    }
    double value = node.asDouble();
    if (!Double.isFinite(value)) {
      throw new BadInputException(field, "must be a finite number");
    }
    return value;
  }

  static double optionalNumber(JsonNode parent, String name, String field, double fallback) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? fallback : number(node, field);
  }

  static double nonNegative(JsonNode parent, String name, String field) {
    double value = optionalNumber(parent, name, field, 0);
    if (!(value >= 0) || value > MAX_SECONDS) {
      throw new BadInputException(field, "must be a number of seconds from 0 to " + (long) MAX_SECONDS + ", was " + value);
    }
    return value;
  }

  private static int wholeNumber(JsonNode parent, String name, String field, int fallback, int min, int max) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    double value = number(node, field);
    if (value != Math.rint(value)) {
      throw new BadInputException(field, "must be a whole number, was " + value);
    }
    if (value < min || value > max) {
      // The number as written: a cast to long would show 1e20 as Long.MAX_VALUE.
      String shown = node.isIntegralNumber() ? node.bigIntegerValue().toString() : Double.toString(value);
      throw new BadInputException(field, "must be from " + min + " to " + max + ", was " + shown);
    }
    return (int) value;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
