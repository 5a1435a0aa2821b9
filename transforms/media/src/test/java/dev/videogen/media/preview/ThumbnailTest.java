package dev.videogen.media.preview;

import static dev.videogen.media.codec.MediaTestSupport.colourOf;
import static dev.videogen.media.codec.MediaTestSupport.encodeChunk;
import static dev.videogen.media.codec.MediaTestSupport.ffmpeg;
import static dev.videogen.media.codec.MediaTestSupport.run;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.mux.VideoAssembler;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.ThumbnailSpec;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poster image is the video's own frame, decoded from the MP4 and converted from BT.709 exactly. */
class ThumbnailTest {
  static final FrameRate FPS = new FrameRate(12, 1);
  static final VideoEncoderSettings SETTINGS = new VideoEncoderSettings(64, 36, FPS, 16, "veryfast", 2, 48);
  static final int W = 64;
  static final int H = 36;

  @TempDir Path dir;
  Path mp4;

  @BeforeEach
  void assemble() {
    // Frame i is a flat colour, colourOf(i); two chunks so that frames after a seek are reached too.
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(SETTINGS, a, 0, 12);
    encodeChunk(SETTINGS, b, 12, 12);
    mp4 = dir.resolve("video.mp4");
    VideoAssembler.assemblePlaced(List.of(new VideoAssembler.Placement(a, 0L), new VideoAssembler.Placement(b, 12L)),
        24, null, mp4, Map.of());
  }

  private static int[] pixel(Mat bgr, int x, int y) {
    ByteBuffer data = bgr.createBuffer();
    int at = (y * bgr.cols() + x) * 3;
    return new int[] {data.get(at) & 0xFF, data.get(at + 1) & 0xFF, data.get(at + 2) & 0xFF};
  }

  private static Mat decodeImage(byte[] bytes) {
    return imdecode(new Mat(new BytePointer(bytes)), IMREAD_COLOR);
  }

  /** Frame {@code index} as the ffmpeg program decodes it, converted by {@link Bt709Decoder}. */
  private Mat ffmpegFrame(int index) {
    byte[] raw = run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-map", "0:v:0", "-fps_mode",
        "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = W * H * 3 / 2;
    YuvPlanes planes = YuvPlanes.allocate(W, H);
    planes.y().put(0, raw, index * frameBytes, W * H);
    planes.cb().put(0, raw, index * frameBytes + W * H, W * H / 4);
    planes.cr().put(0, raw, index * frameBytes + W * H + W * H / 4, W * H / 4);
    Mat bgr = new Mat();
    new Bt709Decoder(W, H).decode(planes, bgr);
    return bgr;
  }

  @Test
  void aPngThumbnailHoldsExactlyTheFramePixelsAPlayerShows() {
    for (int index : new int[] {0, 7, 13, 23}) {
      Mat image = decodeImage(Thumbnail.of(mp4, FPS, index, ThumbnailSpec.Format.PNG));
      assertEquals(W, image.cols());
      assertEquals(H, image.rows());
      Mat reference = ffmpegFrame(index);
      int[] colour = colourOf(index);
      for (int[] at : new int[][] {{0, 0}, {31, 17}, {63, 35}, {10, 30}}) {
        int[] got = pixel(image, at[0], at[1]);
        // Exactly the ffmpeg program's decoded frame, through the same BT.709 conversion ...
        assertEquals(List.of(pixel(reference, at[0], at[1])[0], pixel(reference, at[0], at[1])[1],
            pixel(reference, at[0], at[1])[2]), List.of(got[0], got[1], got[2]), "frame " + index + " at " + at[0] + "," + at[1]);
        // ... and the colour the frame was made of, within the encoder's loss.
        for (int c = 0; c < 3; c++) {
          assertTrue(Math.abs(got[c] - colour[c]) <= 4, "frame " + index + " channel " + c + ": " + got[c] + " vs " + colour[c]);
        }
      }
    }
  }

  @Test
  void aJpegThumbnailIsTheSameFrameWithinJpegLoss() {
    byte[] jpeg = Thumbnail.of(mp4, FPS, 13, ThumbnailSpec.Format.JPEG);
    assertEquals(0xFF, jpeg[0] & 0xFF);
    assertEquals(0xD8, jpeg[1] & 0xFF);
    Mat image = decodeImage(jpeg);
    int[] colour = colourOf(13);
    int[] got = pixel(image, 31, 17);
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(got[c] - colour[c]) <= 8, "channel " + c + ": " + got[c] + " vs " + colour[c]);
    }
  }

  @Test
  void aFrameAfterTheEndIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Thumbnail.of(mp4, FPS, 24, ThumbnailSpec.Format.PNG));
    assertTrue(e.getMessage().contains("ends before frame 24"), e.getMessage());
  }
}
