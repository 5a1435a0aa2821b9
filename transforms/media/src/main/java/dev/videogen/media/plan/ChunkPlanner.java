package dev.videogen.media.plan;

import dev.videogen.media.Sha256;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.overlay.OverlayShow;
import dev.videogen.media.overlay.Overlays;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a plan into contiguous chunks whose boundaries fall on slide boundaries, so that a slide shown
 * again with the same camera path yields a chunk with the same content, and gives each chunk a content key.
 *
 * <p>Rules (all a function of the slides' lengths, so repeated sequences split identically): a slide longer
 * than {@code chunkFrames} is cut into ⌈n / chunkFrames⌉ near-equal pieces, measured from the slide's own
 * start; shorter consecutive slides are grouped while the group stays within {@code chunkFrames}; a group
 * never spans the start of a loop cycle (each showing of the spec's first slide in a looped job), and a
 * looped job's last (cut) slide stands alone.
 *
 * <p>The content key is a SHA-256 over everything that determines a chunk's encoded bytes: the render format
 * version, the encoder settings, and for each piece of slide in the chunk the image's content digest (or its
 * URI when none is known), its oriented size, fit, easing, camera end points, the slide's length in frames
 * and the piece's place within the slide. Chunks are encoded on their own time line (pts from 0) and placed
 * by the assembler, so equal keys mean byte-identical chunk files wherever they sit.
 *
 * <p>Transitions and fades add to the key only where a chunk has them ({@link #EFFECTS_FORMAT}): a slide
 * whose camera runs beyond its own frames adds where its visible range starts and its length; each
 * transition window reaching into the chunk adds its type, length and place relative to the chunk's first
 * frame, and both slides it blends with their camera positions there; a chunk inside a fade adds the fade's
 * length and the chunk's distance from the video's start or end. All relative, so every cycle of a looped
 * job with transitions still shares keys. A chunk without any of these has exactly v1's key. A chunk
 * boundary may fall inside a transition window: its frames are a pure function of the global frame index.
 *
 * <p>Overlays add to the key only where a show reaches into the chunk ({@link #OVERLAY_FORMAT}), so a chunk no
 * overlay touches keeps its key, and looped chunks the overlays leave alone are still reused.
 */
public final class ChunkPlanner {
  /** Bump when a change alters the bytes of a chunk rendered from the same description. */
  public static final String CHUNK_FORMAT = "videogen-chunk-2";
  /**
   * Versions the blending of transitions and fades (fixed-point gains, rounding): bump when it changes the
   * bytes of a chunk that has them. Only such chunks' keys include it, so v1 chunks keep their keys.
   */
  public static final String EFFECTS_FORMAT = "videogen-effects-1";
  /**
   * Versions overlay drawing (layout, rasteriser, compositing): bump when it changes the bytes of a chunk
   * that shows an overlay. Only such chunks' keys include it.
   */
  public static final String OVERLAY_FORMAT = "videogen-overlays-1";

  private ChunkPlanner() {}

  public static List<ChunkTask> split(JobPlan plan, VideoEncoderSettings encoder, long chunkFrames) {
    if (chunkFrames < 1) {
      throw new IllegalArgumentException("chunkFrames must be at least 1, was " + chunkFrames);
    }
    List<List<Piece>> groups = new ArrayList<>();
    List<Piece> group = new ArrayList<>();
    long groupFrames = 0;
    boolean loop = plan.spec().loop();
    List<SlideSegment> segments = plan.segments();
    for (int s = 0; s < segments.size(); s++) {
      SlideSegment segment = segments.get(s);
      long length = segment.frames();
      // In a looped job the last slide shown is usually cut short; alone, it cannot change how the slides
      // before it group, so that part of the last cycle still matches the others.
      boolean cycleStart = loop && (segment.slideIndex() == 0 || s == segments.size() - 1);
      if (length > chunkFrames) {
        flush(groups, group);
        group = new ArrayList<>();
        groupFrames = 0;
        long pieces = (length + chunkFrames - 1) / chunkFrames;
        for (long k = 0; k < pieces; k++) {
          long from = segment.startFrame() + k * length / pieces;
          long to = segment.startFrame() + (k + 1) * length / pieces;
          groups.add(List.of(new Piece(s, segment, from, to)));
        }
        continue;
      }
      if (cycleStart || groupFrames + length > chunkFrames) {
        flush(groups, group);
        group = new ArrayList<>();
        groupFrames = 0;
      }
      group.add(new Piece(s, segment, segment.startFrame(), segment.endFrame()));
      groupFrames += length;
    }
    flush(groups, group);

    List<ChunkTask> chunks = new ArrayList<>(groups.size());
    long expected = 0;
    for (List<Piece> pieces : groups) {
      long first = pieces.get(0).from;
      long end = pieces.get(pieces.size() - 1).to;
      if (first != expected) {
        throw new IllegalStateException("slide segments are not contiguous at frame " + expected);
      }
      expected = end;
      List<SlideSegment> visible = visibleSegments(segments, pieces, first, end);
      Composition composition = plan.composition().slice(first, end);
      chunks.add(new ChunkTask(plan.id(), plan.specHash(), chunks.size(), first, end, encoder, visible,
          contentKey(plan, encoder, pieces, visible, composition, first, end), composition));
    }
    if (expected != plan.frames()) {
      throw new IllegalStateException("slide segments cover " + expected + " of " + plan.frames() + " frames");
    }
    return chunks;
  }

  private static void flush(List<List<Piece>> groups, List<Piece> group) {
    if (!group.isEmpty()) {
      groups.add(List.copyOf(group));
    }
  }

  /**
   * The segments whose own frames the pieces are, plus a neighbour visible in [first, end) through a
   * transition window (windows never span more than two segments), in plan order.
   */
  private static List<SlideSegment> visibleSegments(List<SlideSegment> segments, List<Piece> pieces, long first,
      long end) {
    int lo = pieces.get(0).index();
    int hi = pieces.get(pieces.size() - 1).index();
    if (lo > 0 && segments.get(lo - 1).cameraEnd() > first) {
      lo--;
    }
    if (hi + 1 < segments.size() && segments.get(hi + 1).cameraStart() < end) {
      hi++;
    }
    return segments.subList(lo, hi + 1);
  }

  /** Frames [from, to) of the segment at {@code index} in the plan. */
  private record Piece(int index, SlideSegment segment, long from, long to) {}

  private static String contentKey(JobPlan plan, VideoEncoderSettings encoder, List<Piece> pieces,
      List<SlideSegment> visible, Composition composition, long first, long end) {
    StringBuilder text = new StringBuilder(256);
    text.append(CHUNK_FORMAT).append('\n').append(JobPlanner.FORMAT_VERSION).append('\n')
        .append(encoder.width()).append('x').append(encoder.height())
        .append(" fps=").append(encoder.fps().num()).append('/').append(encoder.fps().den())
        .append(" crf=").append(encoder.crf()).append(" preset=").append(encoder.preset())
        .append(" threads=").append(encoder.threads()).append(" keyint=").append(encoder.keyframeInterval()).append('\n');
    for (Piece piece : pieces) {
      SlideSegment s = piece.segment();
      describeSlide(text, plan, s);
      text.append(" slideFrames=").append(s.frames())
          .append(" at=").append(piece.from() - s.startFrame())
          .append(" frames=").append(piece.to() - piece.from()).append('\n');
    }
    appendEffects(text, plan, visible, composition, first, end);
    appendOverlays(text, composition.overlays(), first, end);
    return Sha256.hex(text.toString());
  }

  /**
   * The key material of the overlay shows reaching into [first, end): each show's layer (its text, style and
   * font digest, or its picture's digest and size; position; opacity), its draw order, and its frames and
   * fades relative to the chunk's first frame. Nothing for a chunk no overlay touches (its key stays as it
   * was without overlays).
   */
  private static void appendOverlays(StringBuilder text, Overlays overlays, long first, long end) {
    boolean header = false;
    for (OverlayShow show : overlays.shows()) {
      if (!show.overlaps(first, end)) {
        continue;
      }
      if (!header) {
        text.append(OVERLAY_FORMAT).append('\n');
        header = true;
      }
      text.append(show.describe(first)).append('\n');
    }
  }

  /** What decides a slide's pixels in any frame, wherever it sits: picture, size, fit, easing, camera path. */
  private static void describeSlide(StringBuilder text, JobPlan plan, SlideSegment s) {
    String digest = plan.imageDigests().get(s.image());
    text.append(digest != null ? "sha256:" + digest : "uri:" + s.image())
        .append(' ').append(s.imageWidth()).append('x').append(s.imageHeight())
        .append(' ').append(s.fit()).append(' ').append(s.easing())
        .append(" from=").append(s.from().zoom()).append(',').append(s.from().x()).append(',').append(s.from().y())
        .append(" to=").append(s.to().zoom()).append(',').append(s.to().x()).append(',').append(s.to().y());
  }

  /**
   * The key material of transitions and fades, all relative to the chunk's first frame; nothing at all for
   * a chunk without them (v1's key). A slide's camera position at chunk frame j is (first + j − cameraStart)
   * of cameraFrames, so "camera=" gives first − cameraStart and cameraFrames.
   */
  private static void appendEffects(StringBuilder text, JobPlan plan, List<SlideSegment> visible,
      Composition composition, long first, long end) {
    boolean cameras = visible.stream().allMatch(SlideSegment::cameraIsOwnRange);
    boolean fadeIn = composition.fades().fadesIn(first, end);
    boolean fadeOut = composition.fades().fadesOut(first, end);
    if (cameras && composition.transitions().isEmpty() && !fadeIn && !fadeOut) {
      return;
    }
    text.append(EFFECTS_FORMAT).append('\n');
    for (SlideSegment s : visible) {
      if (s.startFrame() < end && s.endFrame() > first) { // shown on its own frames here
        text.append("slide ");
        describeSlide(text, plan, s);
        text.append(" own=").append(s.startFrame() - first).append('+').append(s.frames())
            .append(" camera=").append(first - s.cameraStart()).append('/').append(s.cameraFrames()).append('\n');
      }
    }
    for (TransitionWindow window : composition.transitions()) {
      text.append("transition ").append(window.type()).append(" n=").append(window.frames())
          .append(" at=").append(window.startFrame() - first).append('\n');
      for (SlideSegment s : visible) {
        if (s.cameraStart() <= window.startFrame() && s.cameraEnd() >= window.endFrame()) {
          text.append("  blends ");
          describeSlide(text, plan, s);
          text.append(" own=").append(s.startFrame() - first).append('+').append(s.frames())
              .append(" camera=").append(first - s.cameraStart()).append('/').append(s.cameraFrames()).append('\n');
        }
      }
    }
    if (fadeIn) {
      text.append("fadeIn=").append(composition.fades().inFrames()).append(" from=").append(first).append('\n');
    }
    if (fadeOut) {
      text.append("fadeOut=").append(composition.fades().outFrames())
          .append(" left=").append(composition.fades().totalFrames() - first).append('\n');
    }
  }
}
