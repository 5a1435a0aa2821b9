package dev.videogen.media.preview;

import dev.videogen.media.FrameRate;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.plan.VideoFades;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a contact sheet shows: one row per distinct slide segment, each with its first, middle and last frame.
 * Two segments are the same when their frames are: the same slide of the spec for the same number of frames
 * over the same visible range (a camera runs over its visible frames), between the same neighbours shown the
 * same way (transition windows blend them in), and neither touched by the video's fade-in or fade-out. A looped
 * job of hours thus gets one row per slide (plus the first showing and the cut last one where transitions or
 * fades make them differ), with the number of showings and the first. Pure: no pixels.
 */
public final class SheetLayout {
  /** Which frame of a segment a cell shows. */
  public enum Role {
    FIRST("first"),
    MIDDLE("mid"),
    LAST("last");

    private final String label;

    Role(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One cell: global frame {@code frame}, the {@code role} frame of its segment. */
  public record Cell(Role role, long frame) {}

  /**
   * One row: the first showing of a distinct segment, how many showings it stands for (and their first
   * frames), and whether it is a looped job's last showing cut short.
   */
  public record Row(SlideSegment segment, int showings, boolean cut, List<Cell> cells, List<Long> showingStarts) {
    public Row {
      cells = List.copyOf(cells);
      showingStarts = List.copyOf(showingStarts);
    }
  }

  private SheetLayout() {}

  /** The rows of {@code plan}, in order of first showing. */
  public static List<Row> rows(JobPlan plan) {
    List<SlideSegment> all = plan.segments();
    Map<List<Object>, List<SlideSegment>> distinct = new LinkedHashMap<>();
    for (int k = 0; k < all.size(); k++) {
      distinct.computeIfAbsent(sameFramesKey(plan, k), key -> new ArrayList<>()).add(all.get(k));
    }
    SlideSegment lastShown = all.get(all.size() - 1);
    List<Row> rows = new ArrayList<>();
    for (List<SlideSegment> showings : distinct.values()) {
      SlideSegment first = showings.get(0);
      boolean cut = plan.spec().loop() && showings.size() == 1 && first == lastShown
          && all.stream().anyMatch(s -> s.slideIndex() == first.slideIndex() && s.frames() > first.frames());
      rows.add(new Row(first, showings.size(), cut, cells(first),
          showings.stream().map(SlideSegment::startFrame).toList()));
    }
    return rows;
  }

  /** Everything a segment's frames depend on (see the class comment), relative to where it sits. */
  private static List<Object> sameFramesKey(JobPlan plan, int index) {
    List<SlideSegment> all = plan.segments();
    SlideSegment segment = all.get(index);
    VideoFades fades = plan.composition().fades();
    long first = segment.cameraStart();
    long end = segment.cameraEnd();
    if (fades.fadesIn(first, end) || fades.fadesOut(first, end)) {
      return List.of("faded", index);
    }
    // A neighbour matters only where a transition window blends it into this segment's own frames.
    SlideSegment previous = index > 0 ? all.get(index - 1) : null;
    SlideSegment next = index + 1 < all.size() ? all.get(index + 1) : null;
    boolean blendsPrevious = previous != null && previous.cameraEnd() > segment.startFrame();
    boolean blendsNext = next != null && next.cameraStart() < segment.endFrame();
    return List.of(shape(segment), blendsPrevious ? shape(previous) : List.of(), blendsNext ? shape(next) : List.of());
  }

  private static List<Long> shape(SlideSegment s) {
    return List.of((long) s.slideIndex(), s.frames(), s.startFrame() - s.cameraStart(), s.cameraEnd() - s.endFrame());
  }

  /** First, middle and last frame of a segment [a, b): a, ⌊(a + b − 1) / 2⌋, b − 1. */
  public static List<Cell> cells(SlideSegment segment) {
    long a = segment.startFrame();
    long b = segment.endFrame();
    return List.of(new Cell(Role.FIRST, a), new Cell(Role.MIDDLE, middleFrame(a, b)), new Cell(Role.LAST, b - 1));
  }

  /** The middle frame of [a, b): the lower one of the two middles when the count is even. */
  public static long middleFrame(long a, long b) {
    return Math.floorDiv(a + b - 1, 2);
  }

  /**
   * The time at which frame {@code frame} is shown, as h:mm:ss.sss, truncated to the millisecond (the
   * millisecond in which the frame starts; hours are not bounded).
   */
  public static String timecode(long frame, FrameRate fps) {
    long millis = Math.multiplyExact(Math.multiplyExact(frame, (long) fps.den()), 1000L) / fps.num();
    return timecodeOfMillis(millis);
  }

  /** {@code millis} as h:mm:ss.sss. */
  public static String timecodeOfMillis(long millis) {
    return String.format("%d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
        millis % 1000);
  }

  /** Seconds as a short decimal for labels: 12 → "12", 2.5 → "2.5", 0.333… → "0.333". */
  static String seconds(long frames, FrameRate fps) {
    long millis = Math.multiplyExact(frames * (long) fps.den(), 1000L) / fps.num();
    String text = String.format("%d.%03d", millis / 1000, millis % 1000);
    return text.replaceAll("\\.?0+$", "");
  }
}
