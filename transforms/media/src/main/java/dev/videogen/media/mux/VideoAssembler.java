package dev.videogen.media.mux;

import dev.videogen.media.codec.FFmpegLog;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;

import dev.videogen.media.BadInputException;
import dev.videogen.media.LocalFiles;
import dev.videogen.media.captions.MovText;
import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.PacketFile;
import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import dev.videogen.media.chapters.Chapter;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Joins the encoded chunks of one video into an MP4, by packet copy (no re-encoding), together with the
 * separately encoded audio.
 *
 * <p>Before writing anything it checks that the chunks fit together: identical codec parameters (so one
 * SPS/PPS serves them all), each chunk starting with a key frame, contiguous frame ranges from frame 0 with
 * neither gap nor overlap, and the expected total. The audio must last as long as the video, within one
 * frame.
 *
 * <p>Presentation timestamps are copied as they are (the chunks already sit on the global frame grid).
 * Decode timestamps are renumbered over the whole video: packet n in decode order gets dts n − d, d being
 * the smallest reorder delay that keeps every dts at or before its pts. x264 gives a chunk of fewer than
 * three frames no B-frame delay but a longer chunk a delay of two, so its own dts would run backwards
 * where a short chunk is followed by a long one.
 *
 * <p>The MP4 is written with moov before mdat (faststart) in one pass: room for the index is reserved before
 * the media, an upper bound computed from the packets' timestamps and sizes ({@link IndexSpace}), and the
 * trailer writes moov there followed by a {@code free} box; should the muxer need more, the file is written
 * again with moov at the end and moved to the front (the rewrite of the whole file that the reservation
 * avoids). The muxer's edit lists place the first video
 * frame at t=0 despite the B-frame reorder delay (its first dts is negative) and trim the AAC encoder's
 * priming (its first packet's pts is −1024 samples), so both streams start at 0. The output is then opened
 * again and its index read back: the video frames it lists, its boxes filling the file, every sample inside it
 * ({@link MediaProbe#probeIndexed}; the media data is not read a second time, which cost 1.5 s per hour of
 * 1080p). The file is written under a temporary name beside {@code output}
 * and moved into place only when it is verified; after any failure neither file is left.
 */
public final class VideoAssembler {
  private static final System.Logger LOG = System.getLogger(VideoAssembler.class.getName());
  /** AVERROR(EINVAL) on Linux: what the mp4 muxer's trailer returns when the reserved index space is too small. */
  private static final int AVERROR_EINVAL = -22;

  private VideoAssembler() {}

  /**
   * A chunk file placed in the video: its first frame becomes frame {@code firstFrame}, whatever timestamps
   * the file itself starts at (the same file may be placed several times). A null {@code firstFrame} keeps the
   * file's own timestamps.
   */
  public record Placement(Path file, Long firstFrame) {}

  /**
   * Concatenates chunk packet files (in order) by packet copy, each re-timed to its placement (the
   * placements must cover frames [0, expectedFrames) in order, without gap or overlap), muxes the AAC packet
   * file (nullable), writes an MP4 with moov before mdat at output, then re-opens it and verifies the frame
   * count from its index.
   *
   * @param metadata MP4 tags; custom keys (e.g. {@code videogen_spec_sha256}) are kept as metadata items
   * @throws IllegalStateException when the chunks or the audio do not fit together, naming the file
   */
  public static AssembledVideo assemblePlaced(List<Placement> placements, long expectedFrames, Path audioPacketFile,
      Path output, Map<String, String> metadata) {
    return assemblePlaced(placements, expectedFrames, audioPacketFile, output, metadata, TimedText.NONE);
  }

  /**
   * As {@link #assemblePlaced(List, long, Path, Path, Map)}, with chapters and a caption track. The
   * chapters go in as libavformat's chapters, which its mp4 muxer writes twice: a QuickTime chapter track (a
   * disabled {@code text} track referenced by the video track's {@code chap} reference; Apple players) and a
   * Nero {@code chpl} box in {@code moov/udta} (most other players; at most 255 chapters). The captions
   * become a {@code tx3g} timed-text track (see {@link MovText}), its samples interleaved by time.
   */
  public static AssembledVideo assemblePlaced(List<Placement> placements, long expectedFrames, Path audioPacketFile,
      Path output, Map<String, String> metadata, TimedText text) {
    return assemblePlaced(placements, expectedFrames, audioPacketFile, output, metadata, text, LongUnaryOperator.identity());
  }

  /**
   * As {@link #assemblePlaced(List, long, Path, Path, Map, TimedText)}, the space reserved for the index passed
   * through {@code reservation} first (tests make it too small to see the fallback).
   */
  static AssembledVideo assemblePlaced(List<Placement> placements, long expectedFrames, Path audioPacketFile,
      Path output, Map<String, String> metadata, TimedText text, LongUnaryOperator reservation) {
    List<Path> chunks = placements == null ? null : placements.stream().map(Placement::file).toList();
    FFmpegLog.configure();
    if (chunks == null || chunks.isEmpty()) {
      throw new IllegalArgumentException("no chunks to assemble");
    }
    if (expectedFrames <= 0) {
      throw new IllegalArgumentException("expectedFrames must be positive, was " + expectedFrames);
    }
    if (output == null) {
      throw new IllegalArgumentException("output is required");
    }
    Map<String, String> tags = metadata == null ? Map.of() : metadata;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey() == null || tag.getKey().isEmpty() || tag.getValue() == null) {
        throw new IllegalArgumentException("metadata keys must be non-empty and values non-null: " + tag);
      }
    }
    Path target = output.toAbsolutePath();
    Path partial = null;
    try {
      Files.deleteIfExists(target);
      ChunkPlan plan = checkChunks(placements, expectedFrames);
      AudioPlan audio = audioPacketFile == null ? null : checkAudio(audioPacketFile, plan);
      Path directory = target.getParent();
      if (directory != null) {
        Files.createDirectories(directory);
      }
      partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".partial");
      long started = System.nanoTime();
      long reserve = reservation.applyAsLong(reserveIndex(plan, audio, text, tags));
      Duration trailer;
      boolean indexReserved = true;
      try {
        trailer = mux(chunks, plan, audioPacketFile, audio, partial, tags, text, reserve);
      } catch (IndexRoomTooSmall e) {
        // The muxer says how much more it needed in its log: write the file again with the index at the end
        // and moved to the front behind it.
        LOG.log(System.Logger.Level.WARNING, target + ": the index did not fit the " + reserve
            + " bytes reserved for it; writing the file again with the faststart rewrite");
        trailer = mux(chunks, plan, audioPacketFile, audio, partial, tags, text, 0);
        indexReserved = false;
      }
      long muxed = System.nanoTime();
      ProbeReport report = verify(partial, expectedFrames, audio != null);
      AssembledVideo result = new AssembledVideo(report.video().frames(), report.video().duration(),
          report.audio() == null ? 0 : report.audio().duration(),
          new AssembledVideo.Passes(Duration.ofNanos(muxed - started).minus(trailer), trailer,
              Duration.ofNanos(System.nanoTime() - muxed), indexReserved));
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      partial = null;
      return result;
    } catch (IOException e) {
      LocalFiles.deleteQuietly(partial);
      LocalFiles.deleteQuietly(target);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      LocalFiles.deleteQuietly(partial);
      LocalFiles.deleteQuietly(target);
      throw e;
    }
  }

  /** The common stream parameters and timing of a validated list of chunks. */
  /**
   * @param delay the reorder delay in frames of the joined stream: packet n (in decode order, counted over
   *     all chunks) gets dts n − delay, the smallest delay that keeps every dts at or before its pts
   */
  private record ChunkPlan(int timeBaseNum, int timeBaseDen, int fpsNum, int fpsDen, long frames, long delay,
      long[] shifts, IndexSpace.Track index, int parameterBytes) {
    /** The video's length in seconds. */
    double seconds() {
      return (double) frames * timeBaseNum / timeBaseDen;
    }

    /** The video's length in whole milliseconds, rounded down. */
    long milliseconds() {
      return BigInteger.valueOf(frames).multiply(BigInteger.valueOf(1000L * timeBaseNum))
          .divide(BigInteger.valueOf(timeBaseDen)).longValueExact();
    }
  }

  private record AudioPlan(int timeBaseNum, int timeBaseDen, long endPts, IndexSpace.Track index, int parameterBytes) {}

  private static ChunkPlan checkChunks(List<Placement> placements, long expectedFrames) {
    List<Path> chunks = placements.stream().map(Placement::file).toList();
    long[] shifts = new long[chunks.size()];
    byte[] parameters = null;
    int tbNum = 0;
    int tbDen = 0;
    int fpsNum = 0;
    int fpsDen = 0;
    long nextFrame = 0;
    long decodeIndex = 0;
    long delay = 0;
    IndexSpace.Track index = null;
    for (int k = 0; k < chunks.size(); k++) {
      Path chunk = chunks.get(k);
      String name = "chunk " + k + " (" + chunk + ")";
      if (chunk == null) {
        throw new IllegalArgumentException("chunk " + k + " is null");
      }
      try (PacketFile.Reader reader = new PacketFile.Reader(chunk)) {
        AVCodecParameters p = reader.parameters();
        if (p.codec_type() != AVMEDIA_TYPE_VIDEO) {
          throw new IllegalStateException(name + " is not a video stream");
        }
        byte[] own = reader.parameterBytes();
        int num = reader.timeBase().num();
        int den = reader.timeBase().den();
        if (parameters == null) {
          parameters = own;
          tbNum = num;
          tbDen = den;
          if (p.framerate().num() > 0 && p.framerate().den() > 0) {
            fpsNum = p.framerate().num();
            fpsDen = p.framerate().den();
          } else {
            fpsNum = den;
            fpsDen = num;
          }
          if ((long) fpsNum * num != (long) fpsDen * den) {
            throw new IllegalStateException(name + " has time base " + num + "/" + den
                + " which is not one frame at " + fpsNum + "/" + fpsDen + " fps");
          }
          index = new IndexSpace.Track(num, den, true);
        } else if (!Arrays.equals(parameters, own)) {
          throw new IllegalStateException(name + " has codec parameters (size, profile, colour or SPS/PPS "
              + "extradata) different from chunk 0: chunks must be encoded with identical settings");
        } else if (num != tbNum || den != tbDen) {
          throw new IllegalStateException(name + " has time base " + num + "/" + den + ", chunk 0 has "
              + tbNum + "/" + tbDen);
        }

        long count = 0;
        long previousDts = Long.MIN_VALUE;
        long[] pts = new long[256];
        long shift = 0;
        PacketFile.PacketInfo packet;
        while ((packet = reader.skip()) != null) {
          if (count == 0) {
            if (!packet.key()) {
              throw new IllegalStateException(name + " does not start with a key frame");
            }
            // The IDR frame: first in decode order and (closed GOP) first shown.
            Long placed = placements.get(k).firstFrame();
            shift = placed == null ? 0 : placed - packet.pts();
          }
          if (packet.dts() <= previousDts) {
            throw new IllegalStateException(name + " has decode timestamps out of order at packet " + count);
          }
          if (packet.pts() < packet.dts()) {
            throw new IllegalStateException(name + " has a packet shown before it is decoded (pts "
                + packet.pts() + " < dts " + packet.dts() + ")");
          }
          previousDts = packet.dts();
          if (count == pts.length) {
            pts = Arrays.copyOf(pts, pts.length * 2);
          }
          index.add(decodeIndex + count, packet.pts() + shift, packet.size(), packet.key());
          pts[(int) count++] = packet.pts();
        }
        if (count == 0) {
          throw new IllegalStateException(name + " holds no frames");
        }
        long filePts = pts[0];
        shifts[k] = shift;
        for (int i = 0; i < count; i++) {
          delay = Math.max(delay, decodeIndex + i - (pts[i] + shift));
        }
        Arrays.sort(pts, 0, (int) count);
        if (pts[0] != filePts) {
          throw new IllegalStateException(name + " shows frame " + pts[0] + " before its first packet's frame " + filePts);
        }
        for (int i = 0; i < count; i++) {
          pts[i] += shift;
        }
        long minPts = pts[0];
        long maxPts = pts[(int) count - 1];
        for (int i = 1; i < count; i++) {
          if (pts[i] != pts[i - 1] + 1) {
            throw new IllegalStateException(name + " is not a contiguous frame range: "
                + (pts[i] == pts[i - 1] ? "frame " + pts[i] + " twice" : "frames " + pts[i - 1] + " and "
                + pts[i] + " with none between"));
          }
        }
        if (minPts != nextFrame) {
          throw new IllegalStateException(name + " starts at frame " + minPts + " but frame " + nextFrame
              + " was expected (" + (minPts > nextFrame ? "a gap after" : "an overlap with")
              + (k == 0 ? " the start of the video" : " chunk " + (k - 1)) + ")");
        }
        decodeIndex += count;
        nextFrame = maxPts + 1;
      }
    }
    if (nextFrame != expectedFrames) {
      throw new IllegalStateException("the " + chunks.size() + " chunks hold " + nextFrame
          + " frames but the video needs " + expectedFrames);
    }
    index.shiftDts(-delay);
    return new ChunkPlan(tbNum, tbDen, fpsNum, fpsDen, nextFrame, delay, shifts, index, parameters.length);
  }

  private static AudioPlan checkAudio(Path file, ChunkPlan video) {
    String name = "audio " + file;
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      if (reader.parameters().codec_type() != AVMEDIA_TYPE_AUDIO) {
        throw new IllegalStateException(name + " is not an audio stream");
      }
      int num = reader.timeBase().num();
      int den = reader.timeBase().den();
      long end = Long.MIN_VALUE;
      long previousDts = Long.MIN_VALUE;
      long count = 0;
      IndexSpace.Track index = new IndexSpace.Track(num, den, false);
      PacketFile.PacketInfo packet;
      while ((packet = reader.skip()) != null) {
        if (packet.dts() <= previousDts) {
          throw new IllegalStateException(name + " has decode timestamps out of order at packet " + count);
        }
        previousDts = packet.dts();
        index.add(packet.dts(), packet.pts(), packet.size(), packet.key());
        end = Math.max(end, packet.pts() + Math.max(packet.duration(), 0));
        count++;
      }
      if (count == 0) {
        throw new IllegalStateException(name + " holds no packets");
      }
      // |end·num/den − frames·tbNum/tbDen| ≤ tbNum/tbDen, in integers (both sides times den·tbDen).
      BigInteger audioEnd = BigInteger.valueOf(end).multiply(BigInteger.valueOf((long) num * video.timeBaseDen()));
      BigInteger videoEnd =
          BigInteger.valueOf(video.frames()).multiply(BigInteger.valueOf((long) video.timeBaseNum() * den));
      BigInteger oneFrame = BigInteger.valueOf((long) video.timeBaseNum() * den);
      if (audioEnd.subtract(videoEnd).abs().compareTo(oneFrame) > 0) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "%s lasts %.6f s but the video %.6f s: they must agree within one frame", name,
            (double) end * num / den, video.seconds()));
      }
      return new AudioPlan(num, den, end, index, reader.parameterBytes().length);
    }
  }

  /** An upper bound on the index this file needs, in bytes: see {@link IndexSpace}. */
  private static long reserveIndex(ChunkPlan plan, AudioPlan audio, TimedText text, Map<String, String> tags) {
    int textSamples = text.captions().isEmpty() ? 0 : MovText.samples(text.captions()).size();
    List<String> titles = text.chapters().stream().map(Chapter::title).toList();
    return IndexSpace.reserve(plan.index(), audio == null ? null : audio.index(), textSamples, titles, tags,
        // The streams' serialised parameters hold their extradata (SPS/PPS, AudioSpecificConfig) and more.
        plan.parameterBytes() + (audio == null ? 0 : audio.parameterBytes()) + MovText.sampleDescription().length);
  }

  /**
   * Writes the MP4 with {@code reserve} bytes for its index before the media (the trailer writes it there),
   * or, for 0, with the faststart rewrite; returns how long the trailer took.
   *
   * @throws IndexRoomTooSmall when the trailer finds the index needs more than {@code reserve}
   */
  private static Duration mux(List<Path> chunks, ChunkPlan plan, Path audioFile, AudioPlan audioPlan, Path file,
      Map<String, String> metadata, TimedText text, long reserve) {
    try (Mp4Muxer muxer = new Mp4Muxer(file);
        ChunkSequence video = new ChunkSequence(chunks);
        PacketFile.Reader audio = audioFile == null ? null : new PacketFile.Reader(audioFile);
        OwnedPacket videoPacket = new OwnedPacket();
        OwnedPacket audioPacket = new OwnedPacket();
        OwnedPacket textPacket = new OwnedPacket();
        AVRational videoTimeBase = new AVRational().num(plan.timeBaseNum()).den(plan.timeBaseDen());
        AVRational audioTimeBase = new AVRational();
        AVRational milliseconds = new AVRational().num(1).den(1000)) {
      AVStream videoStream = muxer.addStream(video.parameters());
      videoStream.time_base().num(plan.timeBaseNum()).den(plan.timeBaseDen());
      videoStream.avg_frame_rate().num(plan.fpsNum()).den(plan.fpsDen());
      videoStream.r_frame_rate().num(plan.fpsNum()).den(plan.fpsDen());
      AVStream audioStream = null;
      if (audio != null) {
        audioStream = muxer.addStream(audio.parameters());
        audioTimeBase.num(audioPlan.timeBaseNum()).den(audioPlan.timeBaseDen());
        audioStream.time_base().num(audioPlan.timeBaseNum()).den(audioPlan.timeBaseDen());
      }
      AVStream textStream = text.captions().isEmpty() ? null
          : muxer.addTimedTextStream(MovText.sampleDescription(), text.language());
      muxer.setMetadata(metadata);
      muxer.setChapters(text.chapters(), plan.milliseconds());
      muxer.writeHeader(reserve > 0 ? "+use_metadata_tags" : "+faststart+use_metadata_tags", reserve);
      if (textStream != null) {
        // Few and small: queued at once, the muxer interleaves them by time with the video and audio.
        for (MovText.Sample sample : MovText.samples(text.captions())) {
          writeSample(muxer, textPacket.get(), sample, milliseconds, textStream);
        }
      }

      AVPacket nextVideo = videoPacket.get();
      AVPacket nextAudio = audioPacket.get();
      long decodeIndex = 0;
      boolean haveVideo = video.read(nextVideo);
      if (haveVideo) {
        nextVideo.pts(nextVideo.pts() + plan.shifts()[video.chunk()]);
        nextVideo.dts(decodeIndex++ - plan.delay());
      }
      boolean haveAudio = audio != null && audio.read(nextAudio);
      while (haveVideo || haveAudio) {
        boolean takeVideo = haveVideo && (!haveAudio
            || av_compare_ts(nextVideo.dts(), videoTimeBase, nextAudio.dts(), audioTimeBase) <= 0);
        if (takeVideo) {
          muxer.write(nextVideo, videoTimeBase, videoStream);
          haveVideo = video.read(nextVideo);
          if (haveVideo) {
            nextVideo.pts(nextVideo.pts() + plan.shifts()[video.chunk()]);
            nextVideo.dts(decodeIndex++ - plan.delay());
          }
        } else {
          muxer.write(nextAudio, audioTimeBase, audioStream);
          haveAudio = audio.read(nextAudio);
        }
      }
      if (decodeIndex != plan.frames()) {
        throw new IllegalStateException("the chunks changed while being assembled: " + decodeIndex
            + " video packets muxed, " + plan.frames() + " checked");
      }
      long trailer = System.nanoTime();
      try {
        muxer.finish();
      } catch (FFmpegException e) {
        if (reserve > 0 && e.code() == AVERROR_EINVAL) {
          throw new IndexRoomTooSmall(e);
        }
        throw e;
      }
      return Duration.ofNanos(System.nanoTime() - trailer);
    }
  }

  /** The mp4 muxer's trailer refused: the index needs more than the room reserved for it before the media. */
  private static final class IndexRoomTooSmall extends RuntimeException {
    IndexRoomTooSmall(FFmpegException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static void writeSample(Mp4Muxer muxer, AVPacket packet, MovText.Sample sample, AVRational timeBase,
      AVStream stream) {
    byte[] bytes = sample.bytes();
    FFmpegException.check("av_new_packet()", av_new_packet(packet, bytes.length));
    packet.data().put(bytes, 0, bytes.length);
    packet.pts(sample.startMs()).dts(sample.startMs()).duration(sample.endMs() - sample.startMs());
    packet.flags(AV_PKT_FLAG_KEY);
    muxer.write(packet, timeBase, stream);
  }

  private static ProbeReport verify(Path file, long expectedFrames, boolean withAudio) {
    ProbeReport report;
    try {
      report = MediaProbe.probeIndexed(file);
    } catch (BadInputException e) {
      throw new IllegalStateException("the assembled file cannot be read back: " + e.getMessage(), e);
    }
    if (report.video() == null) {
      throw new IllegalStateException("the assembled file has no video stream");
    }
    if (report.video().frames() != expectedFrames) {
      throw new IllegalStateException("the assembled file holds " + report.video().frames()
          + " video frames, expected " + expectedFrames);
    }
    if (!report.faststart()) {
      throw new IllegalStateException("the assembled file does not have its moov box before mdat");
    }
    if (withAudio && report.audio() == null) {
      throw new IllegalStateException("the assembled file lost its audio stream");
    }
    return report;
  }
}
