package dev.videogen.media.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a job's side files go: beside the video, named after it. With the output {@code out/x.mp4} (the
 * base is the output without a final {@code .mp4}, in any case; an output without it is the base as it is):
 * {@code out/x.chapters.txt} (the YouTube description timestamps), {@code out/x.srt} and {@code out/x.vtt}
 * (the captions; players load a subtitle file named like the video on their own), and
 * {@code out/x.thumbnail.jpg} or {@code .png}. Null where the job has no such file.
 */
public record SideFiles(String chapters, String srt, String vtt, String thumbnail) {

  public static SideFiles of(JobSpec spec) {
    String output = spec.output();
    String base = output.toLowerCase(Locale.ROOT).endsWith(".mp4") ? output.substring(0, output.length() - 4) : output;
    return new SideFiles(
        spec.chapters() == null ? null : base + ".chapters.txt",
        spec.captions() == null ? null : base + ".srt",
        spec.captions() == null ? null : base + ".vtt",
        spec.thumbnail() == null ? null : base + ".thumbnail." + spec.thumbnail().format().extension());
  }

  /** The files the job writes, in this order: chapters, srt, vtt, thumbnail. */
  public List<String> all() {
    List<String> all = new ArrayList<>();
    for (String file : new String[] {chapters, srt, vtt, thumbnail}) {
      if (file != null) {
        all.add(file);
      }
    }
    return all;
  }
}
