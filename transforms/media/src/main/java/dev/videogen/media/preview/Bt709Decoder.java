package dev.videogen.media.preview;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.videogen.media.render.YuvPlanes;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns a yuv420p frame into 8-bit BGR as a player shows the final video: the output is tagged BT.709,
 * limited ("TV") range, chroma sited "left" (H.264's default), so that is how it is read back.
 *
 * <p>Chroma is upsampled bilinearly at that siting: chroma sample (j, k) sits on luma column 2j, half way
 * between luma rows 2k and 2k+1. So luma column 2j takes chroma column j, column 2j+1 the mean of j and j+1;
 * luma row 2k takes ¾ of chroma row k and ¼ of row k−1, row 2k+1 ¾ of row k and ¼ of row k+1 (edges
 * replicated). Then, with y' = (Y − 16)/219, pb = (Cb − 128)/224, pr = (Cr − 128)/224:
 * R = y' + 1.5748 pr, B = y' + 1.8556 pb, G = (y' − 0.2126 R − 0.0722 B)/0.7152, each ×255, rounded half
 * up and clamped to [0, 255]. The inverse of the renderer's conversion ({@code YuvImage}), in plain Java
 * so the result does not depend on a library's fast paths. Keeps its row buffers; not thread-safe.
 */
public final class Bt709Decoder {
  private static final double KR = 0.2126;
  private static final double KB = 0.0722;
  private static final double KG = 1 - KR - KB;
  private static final double Y_GAIN = 255.0 / 219;
  private static final double CR_TO_R = 255 * 2 * (1 - KR) / 224;
  private static final double CB_TO_B = 255 * 2 * (1 - KB) / 224;
  private static final double CR_TO_G = -255 * 2 * (1 - KR) * KR / KG / 224;
  private static final double CB_TO_G = -255 * 2 * (1 - KB) * KB / KG / 224;

  private final int width;
  private final int height;
  private final int[] cbRow;
  private final int[] crRow;
  private final byte[] bgr;

  public Bt709Decoder(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive, was " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    int chromaWidth = (width + 1) / 2;
    this.cbRow = new int[chromaWidth];
    this.crRow = new int[chromaWidth];
    this.bgr = new byte[width * height * 3];
  }

  /** Converts {@code frame} into {@code out}, which becomes (or stays) a continuous width×height CV_8UC3 Mat. */
  public void decode(YuvPlanes frame, Mat out) {
    if (frame.width() != width || frame.height() != height) {
      throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", not " + width + "x"
          + height);
    }
    int chromaWidth = frame.chromaWidth();
    int chromaHeight = frame.chromaHeight();
    ByteBuffer y = frame.y();
    ByteBuffer cb = frame.cb();
    ByteBuffer cr = frame.cr();
    int o = 0;
    for (int row = 0; row < height; row++) {
      int k = row / 2;
      int other = row % 2 == 0 ? Math.max(k - 1, 0) : Math.min(k + 1, chromaHeight - 1);
      for (int j = 0; j < chromaWidth; j++) {
        // quarters: ¾ of the nearer chroma row, ¼ of the other
        cbRow[j] = 3 * u8(cb, k * frame.cbStride() + j) + u8(cb, other * frame.cbStride() + j);
        crRow[j] = 3 * u8(cr, k * frame.crStride() + j) + u8(cr, other * frame.crStride() + j);
      }
      int yBase = row * frame.yStride();
      for (int x = 0; x < width; x++) {
        int j = x / 2;
        int next = x % 2 == 0 ? j : Math.min(j + 1, chromaWidth - 1);
        double pb = (cbRow[j] + cbRow[next]) / 8.0 - 128;
        double pr = (crRow[j] + crRow[next]) / 8.0 - 128;
        double luma = Y_GAIN * (u8(y, yBase + x) - 16);
        bgr[o++] = clamp(luma + CB_TO_B * pb);
        bgr[o++] = clamp(luma + CB_TO_G * pb + CR_TO_G * pr);
        bgr[o++] = clamp(luma + CR_TO_R * pr);
      }
    }
    out.create(height, width, CV_8UC3);
    if (!out.isContinuous()) {
      throw new IllegalArgumentException("the output Mat must be continuous");
    }
    ByteBuffer pixels = out.createBuffer();
    pixels.put(bgr);
  }

  private static int u8(ByteBuffer plane, int index) {
    return plane.get(index) & 0xff;
  }

  private static byte clamp(double value) {
    long rounded = (long) Math.floor(value + 0.5);
    return (byte) Math.max(0, Math.min(255, rounded));
  }
}
