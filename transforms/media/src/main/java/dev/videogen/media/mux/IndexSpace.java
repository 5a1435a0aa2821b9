package dev.videogen.media.mux;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How many bytes to reserve before mdat so that the mp4 muxer writes its index (moov) there, in the same
 * pass as the media (libavformat's {@code moov_size}), instead of moving moov to the front by rewriting the
 * whole file behind it ({@code +faststart}).
 *
 * <p>An upper bound on what the muxer writes, from the samples about to be muxed: per sample its size
 * (stsz), per chunk its offset (stco, or co64 past 4 GiB), per change of samples per chunk an stsc entry, per
 * run of equal durations an stts entry, per run of equal composition offsets a ctts entry, per key frame an
 * stss entry. A chunk is a run of one track's samples between the other's, in the order the interleaver
 * writes them (by dts, the lower stream first on a tie), split where it would reach 1 MiB. What the muxer
 * writes once (headers, sample descriptions, tags, chapters) is bounded generously. Should the muxer still
 * need more, it refuses at the trailer and the assembler writes the file again the faststart way.
 */
final class IndexSpace {
  /** libavformat's mp4 muxer closes a chunk before it would reach this many bytes. */
  private static final long CHUNK_LIMIT = 1 << 20;
  /** Offsets past this need 64-bit chunk offsets (co64). */
  private static final long UINT32_MAX = 0xFFFF_FFFFL;
  /** The boxes written once per file and per track (ftyp aside), with room to spare: ~1.5 KiB in practice. */
  private static final long FIXED_BYTES = 4 << 10;
  private static final long PER_TRACK_BYTES = 1 << 10;
  /** A full box header with its entry count: the tables' own overhead. */
  private static final long TABLE_HEADER = 16;

  private IndexSpace() {}

  /**
   * One track's samples in decode order, as far as the index depends on them. H.264 samples may grow by a
   * quarter in the muxer (each 3-byte Annex B start code becomes a 4-byte length), so video tracks count
   * their bytes with that growth.
   */
  static final class Track {
    private final int timeBaseNum;
    private final int timeBaseDen;
    private final boolean annexB;
    private long[] dts = new long[1024];
    private int samples;
    private long bytes;
    private long keys;
    private boolean sameSizes = true;
    private int firstSize = -1;
    private long durationRuns;
    private long offsetRuns;
    private boolean offsets;
    private long lastDelta = Long.MIN_VALUE;
    private long lastOffset = Long.MIN_VALUE;
    private int[] sizes = new int[1024];

    Track(int timeBaseNum, int timeBaseDen, boolean annexB) {
      this.timeBaseNum = timeBaseNum;
      this.timeBaseDen = timeBaseDen;
      this.annexB = annexB;
    }

    /** The next sample in decode order, with the timestamps the muxer will be given. */
    void add(long dts, long pts, int size, boolean key) {
      if (samples == this.dts.length) {
        this.dts = Arrays.copyOf(this.dts, samples * 2);
        sizes = Arrays.copyOf(sizes, samples * 2);
      }
      if (samples > 0) {
        long delta = dts - this.dts[samples - 1];
        if (delta != lastDelta) {
          durationRuns++;
          lastDelta = delta;
        }
      }
      this.dts[samples] = dts;
      sizes[samples] = size;
      samples++;
      bytes += size;
      keys += key ? 1 : 0;
      if (firstSize < 0) {
        firstSize = size;
      } else if (size != firstSize) {
        sameSizes = false;
      }
      long offset = pts - dts;
      offsets |= offset != 0;
      if (offset != lastOffset) {
        offsetRuns++;
        lastOffset = offset;
      }
    }

    /** Moves every decode timestamp by {@code ticks} (composition offsets move the other way). */
    void shiftDts(long ticks) {
      for (int i = 0; i < samples; i++) {
        dts[i] += ticks;
      }
    }

    /** The bytes the muxer writes to mdat for all these samples, at most. */
    long muxedBytes() {
      return muxed(bytes);
    }

    /** The most the muxer writes for {@code bytes} of this track's samples. */
    private long muxed(long bytes) {
      return annexB ? bytes + bytes / 4 : bytes;
    }

    /** −1, 0 or 1 as sample i of this track is written before, with (never) or after sample j of {@code other}. */
    private int compare(int i, Track other, int j) {
      return compareProducts(dts[i], (long) timeBaseNum * other.timeBaseDen, other.dts[j],
          (long) other.timeBaseNum * timeBaseDen);
    }
  }

  /** a·b against c·d, exactly (128-bit products); b and d are positive. */
  static int compareProducts(long a, long b, long c, long d) {
    long high = Math.multiplyHigh(a, b);
    long otherHigh = Math.multiplyHigh(c, d);
    if (high != otherHigh) {
      return Long.compare(high, otherHigh);
    }
    return Long.compareUnsigned(a * b, c * d);
  }

  /** What a track's chunks cost in the index, counted as its runs close. */
  private static final class Chunks {
    long chunks;
    long stscEntries;
    long lastSamplesPerChunk = -1;

    void run(long samples, long muxedBytes) {
      if (muxedBytes < CHUNK_LIMIT) {
        chunks++;
        if (samples != lastSamplesPerChunk) {
          stscEntries++;
          lastSamplesPerChunk = samples;
        }
        return;
      }
      // Any two neighbouring chunks of a split run hold 1 MiB or more between them.
      long split = Math.min(samples, 1 + 2 * muxedBytes / CHUNK_LIMIT);
      chunks += split;
      stscEntries += split;
      lastSamplesPerChunk = -1;
    }
  }

  /**
   * The bytes to reserve: an upper bound on the moov box plus room for the {@code free} box that fills the
   * rest (at least 8 bytes).
   *
   * @param video the video track (stream 0)
   * @param audio the audio track (stream 1), or null
   * @param textSamples the timed-text samples (each may also end with an empty sample the muxer adds)
   * @param chapterTitles the chapters' titles
   * @param metadata the file's tags
   * @param extradataBytes the streams' codec extradata, all together
   */
  static long reserve(Track video, Track audio, int textSamples, List<String> chapterTitles,
      Map<String, String> metadata, long extradataBytes) {
    Chunks videoChunks = new Chunks();
    Chunks audioChunks = new Chunks();
    interleave(video, audio, videoChunks, audioChunks);
    long mdat = video.muxedBytes() + (audio == null ? 0 : audio.muxedBytes());
    // Every sample offset is below the reserve (itself a few MB at most) plus mdat; 64 MiB is ample for it.
    boolean co64 = mdat + (64L << 20) > UINT32_MAX;
    long textBreaks = 2L * textSamples + 1; // a text sample can split a run of each of the others
    long bytes = FIXED_BYTES + 2 * extradataBytes + metadataBytes(metadata) + chapterBytes(chapterTitles)
        + trackBytes(video, videoChunks, textBreaks, co64);
    if (audio != null) {
      bytes += trackBytes(audio, audioChunks, textBreaks, co64);
    }
    if (textSamples > 0) {
      bytes += PER_TRACK_BYTES + textBreaks * (4 + 8 + 12 + 8 + 8) + 5 * TABLE_HEADER;
    }
    return bytes + bytes / 100 + 8;
  }

  /** Walks both tracks in the interleaver's order, closing each run of one track where the other's begins. */
  private static void interleave(Track video, Track audio, Chunks videoChunks, Chunks audioChunks) {
    if (audio == null || audio.samples == 0) {
      closeRuns(video, 0, video.samples, videoChunks);
      return;
    }
    int v = 0;
    int a = 0;
    while (v < video.samples || a < audio.samples) {
      // A video run: every video sample written before (or, being stream 0, with) the next audio sample.
      int start = v;
      while (v < video.samples && (a == audio.samples || video.compare(v, audio, a) <= 0)) {
        v++;
      }
      closeRuns(video, start, v, videoChunks);
      start = a;
      while (a < audio.samples && (v == video.samples || audio.compare(a, video, v) < 0)) {
        a++;
      }
      closeRuns(audio, start, a, audioChunks);
    }
  }

  private static void closeRuns(Track track, int from, int to, Chunks chunks) {
    if (from == to) {
      return;
    }
    long bytes = 0;
    for (int i = from; i < to; i++) {
      bytes += track.sizes[i];
    }
    chunks.run(to - from, track.muxed(bytes));
  }

  private static long trackBytes(Track track, Chunks chunks, long textBreaks, boolean co64) {
    long chunkCount = chunks.chunks + textBreaks;
    long stscEntries = chunks.stscEntries + 2 * textBreaks;
    long bytes = PER_TRACK_BYTES;
    bytes += TABLE_HEADER + 4 + (track.sameSizes ? 0 : 4L * track.samples); // stsz
    bytes += TABLE_HEADER + (co64 ? 8 : 4) * chunkCount; // stco or co64
    bytes += TABLE_HEADER + 12 * stscEntries; // stsc
    bytes += TABLE_HEADER + 8 * (track.durationRuns + 2); // stts, the last sample's duration its own run
    if (track.offsets) {
      bytes += TABLE_HEADER + 8 * track.offsetRuns; // ctts
    }
    if (track.keys < track.samples) {
      bytes += TABLE_HEADER + 4 * track.keys; // stss
    }
    return bytes;
  }

  private static long metadataBytes(Map<String, String> metadata) {
    long bytes = 0;
    for (Map.Entry<String, String> tag : metadata.entrySet()) {
      // keys box entry and ilst item (with its data box), both with headers
      bytes += 64 + 2 * utf8(tag.getKey()) + utf8(tag.getValue());
    }
    return bytes;
  }

  private static long chapterBytes(List<String> titles) {
    if (titles.isEmpty()) {
      return 0;
    }
    long bytes = PER_TRACK_BYTES; // the QuickTime chapter track and the video track's reference to it
    for (String title : titles) {
      // a chpl entry (time, length, title) and the chapter track's sample: stsz, co64, stsc, stts
      bytes += 9 + utf8(title) + 4 + 8 + 12 + 8;
    }
    return bytes;
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
