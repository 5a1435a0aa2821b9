package dev.videogen.bench;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoChunkEncoder;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.image.ImageDecoder;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.ChunkPlanner;
import dev.videogen.media.plan.ChunkTask;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.FrameSink;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.JobSpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Loader;

/** The workloads the benchmark times: the job spec, the zoompan command lines, and the encode-only runs. */
final class Workloads {
  static final int FPS = 30;
  static final int CRF = 23;
  static final double ZOOM_TO = 1.25;

  private Workloads() {}

  /** The benchmark job: each photo for {@code secondsPerSlide}, zooming 1 → 1.25 about the centre, no audio. */
  static String spec(String id, String output, List<Path> photos, int width, int height, String preset,
      double secondsPerSlide) {
    return spec(id, output, photos, width, height, preset, secondsPerSlide, 1);
  }

  /**
   * The benchmark job played {@code cycles} times in a row ({@code loop}): the very same frames as the
   * one-cycle job, repeated, so encode-only can be fed the one-cycle frames looped and compared frame for frame.
   */
  static String spec(String id, String output, List<Path> photos, int width, int height, String preset,
      double secondsPerSlide, int cycles) {
    StringBuilder slides = new StringBuilder();
    for (Path photo : photos) {
      if (slides.length() > 0) {
        slides.append(",\n    ");
      }
      slides.append(String.format(Locale.ROOT, "{\"image\":\"%s\",\"seconds\":%s,\"from\":{\"zoom\":1,\"x\":0.5,\"y\":0.5},"
          + "\"to\":{\"zoom\":%s,\"x\":0.5,\"y\":0.5}}", photo.toAbsolutePath(), secondsPerSlide, ZOOM_TO));
    }
    return String.format(Locale.ROOT, "{\"id\":\"%s\",\"output\":\"%s\",\n \"video\":{\"width\":%d,\"height\":%d,"
        + "\"fps\":%d,\"crf\":%d,\"preset\":\"%s\"},\n \"duration\":%s,%s\n \"slides\":[\n    %s]}\n", id, output, width,
        height, FPS, CRF, preset, secondsPerSlide * photos.size() * cycles, cycles > 1 ? " \"loop\":true," : "", slides);
  }

  /**
   * The slideshow a user would write with FFmpeg's zoompan: each photo cropped to 16:9 and zoomed 1 → 1.25
   * about its centre over its frames, concatenated, libx264 with the same preset and crf. With
   * {@code upscale}, the usual anti-jitter fix first: {@code scale=8000:-2}.
   */
  static List<String> zoompan(String ffmpeg, List<Path> photos, int framesPerSlide, int width, int height,
      String preset, boolean upscale, Path output) {
    List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-v", "error", "-y"));
    StringBuilder graph = new StringBuilder();
    for (int k = 0; k < photos.size(); k++) {
      command.add("-i");
      command.add(photos.get(k).toString());
      graph.append(String.format(Locale.ROOT, "[%d:v]crop=iw:trunc(iw*9/32)*2,%szoompan=z='1+%s*on/%d':"
          + "x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=%d:s=%dx%d:fps=%d,setsar=1[v%d];", k,
          upscale ? "scale=8000:-2," : "", ZOOM_TO - 1, framesPerSlide - 1, framesPerSlide, width, height, FPS, k));
    }
    for (int k = 0; k < photos.size(); k++) {
      graph.append("[v").append(k).append(']');
    }
    graph.append("concat=n=").append(photos.size()).append(":v=1:a=0,format=yuv420p[out]");
    command.addAll(List.of("-filter_complex", graph.toString(), "-map", "[out]", "-c:v", "libx264", "-preset", preset,
        "-crf", Integer.toString(CRF), "-profile:v", "high", output.toString()));
    return command;
  }

  /** Encode-only with the ffmpeg program: raw yuv420p frames from a file in RAM (tmpfs), x264 threads auto. */
  static List<String> encodeRaw(String ffmpeg, Path raw, int width, int height, String preset, Path output) {
    return encodeRaw(ffmpeg, raw, width, height, preset, 1, output);
  }

  /** As above, the raw frames read {@code cycles} times in a row ({@code -stream_loop}). */
  static List<String> encodeRaw(String ffmpeg, Path raw, int width, int height, String preset, int cycles,
      Path output) {
    return List.of(ffmpeg, "-hide_banner", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p",
        "-s", width + "x" + height, "-framerate", Integer.toString(FPS), "-stream_loop", Integer.toString(cycles - 1),
        "-i", raw.toString(), "-c:v", "libx264",
        "-preset", preset, "-crf", Integer.toString(CRF), "-profile:v", "high", "-g", Integer.toString(5 * FPS),
        "-x264-params", "open-gop=0:8x8dct=1", output.toString());
  }

