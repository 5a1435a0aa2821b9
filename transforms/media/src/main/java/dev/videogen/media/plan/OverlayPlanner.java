package dev.videogen.media.plan;

import dev.videogen.media.captions.Cue;
import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.overlay.ImageLayer;
import dev.videogen.media.overlay.OverlayLayer;
import dev.videogen.media.overlay.OverlayShow;
import dev.videogen.media.overlay.Overlays;
import dev.videogen.media.overlay.TextLayer;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.OverlaySpec;
import dev.videogen.media.spec.OverlayTiming;
import dev.videogen.media.spec.Placement;
import dev.videogen.media.spec.TextStyle;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Places the spec's overlays on the frame grid (docs/SPEC.md, "Overlays"). A layer's times become frames as
 * slide times do, round(t·fps) half up in exact decimals: showing k starts at round((start + k·every)·fps)
 * and lasts round((start + k·every + duration)·fps) minus that, cut at the next showing and at the end of
 * the video. A "now playing" layer gets one text per audio track and is timed the same way inside each
 * track's stretch of the video: from the frame where the track starts (the middle of its crossfade with the
 * track before) to the frame where the next one does (or the track ends).
 */
public final class OverlayPlanner {
  /** Draw order of burnt-in captions: above every overlay of the spec. */
  public static final int CAPTION_ORDER = 1_000_000;

  private OverlayPlanner() {}

  /**
   * The overlay shows of a job of {@code frames} frames.
   *
   * @param audio the planned tracks (their lengths and crossfades place the "now playing" lines, their tags
   *     fill them)
   * @param images the probed size of each overlay picture, by URI (a picture without one is not checked)
   * @param digests the SHA-256 of the bytes of each overlay picture and font file, by URI (may lack some)
   */
  public static Overlays place(JobSpec spec, long frames, List<PlannedAudio> audio, Map<String, ImageInfo> images,
      Map<String, String> digests) {
    if (spec.overlays().isEmpty()) {
      return Overlays.NONE;
    }
    FrameRate fps = spec.video().fps();
    List<OverlayShow> shows = new ArrayList<>();
    for (int order = 0; order < spec.overlays().size(); order++) {
      OverlaySpec overlay = spec.overlays().get(order);
      if (overlay.isNowPlaying()) {
        long[] starts = trackStartFrames(audio, fps);
        for (int track = 0; track < audio.size(); track++) {
          long from = Math.min(starts[track], frames);
          long to = Math.min(starts[track + 1], frames);
          PlannedAudio planned = audio.get(track);
          String text = overlay.nowPlaying().textFor(track, planned.uri(), planned.info().title().orElse(null),
              planned.info().artist().orElse(null));
          TextLayer layer = new TextLayer(text, overlay.style(), overlay.position(), overlay.opacity(),
              fontDigest(overlay, digests));
          addShows(shows, layer, order, overlay.timing(), from, to, fps);
        }
      } else {
        if (overlay.isImage()) {
          checkDrawnSize(spec, order, overlay, images.get(overlay.image()));
        }
        OverlayLayer layer = overlay.isImage()
            ? new ImageLayer(overlay.image(), digests.get(overlay.image()), overlay.imageWidth(),
                overlay.imageHeight(), overlay.position(), overlay.opacity())
            : new TextLayer(overlay.text(), overlay.style(), overlay.position(), overlay.opacity(),
                fontDigest(overlay, digests));
        addShows(shows, layer, order, overlay.timing(), 0, frames, fps);
      }
    }
    return new Overlays(shows);
  }

  /**
   * Caption cues as text layers in {@code style} at {@code position}, drawn above every spec overlay: cue
   * [startMs, endMs) shows on frames [round(startMs·fps/1000), round(endMs·fps/1000)), cut at the video's
   * end; a cue shorter than a frame is dropped. Add them to a plan's overlays with {@link Overlays#plus}.
   */
  public static Overlays captions(List<Cue> cues, TextStyle style, Placement position, FrameRate fps,
      long frames) {
    List<OverlayShow> shows = new ArrayList<>();
    for (Cue cue : cues) {
      long from = msToFrame(cue.startMs(), fps);
      long to = Math.min(frames, msToFrame(cue.endMs(), fps));
      if (to > from && !cue.text().isBlank()) {
        shows.add(new OverlayShow(new TextLayer(cue.text(), style, position, 1.0), CAPTION_ORDER, from, to, 0, 0));
      }
    }
    return new Overlays(shows);
  }

