package dev.videogen.media.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Set<String> TOP_FIELDS =
      Set.of("id", "output", "video", "audio", "duration", "loop", "slides", "audioCrossfade", "loudness",
          "transition", "fadeIn", "fadeOut", "overlays");
  private static final Set<String> VIDEO_FIELDS = Set.of("width", "height", "fps", "crf", "preset");
  private static final Set<String> AUDIO_FIELDS = Set.of("uri", "fadeIn", "fadeOut", "crossfade");
  private static final Set<String> LOUDNESS_FIELDS = Set.of("target", "truePeak");
  private static final Set<String> SLIDE_FIELDS =
      Set.of("image", "seconds", "from", "to", "easing", "fit", "transition");
  private static final Set<String> TRANSITION_FIELDS = Set.of("type", "seconds");
  private static final Set<String> CAMERA_FIELDS = Set.of("zoom", "x", "y");

  private JobSpecParser() {}

  /** Parses JSON text; relative paths resolve against {@code baseFolder} (a local folder or a URI). */
  public static JobSpec parse(String json, String baseFolder) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException("spec", "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    return parse(root, baseFolder);
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
    String output = root.has("output") ? InputUris.resolve(baseFolder, requiredText(root, "output", "output"), "output") : null;
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
    boolean loop = false;
    JsonNode loopNode = root.get("loop");
    if (loopNode != null && !loopNode.isNull()) {
      if (!loopNode.isBoolean()) {
        throw new BadInputException("loop", "must be true or false");
      }
      loop = loopNode.asBoolean();
    }
    List<SlideSpec> slides = parseSlides(root.get("slides"), baseFolder);
    double audioCrossfade = nonNegative(root, "audioCrossfade", "audioCrossfade");
    LoudnessSpec loudness = parseLoudness(root.get("loudness"));
    Transition transition = root.has("transition") && !root.get("transition").isNull()
        ? parseTransition(root.get("transition"), "transition") : Transition.CUT;
    double fadeIn = nonNegative(root, "fadeIn", "fadeIn");
    double fadeOut = nonNegative(root, "fadeOut", "fadeOut");
    List<OverlaySpec> overlays = OverlaySpecParser.parse(root.get("overlays"), baseFolder, audio.size());
    return new JobSpec(id, output, video, audio, mode, fixedSeconds, loop, slides, audioCrossfade, loudness,
        transition, fadeIn, fadeOut, overlays);
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
      tracks.add(new AudioTrackSpec(uri, fadeIn, fadeOut, crossfade));
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
      slides.add(new SlideSpec(image, seconds, from, to, easing, fit, transition));
    }
    return slides;
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
      throw new BadInputException(field, "must be from " + min + " to " + max + ", was " + (long) value);
    }
    return (int) value;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
