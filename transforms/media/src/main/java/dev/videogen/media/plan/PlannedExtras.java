package dev.videogen.media.plan;

import dev.videogen.media.captions.Cue;
import dev.videogen.media.chapters.Chapter;
import java.io.Serializable;
import java.util.List;

/**
 * What a job adds around its picture and sound, fixed at planning: the chapters (MP4 chapters and the
 * YouTube description text), the caption cues on the video's timeline (cut at its end), the frame the
 * thumbnail shows (-1: no thumbnail), and warnings for the job's report (derived chapters YouTube will not
 * accept). None of it changes a chunk's pixels, so chunk content keys are unaffected (captions burnt into the
 * picture are text overlays of the plan's composition, and key the chunks they show in).
 */
public record PlannedExtras(List<Chapter> chapters, List<Cue> captions, long thumbnailFrame, List<String> warnings)
    implements Serializable {
  public static final PlannedExtras NONE = new PlannedExtras(List.of(), List.of(), -1, List.of());

  public PlannedExtras {
    chapters = List.copyOf(chapters);
    captions = List.copyOf(captions);
    warnings = List.copyOf(warnings);
  }

  public boolean hasThumbnail() {
    return thumbnailFrame >= 0;
  }
}
