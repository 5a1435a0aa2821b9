package dev.videogen.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.codec.VideoChunkEncoder;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.image.ImageFormat;
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
import dev.videogen.testing.TestMedia;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job without transitions or fades is a v1 job and must stay exactly what it was before they existed: the
 * same spec hash (so {@code --resume} still skips finished outputs), the same chunk content keys (so shared
 * chunks still match) and the same rendered bytes. The expected values were computed on {@code main} before
 * transitions were added (commit 829945a); a change here means v1 outputs changed.
 */
class V1CompatibilityTest {
  @TempDir Path dir;

  private static final String LOOPED_V1 = """
      {"id":"pin","output":"o.mp4","video":{"width":64,"height":36,"fps":10,"preset":"ultrafast"},
       "duration":7,"loop":true,
       "audio":[{"uri":"t.wav","fadeIn":0.5}],
       "slides":[{"image":"a.png","seconds":1.5,"from":{"zoom":1.1,"x":0.4,"y":0.5},"to":{"zoom":1.6,"x":0.6,"y":0.45},
                  "easing":"ease-in-out"},
                 {"image":"b.jpg","seconds":1,"fit":"contain"}]}""";
  private static final Map<String, ImageInfo> IMAGES = Map.of(
      "/j/a.png", new ImageInfo(ImageFormat.PNG, 96, 54, 1),
      "/j/b.jpg", new ImageInfo(ImageFormat.JPEG, 40, 60, 1));
  private static final VideoEncoderSettings ENCODER =
      new VideoEncoderSettings(64, 36, new FrameRate(10, 1), 23, "ultrafast", 1, 50);

  private static JobPlan plan(String base) {
    return JobPlanner.plan(JobSpecParser.parse(LOOPED_V1, base),
        Map.of(base + "/a.png", IMAGES.get("/j/a.png"), base + "/b.jpg", IMAGES.get("/j/b.jpg")),
        Map.of(base + "/a.png", "aa", base + "/b.jpg", "bb"), List.of(new AudioTrackInfo(48000, 2, 336_000)),
        "threads=1 chunk=10");
  }

  @Test
  void specHashAndChunkKeysAreThoseOfMain() {
    JobPlan plan = plan("/j");
    assertEquals("82aa410a395085765a554e928ee4e352fe7315685645cf486e6e0bbba6007786", plan.specHash());
    List<ChunkTask> chunks = ChunkPlanner.split(plan, ENCODER, 20);
    assertEquals("5712451ccaf4,e5f813703836,5712451ccaf4,e5f813703836,5712451ccaf4,9aa6e5effb81", String.join(",", chunks.stream().map(c -> c.contentKey().substring(0, 12)).toList()));
  }

  @Test
  void renderedPlanesAndEncodedChunkAreThoseOfMain() throws Exception {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.jpg"), 40, 60, 200);
    JobPlan plan = plan(dir.toString());
    MessageDigest planes = Sha256.newDigest();
    Path chunk = dir.resolve("chunk.vgp");
    try (SourceCache cache = new SourceCache(16L << 20, 1_000_000, uri -> Files.readAllBytes(Path.of(uri)));
        ChunkRenderer renderer = new ChunkRenderer(64, 36, cache);
        VideoChunkEncoder encoder = new VideoChunkEncoder(ENCODER, chunk, 0)) {
      FrameSink sink = encoder.asSink();
      renderer.render(plan.segments(), 0, plan.frames(), new FrameSink() {
        @Override
        public YuvPlanes frame() {
          return sink.frame();
        }

        @Override
        public void accept(long frameIndex) {
          YuvPlanes f = sink.frame();
          digestPlane(planes, f.y(), f.yStride(), f.width(), f.height());
          digestPlane(planes, f.cb(), f.cbStride(), f.chromaWidth(), f.chromaHeight());
          digestPlane(planes, f.cr(), f.crStride(), f.chromaWidth(), f.chromaHeight());
          sink.accept(frameIndex);
        }
      });
      assertEquals(70, encoder.finish());
    }
    assertEquals("d8ce5c1a372c9e7e9477056f0b3bd3a3c113f3d586a8d58cec01995b4e63ceba", HexFormat.of().formatHex(planes.digest()));
    assertEquals("5149056fe9a41c65fd0f17bc2d9b3eb11b216d6bd863bd4a06b6a312fc268f6d", Sha256.hex(chunk));
  }

  private static void digestPlane(MessageDigest digest, ByteBuffer plane, int stride, int width, int height) {
    byte[] row = new byte[width];
    for (int y = 0; y < height; y++) {
      plane.get(y * stride, row);
      digest.update(row);
    }
  }
}
