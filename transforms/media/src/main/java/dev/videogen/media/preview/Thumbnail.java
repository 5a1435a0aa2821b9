package dev.videogen.media.preview;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import dev.videogen.media.FrameRate;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.ThumbnailSpec;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A poster image of one frame of a finished video, decoded from the MP4 itself, so it shows exactly what a
 * player shows there (everything composited into the picture included), converted from BT.709 limited range
 * to 8-bit RGB as {@link Bt709Decoder} does. The RGB values are written as they are into an sRGB image: players
 * show video R'G'B' without converting the transfer curve, so the picture looks the same. PNG (lossless,
 * compression 6) or JPEG (quality 90, OpenCV's libjpeg with its default 4:2:0 subsampling).
 */
public final class Thumbnail {
  public static final int JPEG_QUALITY = 90;

  private Thumbnail() {}

  /** The image file's bytes of frame {@code index} of {@code mp4}. */
  public static byte[] of(Path mp4, FrameRate fps, long index, ThumbnailSpec.Format format) {
    YuvPlanes planes;
    try (Mp4FrameDecoder decoder = new Mp4FrameDecoder(mp4, fps)) {
      planes = decoder.frame(index);
    }
    try (Mat bgr = new Mat()) {
      new Bt709Decoder(planes.width(), planes.height()).decode(planes, bgr);
      return format == ThumbnailSpec.Format.PNG ? ContactSheet.png(bgr) : jpeg(bgr);
    }
  }

  private static byte[] jpeg(Mat bgr) {
    try (BytePointer encoded = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, JPEG_QUALITY)) {
      if (!imencode(".jpg", bgr, encoded, params)) {
        throw new IllegalStateException("imencode(.jpg) failed for a " + bgr.cols() + "x" + bgr.rows() + " frame");
      }
      byte[] bytes = new byte[(int) encoded.limit()];
      encoded.get(bytes);
      return bytes;
    }
  }
}