  /** A picture drawn more than {@link ImageLayer#MAX_FRAMES} frames wide or high fails the job at planning. */
  private static void checkDrawnSize(JobSpec spec, int order, OverlaySpec overlay, ImageInfo info) {
    if (info == null) {
      return;
    }
    int width = spec.video().width();
    int height = spec.video().height();
    ImageLayer probe = new ImageLayer(overlay.image(), null, overlay.imageWidth(), overlay.imageHeight(),
        overlay.position(), overlay.opacity());
    int[] size = probe.drawnSize(width, height, info.storedWidth(), info.storedHeight()); // drawn unrotated
    if (size[0] > ImageLayer.MAX_FRAMES * width || size[1] > ImageLayer.MAX_FRAMES * height) {
      throw new BadInputException("overlays[" + order + "].image", "would be drawn " + size[0] + "x" + size[1]
          + " in a " + width + "x" + height + " frame: at most " + ImageLayer.MAX_FRAMES
          + " frames wide and high (give width or height)");
    }
  }

  private static String fontDigest(OverlaySpec overlay, Map<String, String> digests) {
    return overlay.style().font() == null ? null : digests.get(overlay.style().font());
  }

  /** round(ms·fps/1000), half up. */
  static long msToFrame(long ms, FrameRate fps) {
    long den = 1000L * fps.den();
    return Math.floorDiv(2 * ms * fps.num() + den, 2 * den);
  }

  /** The showings of one layer inside frames [from, to), its times counted from {@code from}. */
  private static void addShows(List<OverlayShow> shows, OverlayLayer layer, int order, OverlayTiming timing,
      long from, long to, FrameRate fps) {
    long fadeIn = SlideTimeline.frameAt(BigDecimal.valueOf(timing.fadeIn()), fps);
    long fadeOut = SlideTimeline.frameAt(BigDecimal.valueOf(timing.fadeOut()), fps);
    BigDecimal start = BigDecimal.valueOf(timing.start());
    for (long k = 0; ; k++) {
      BigDecimal at = timing.every() == null ? start
          : start.add(BigDecimal.valueOf(timing.every()).multiply(BigDecimal.valueOf(k)));
      long first = from + SlideTimeline.frameAt(at, fps);
      if (first >= to || (timing.every() == null && k > 0)) {
        return;
      }
      long end = timing.duration() == null ? to
          : Math.min(to, from + SlideTimeline.frameAt(at.add(BigDecimal.valueOf(timing.duration())), fps));
      if (timing.every() != null) {
        BigDecimal next = start.add(BigDecimal.valueOf(timing.every()).multiply(BigDecimal.valueOf(k + 1)));
        end = Math.min(end, from + SlideTimeline.frameAt(next, fps));
      }
      if (end > first) {
        shows.add(new OverlayShow(layer, order, first, end, fadeIn, fadeOut));
      }
    }
  }

  /**
   * Where each track's stretch of the video starts, in frames, and (last entry) where the last track ends.
   * Track i starts L_0 + … + L_{i−1} − X_1 − … − X_i samples in (L the decoded lengths at 48 kHz, X the
   * crossfades); its line takes over in the middle of its crossfade, at start + X_i/2.
   */
  static long[] trackStartFrames(List<PlannedAudio> audio, FrameRate fps) {
    long[] frames = new long[audio.size() + 1];
    long start = 0; // samples
    for (int i = 0; i < audio.size(); i++) {
      long overlap = audio.get(i).crossfadeSamples();
      start -= overlap;
      frames[i] = i == 0 ? 0 : halfSamplesToFrame(2 * start + overlap, fps);
      start += audio.get(i).info().samplesAt(JobPlanner.AUDIO_SAMPLE_RATE);
    }
    frames[audio.size()] = halfSamplesToFrame(2 * start, fps);
    return frames;
  }

  /** round(h/2 / 48000 · fps), half up, for a position of h half-samples. */
  private static long halfSamplesToFrame(long halfSamples, FrameRate fps) {
    long den = 2L * JobPlanner.AUDIO_SAMPLE_RATE * fps.den();
    return Math.floorDiv(2 * halfSamples * fps.num() + den, 2 * den);
  }
}
