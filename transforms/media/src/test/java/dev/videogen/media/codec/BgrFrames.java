package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BITEXACT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INP;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_init_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.videogen.media.render.YuvPlanes;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Test frames given as BGR {@code Mat}s, for a {@link VideoChunkEncoder}: each is converted by swscale into
 * the encoder's own frame buffers with BT.709 coefficients to limited-range yuv420p, chroma filtered (bicubic,
 * full horizontal chroma input, "left" chroma siting), then encoded. The renderer draws planes itself; this is
 * how tests make frames of exactly known colours. Owns one swscale context for one frame size.
 */
public final class BgrFrames implements AutoCloseable {
  private final int width;
  private final int height;
  private SwsContext scaler;
  private final PointerPointer<BytePointer> source = new PointerPointer<>(4);
  private final IntPointer sourceStrides = new IntPointer(4);
  private final PointerPointer<BytePointer> target = new PointerPointer<>(4);
  private final IntPointer targetStrides = new IntPointer(4);

  public BgrFrames(int width, int height) {
    this.width = width;
    this.height = height;
    try {
      scaler = FFmpegException.notNull(sws_alloc_context(), "sws_alloc_context()");
      set("srcw", width);
      set("srch", height);
      set("src_format", AV_PIX_FMT_BGR24);
      set("dstw", width);
      set("dsth", height);
      set("dst_format", AV_PIX_FMT_YUV420P);
      // ACCURATE_RND also keeps swscale off its unscaled BGR24->YUV420P shortcut, which point-samples chroma.
      set("sws_flags", SWS_BICUBIC | SWS_ACCURATE_RND | SWS_BITEXACT | SWS_FULL_CHR_H_INP);
      set("dst_h_chr_pos", 0);
      set("dst_v_chr_pos", 128);
      FFmpegException.check("sws_init_context()", sws_init_context(scaler, null, null));
      // RGB in (full range) -> BT.709 YUV out, limited range; brightness 0, contrast and saturation 1.
      FFmpegException.check("sws_setColorspaceDetails()", sws_setColorspaceDetails(scaler,
          sws_getCoefficients(SWS_CS_ITU709), 1, sws_getCoefficients(SWS_CS_ITU709), 0, 0, 1 << 16, 1 << 16));
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void set(String name, long value) {
    FFmpegException.check("av_opt_set_int(sws " + name + ")", av_opt_set_int(scaler, name, value, 0));
  }

  /** Converts {@code bgr} (CV_8UC3, exactly this size) into the encoder's next frame and encodes it. */
  public void encode(VideoChunkEncoder encoder, Mat bgr) {
    if (bgr == null || bgr.isNull() || bgr.type() != CV_8UC3 || bgr.cols() != width || bgr.rows() != height) {
      throw new IllegalArgumentException("a frame must be a CV_8UC3 BGR Mat of " + width + "x" + height + ", was "
          + (bgr == null || bgr.isNull() ? "null" : bgr.cols() + "x" + bgr.rows() + " type " + bgr.type()));
    }
    YuvPlanes planes = encoder.framePlanes();
    try (BytePointer y = new BytePointer(planes.y()); BytePointer cb = new BytePointer(planes.cb());
        BytePointer cr = new BytePointer(planes.cr())) {
      source.put(0, bgr.data());
      sourceStrides.put(0, (int) bgr.step());
      target.put(0, y).put(1, cb).put(2, cr);
      targetStrides.put(0, planes.yStride()).put(1, planes.cbStride()).put(2, planes.crStride());
      FFmpegException.check("sws_scale()", sws_scale(scaler, source, sourceStrides, 0, height, target, targetStrides));
    }
    encoder.encodeFrame();
  }

  @Override
  public void close() {
    if (scaler != null) {
      sws_freeContext(scaler);
      scaler = null;
    }
    source.close();
    sourceStrides.close();
    target.close();
    targetStrides.close();
  }
}
