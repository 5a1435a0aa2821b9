package dev.videogen.media.plan;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.captions.Cue;
import dev.videogen.media.chapters.Chapter;
import dev.videogen.media.chapters.YouTubeChapters;
import dev.videogen.media.spec.AudioTrackSpec;
import dev.videogen.media.spec.ChaptersSpec;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.SlideSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a job's chapters, captions and thumbnail frame (see {@link PlannedExtras}). Pure: no I/O.
 *
 * <p><b>Chapters from the audio</b>: one per track that starts before the video ends, at the track's first
 * sample on the video's timeline (a crossfaded track starts where its overlap with the track before it
 * begins), in whole milliseconds rounded down; titled by the track's {@code title}, else its tags
 * ("artist - title", or the title alone), else its file name without the extension.
 *
 * <p><b>Chapters from the slides</b>: one per showing of a slide that has a {@code title} (every showing of it
 * when the job loops), or, when no slide has one, per showing of every slide, titled by its image's file name
 * without the extension; a showing starts at its slide's own first frame (where a transition into it is
 * half done), in milliseconds rounded down. A chapter with the same title as the one before it is not a new
 * chapter.
 *
 * <p>Derived chapters that break YouTube's rules ({@link YouTubeChapters}) are kept (players show them) with a
 * warning; an explicit list that breaks one is an error naming the entry.
 */
public final class ExtrasPlanner {
  private ExtrasPlanner() {}

  static PlannedExtras plan(JobSpec spec, List<PlannedAudio> audio, List<SlideSegment> segments, long frames,
      Composition composition, List<Cue> captions) {
    if (spec.chapters() == null && spec.captions() == null && spec.thumbnail() == null) {
      return PlannedExtras.NONE;
    }
    FrameRate fps = spec.video().fps();
    long videoMs = millisAt(frames, fps);
    List<Chapter> chapters = List.of();
    List<String> warnings = new ArrayList<>();
    if (spec.chapters() != null) {
      chapters = switch (spec.chapters().source()) {
        case AUDIO -> fromAudio(spec, audio, videoMs);
        case SLIDES -> fromSlides(spec, segments, fps);
        case LIST -> spec.chapters().entries().stream().map(e -> new Chapter(e.atMs(), e.title())).toList();
      };
      Optional<YouTubeChapters.Violation> violation = YouTubeChapters.check(chapters, videoMs);
      if (violation.isPresent()) {
        YouTubeChapters.Violation v = violation.get();
        if (spec.chapters().source() == ChaptersSpec.Source.LIST) {
          String subject = v.index() < 0 ? "chapters"
              : "chapters[" + v.index() + "]" + (v.reason().startsWith("starts") ? ".at" : "");
          throw new BadInputException(subject, v.reason());
        }
        String which = v.index() < 0 ? "" : " chapter " + (v.index() + 1) + " (\"" + chapters.get(v.index()).title() + "\")";
        warnings.add("chapters from the " + (spec.chapters().source() == ChaptersSpec.Source.AUDIO ? "audio tracks"
            : "slides") + ":" + which + " " + v.reason() + "; YouTube will ignore the description timestamps (the "
            + "MP4 chapters are written)");
      }
    }
    List<Cue> cues = spec.captions() == null ? List.of() : Cue.within(captions, videoMs);
    long thumbnail = spec.thumbnail() == null ? -1 : thumbnailFrame(spec, segments, frames, fps, videoMs,
        composition.fades().inFrames());
    return new PlannedExtras(chapters, cues, thumbnail, warnings);
  }

  /**
   * The thumbnail's frame: the one shown at {@code thumbnail.at} (frame ⌊at·fps⌋), else a third into the
   * first slide's own frames, but not before the first frame the video's fade-in leaves at full brightness.
   */
  static long thumbnailFrame(JobSpec spec, List<SlideSegment> segments, long frames, FrameRate fps, long videoMs,
      long fadeInFrames) {
    Long at = spec.thumbnail().atMs();
    if (at != null) {
      if (at >= videoMs) {
        throw new BadInputException("thumbnail.at", "is " + YouTubeChapters.timestamp(at) + " (" + at
            + " ms), at or after the end of the video (" + videoMs + " ms)");
      }
      return Math.min(frames - 1, at * fps.num() / (1000L * fps.den()));
    }
    SlideSegment first = segments.get(0);
    long third = first.startFrame() + first.frames() / 3;
    return Math.min(frames - 1, Math.max(third, fadeInFrames));
  }

  private static List<Chapter> fromAudio(JobSpec spec, List<PlannedAudio> audio, long videoMs) {
    List<Chapter> chapters = new ArrayList<>();
    long start = 0; // in 48 kHz samples
    for (int i = 0; i < audio.size(); i++) {
      PlannedAudio track = audio.get(i);
      start -= track.crossfadeSamples();
      long ms = start / (JobPlanner.AUDIO_SAMPLE_RATE / 1000);
      if (ms >= videoMs) {
        break;
      }
      chapters.add(new Chapter(ms, title(spec.audio().get(i), track.info())));
      start += track.info().samplesAt(JobPlanner.AUDIO_SAMPLE_RATE);
    }
    return chapters;
  }

  static String title(AudioTrackSpec spec, AudioTrackInfo info) {
    if (spec.title() != null) {
      return spec.title();
    }
    Optional<String> title = info.title().map(YouTubeChapters::oneLine);
    Optional<String> artist = info.artist().map(YouTubeChapters::oneLine);
    if (title.isPresent() && !title.get().isEmpty()) {
      return fit(artist.filter(a -> !a.isEmpty()).map(a -> a + " - ").orElse("") + title.get());
    }
    return fit(baseName(spec.uri()));
  }

  private static List<Chapter> fromSlides(JobSpec spec, List<SlideSegment> segments, FrameRate fps) {
    boolean titled = spec.slides().stream().anyMatch(slide -> slide.title() != null);
    List<Chapter> chapters = new ArrayList<>();
    for (SlideSegment segment : segments) {
      SlideSpec slide = spec.slides().get(segment.slideIndex());
      if (titled && slide.title() == null) {
        continue;
      }
      String title = titled ? slide.title() : fit(baseName(slide.image()));
      if (!chapters.isEmpty() && chapters.get(chapters.size() - 1).title().equals(title)) {
        continue;
      }
      chapters.add(new Chapter(millisAt(segment.startFrame(), fps), title));
    }
    return chapters;
  }

  /** The file name of a URI or path, without its extension ({@code s3://b/music/01 Rain.mp3} → {@code 01 Rain}). */
  static String baseName(String uri) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return base.isBlank() ? name : base;
  }

  /** A title cut to at most 255 bytes of UTF-8 (what an MP4 chapter list holds), at a character boundary. */
  static String fit(String title) {
    String oneLine = YouTubeChapters.oneLine(title);
    if (oneLine.getBytes(StandardCharsets.UTF_8).length <= 255) {
      return oneLine;
    }
    StringBuilder cut = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < oneLine.length(); ) {
      int codePoint = oneLine.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > 255) {
        break;
      }
      cut.appendCodePoint(codePoint);
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return cut.toString().strip();
  }

  /** The time of frame {@code frame} in whole milliseconds, rounded down. */
  static long millisAt(long frame, FrameRate fps) {
    return frame * 1000L * fps.den() / fps.num();
  }
}