  static String ffmpegProgram() {
    return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
  }

  /** The plan videogen makes of the benchmark job (same frames, same chunks). */
  static JobPlan plan(String specJson, Path folder) {
    var spec = JobSpecParser.parse(specJson, folder.toString());
    Map<String, ImageInfo> images = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    for (var slide : spec.slides()) {
      try {
        byte[] bytes = Files.readAllBytes(Path.of(slide.image()));
        images.put(slide.image(), ImageDecoder.probe(slide.image(), bytes, ImageDecoder.DEFAULT_MAX_PIXELS));
        digests.put(slide.image(), slide.image());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return JobPlanner.plan(spec, images, digests, List.of(), "");
  }

  static VideoEncoderSettings encoderSettings(JobPlan plan) {
    var video = plan.spec().video();
    return new VideoEncoderSettings(video.width(), video.height(), video.fps(), video.crf(), video.preset(), 1,
        (int) video.fps().framesIn(5));
  }

  /** Renders every frame of the plan with videogen's renderer into a raw yuv420p file (for encode-only). */
  static void preRender(JobPlan plan, Path raw) throws IOException {
    var video = plan.spec().video();
    YuvPlanes target = YuvPlanes.allocate(video.width(), video.height());
    try (SourceCache cache = new SourceCache(2L << 30, ImageDecoder.DEFAULT_MAX_PIXELS,
            uri -> Files.readAllBytes(Path.of(uri)));
        ChunkRenderer renderer = new ChunkRenderer(video.width(), video.height(), cache);
        FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      renderer.render(plan, 0, plan.frames(), new FrameSink() {
        @Override
        public YuvPlanes frame() {
          return target;
        }

        @Override
        public void accept(long frameIndex) {
          try {
            for (ByteBuffer plane : List.of(target.y(), target.cb(), target.cr())) {
              out.write(plane.duplicate().clear());
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    }
  }

  /**
   * Encode-only in process, as videogen encodes: the same chunks, one libx264 (1 thread) per chunk,
   * {@code parallelism} chunks at a time, frames copied from the raw file (mapped) into the encoder's own
   * buffers. Returns the wall seconds and the process CPU seconds.
   */
  static double[] encodeChunked(JobPlan plan, Path raw, int parallelism, long chunkFrames, Path work) throws Exception {
    VideoEncoderSettings settings = encoderSettings(plan);
    List<ChunkTask> chunks = ChunkPlanner.split(plan, settings, chunkFrames);
    int width = settings.width();
    int height = settings.height();
    long frameBytes = (long) width * height * 3 / 2;
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (FileChannel in = FileChannel.open(raw, StandardOpenOption.READ)) {
      List<Future<Long>> done = new ArrayList<>();
      for (ChunkTask chunk : chunks) {
        done.add(pool.submit(() -> {
          Path file = work.resolve("encode-only-" + chunk.index() + ".vgp");
          MappedByteBuffer frames = in.map(FileChannel.MapMode.READ_ONLY, chunk.firstFrame() * frameBytes,
              chunk.frames() * frameBytes);
          try (VideoChunkEncoder encoder = new VideoChunkEncoder(settings, file, 0)) {
            for (long i = 0; i < chunk.frames(); i++) {
              YuvPlanes planes = encoder.framePlanes();
              int at = (int) (i * frameBytes);
              at = copyPlane(frames, at, planes.y(), planes.yStride(), width, height);
              at = copyPlane(frames, at, planes.cb(), planes.cbStride(), width / 2, height / 2);
              copyPlane(frames, at, planes.cr(), planes.crStride(), width / 2, height / 2);
              encoder.encodeFrame();
            }
            return encoder.finish();
          } finally {
            Files.deleteIfExists(file);
          }
        }));
      }
      for (Future<Long> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return new double[] {(System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpuStart) / 1e9};
  }

  private static int copyPlane(ByteBuffer from, int at, ByteBuffer to, int stride, int width, int height) {
    for (int row = 0; row < height; row++) {
      to.put(row * stride, from, at + row * width, width);
    }
    return at + width * height;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static FrameRate fps() {
    return new FrameRate(FPS, 1);
  }
}
