package dev.videogen.media.image;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avformat.AV_STREAM_GROUP_PARAMS_TILE_GRID;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_ALPHA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_PAL;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BITEXACT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.BadInputException;
import dev.videogen.media.codec.FFmpegException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.AVStreamGroup;
import org.bytedeco.ffmpeg.avformat.AVStreamGroupTileGrid;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Decodes the still images OpenCV cannot read here with FFmpeg's libraries: the primary image of a HEIF or AVIF
 * file (one HEVC or AV1 item, or a grid of tiles, which FFmpeg 7.1 exposes as a tile-grid stream group that the
 * application composes) and the first frame of a GIF. Returns the stored image (no orientation applied) as 8-bit
 * BGR, or BGRA when the source has alpha or a palette, for {@link ImageDecoder} to flatten and orient.
 *
 * <p>Security: the bytes are written to a private temporary file, opened only with the demuxer named for the
 * format ({@code mov} or {@code gif}, also as {@code format_whitelist}) and the {@code file} protocol; the mov
 * demuxer's external data references are off by default. The file is deleted afterwards. Colours: YUV is
 * converted by swscale with the frame's own matrix (BT.601 when unspecified, BT.709, BT.2020) and range,
 * bit-exact and with full chroma interpolation, so the same bytes always give the same pixels. Every native
 * object is freed before returning, also on failure.
 */
final class FfmpegStillDecoder implements AutoCloseable {
  private final String name;
  private final String label;
  private AVFormatContext format;
  private final Map<Integer, AVCodecContext> decoders = new LinkedHashMap<>();
  private final Map<Integer, AVFrame> frames = new LinkedHashMap<>();
  private AVPacket packet;

  private FfmpegStillDecoder(String name, String label) {
    this.name = name;
    this.label = label;
  }

  /** The stored (un-oriented) image, expected to be width×height. The caller owns (closes) the Mat. */
  static Mat decode(String name, ImageFormat imageFormat, byte[] bytes, int width, int height) {
    String label = ImageHeaders.label(imageFormat);
    Path file;
    try {
      file = Files.createTempFile("videogen-image-", imageFormat == ImageFormat.GIF ? ".gif" : ".heif");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for decoding " + name, e);
    }
    try (FfmpegStillDecoder d = new FfmpegStillDecoder(name, label)) {
      Files.write(file, bytes);
      d.open(file, imageFormat == ImageFormat.GIF ? "gif" : "mov");
      Mat image = d.decodeImage();
      if (image.cols() != width || image.rows() != height) {
        int w = image.cols();
        int h = image.rows();
        image.close();
        throw new BadInputException(name, "the decoded " + label + " image is " + w + "x" + h
            + " but its header says " + width + "x" + height);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary file for decoding " + name, e);
    } finally {
      LocalFiles.deleteQuietly(file);
    }
  }

  private void open(Path file, String demuxer) {
    AVInputFormat input = av_find_input_format(demuxer);
    if (input == null || input.isNull()) {
      throw new IllegalStateException("FFmpeg has no '" + demuxer + "' demuxer");
    }
    AVFormatContext context = new AVFormatContext(null);
    AVDictionary options = new AVDictionary(null);
    try (BytePointer url = new BytePointer("file:" + file.toAbsolutePath())) {
      av_dict_set(options, "protocol_whitelist", "file", 0);
      av_dict_set(options, "format_whitelist", demuxer, 0);
      int ret = avformat_open_input(context, url, input, options);
      if (ret < 0) {
        throw new BadInputException(name, "cannot read the " + label + " file: " + FFmpegException.describe(ret),
            new FFmpegException("avformat_open_input()", ret));
      }
      format = context;
    } finally {
      av_dict_free(options);
    }
    int ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
    if (ret < 0) {
      throw new BadInputException(name, "cannot read the " + label + " file's streams: "
          + FFmpegException.describe(ret), new FFmpegException("avformat_find_stream_info()", ret));
    }
    packet = av_packet_alloc();
    if (packet == null) {
      throw new OutOfMemoryError("av_packet_alloc()");
    }
  }

  /** A tile grid when the file has one (the primary image of a gridded HEIF/AVIF), else the first video stream. */
  private Mat decodeImage() {
    for (int g = 0; g < format.nb_stream_groups(); g++) {
      AVStreamGroup group = format.stream_groups(g);
      if (group.type() == AV_STREAM_GROUP_PARAMS_TILE_GRID) {
        return decodeGrid(group);
      }
    }
    // The primary item is the default stream (a HEIF's thumbnails are streams too); else the first video stream.
    int index = videoStream(true);
    if (index < 0) {
      index = videoStream(false);
    }
    if (index < 0) {
      throw new BadInputException(name, "the " + label + " file has no image");
    }
    openDecoder(index);
    readFirstFrames();
    return toBgr(frames.get(index), null, 0, 0);
  }

  private int videoStream(boolean defaultOnly) {
    for (int s = 0; s < format.nb_streams(); s++) {
      AVStream stream = format.streams(s);
      if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO
          && (!defaultOnly || (stream.disposition() & AV_DISPOSITION_DEFAULT) != 0)) {
        return s;
      }
    }
    return -1;
  }

  /**
   * Composes the tiles on a canvas of the grid's coded size (black where no tile lies), each at its offset,
   * then crops the grid's output rectangle.
   */
  private Mat decodeGrid(AVStreamGroup group) {
    AVStreamGroupTileGrid grid = group.params_tile_grid();
    int tiles = grid.nb_tiles();
    if (tiles < 1) {
      throw new BadInputException(name, "the " + label + " image grid has no tiles");
    }
    for (int t = 0; t < tiles; t++) {
      openDecoder(group.streams(grid.offsets_idx(t)).index());
    }
    readFirstFrames();
    AVFrame first = frames.get(group.streams(grid.offsets_idx(0)).index());
    boolean alpha = hasAlpha(first.format());
    Mat canvas = new Mat(grid.coded_height(), grid.coded_width(), alpha ? CV_8UC4 : CV_8UC3, new Scalar(0, 0, 0, 0));
    try {
      for (int t = 0; t < tiles; t++) {
        AVFrame tile = frames.get(group.streams(grid.offsets_idx(t)).index());
        toBgr(tile, canvas, grid.offsets_horizontal(t), grid.offsets_vertical(t));
      }
      if (grid.horizontal_offset() == 0 && grid.vertical_offset() == 0 && grid.width() == grid.coded_width()
          && grid.height() == grid.coded_height()) {
        return canvas;
      }
      try (Rect crop = new Rect(grid.horizontal_offset(), grid.vertical_offset(), grid.width(), grid.height());
          Mat view = new Mat(canvas, crop)) {
        Mat out = view.clone();
        canvas.close();
        return out;
      }
    } catch (RuntimeException | Error e) {
      canvas.close();
      throw e;
    }
  }

  private void openDecoder(int streamIndex) {
    if (decoders.containsKey(streamIndex)) {
      return;
    }
    AVStream stream = format.streams(streamIndex);
    int codecId = stream.codecpar().codec_id();
    AVCodec codec = avcodec_find_decoder(codecId);
    if (codec == null || codec.isNull()) {
      throw new BadInputException(name, label + " coded with " + avcodec_get_name(codecId).getString()
          + " cannot be decoded here (no decoder in this FFmpeg build)");
    }
    AVCodecContext context = avcodec_alloc_context3(codec);
    if (context == null) {
      throw new OutOfMemoryError("avcodec_alloc_context3()");
    }
    decoders.put(streamIndex, context);
    FFmpegException.check("avcodec_parameters_to_context()", avcodec_parameters_to_context(context, stream.codecpar()));
    context.thread_count(1); // the same pixels whatever the machine
    int ret = avcodec_open2(context, codec, (AVDictionary) null);
    if (ret < 0) {
      throw new BadInputException(name, "cannot open the " + label + " decoder: " + FFmpegException.describe(ret),
          new FFmpegException("avcodec_open2()", ret));
    }
  }

  /** Reads packets until every open decoder has produced its first frame (flushing at the end of the file). */
  private void readFirstFrames() {
    while (frames.size() < decoders.size()) {
      int ret = av_read_frame(format, packet);
      if (ret < 0) {
        break;
      }
      try {
        AVCodecContext decoder = decoders.get(packet.stream_index());
        if (decoder != null && !frames.containsKey(packet.stream_index())) {
          send(decoder, packet);
          receive(packet.stream_index(), decoder);
        }
      } finally {
        av_packet_unref(packet);
      }
    }
    for (Map.Entry<Integer, AVCodecContext> e : decoders.entrySet()) {
      if (!frames.containsKey(e.getKey())) {
        send(e.getValue(), null);
        receive(e.getKey(), e.getValue());
      }
      if (!frames.containsKey(e.getKey())) {
        throw new BadInputException(name, "the " + label + " image data could not be decoded (the file is"
            + " truncated or corrupt)");
      }
    }
  }

  private void send(AVCodecContext decoder, AVPacket p) {
    int ret = avcodec_send_packet(decoder, p);
    if (ret < 0 && ret != FFmpegAgain.EAGAIN && ret != FFmpegAgain.EOF) {
      throw new BadInputException(name, "corrupt " + label + " image data: " + FFmpegException.describe(ret),
          new FFmpegException("avcodec_send_packet()", ret));
    }
  }

  private void receive(int streamIndex, AVCodecContext decoder) {
    AVFrame frame = av_frame_alloc();
    if (frame == null) {
      throw new OutOfMemoryError("av_frame_alloc()");
    }
    int ret = avcodec_receive_frame(decoder, frame);
    if (ret == 0) {
      frames.put(streamIndex, frame);
      return;
    }
    av_frame_free(frame);
    if (ret != FFmpegAgain.EAGAIN && ret != FFmpegAgain.EOF) {
      throw new BadInputException(name, "corrupt " + label + " image data: " + FFmpegException.describe(ret),
          new FFmpegException("avcodec_receive_frame()", ret));
    }
  }

  private static boolean hasAlpha(int pixelFormat) {
    AVPixFmtDescriptor d = av_pix_fmt_desc_get(pixelFormat);
    return d != null && (d.flags() & (AV_PIX_FMT_FLAG_ALPHA | AV_PIX_FMT_FLAG_PAL)) != 0;
  }

  /**
   * Converts a frame to BGR (BGRA with alpha or a palette): into a new Mat when {@code canvas} is null, else
   * into the canvas at (x, y), clipped to it.
   */
  private Mat toBgr(AVFrame frame, Mat canvas, int x, int y) {
    int w = frame.width();
    int h = frame.height();
    boolean alpha = canvas == null ? hasAlpha(frame.format()) : canvas.channels() == 4;
    Mat target = canvas != null ? canvas : new Mat(h, w, alpha ? CV_8UC4 : CV_8UC3);
    int visibleW = Math.min(w, target.cols() - x);
    int visibleH = Math.min(h, target.rows() - y);
    if (visibleW <= 0 || visibleH <= 0 || x < 0 || y < 0) {
      return target; // a tile entirely outside the canvas
    }
    SwsContext sws = sws_getContext(w, h, frame.format(), w, h, alpha ? AV_PIX_FMT_BGRA : AV_PIX_FMT_BGR24,
        SWS_BILINEAR | SWS_ACCURATE_RND | SWS_BITEXACT | SWS_FULL_CHR_H_INT, null, null, (double[]) null);
    if (sws == null) {
      if (canvas == null) {
        target.close();
      }
      throw new BadInputException(name, label + " pixel format " + frame.format() + " cannot be converted");
    }
    try (Mat full = visibleW == w && visibleH == h && canvas == null ? null : new Mat(h, w, target.type());
        PointerPointer<BytePointer> dst = new PointerPointer<>(1);
        IntPointer dstStride = new IntPointer(1)) {
      Mat out = full != null ? full : target;
      int matrix = switch (frame.colorspace()) {
        case AVCOL_SPC_BT709 -> SWS_CS_ITU709;
        case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL -> SWS_CS_BT2020;
        default -> SWS_CS_ITU601;
      };
      sws_setColorspaceDetails(sws, sws_getCoefficients(matrix), frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0,
          sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
      dst.put(0, out.data());
      dstStride.put(0, (int) out.step());
      sws_scale(sws, frame.data(), frame.linesize(), 0, h, dst, dstStride);
      if (full != null) {
        try (Rect from = new Rect(0, 0, visibleW, visibleH); Mat src = new Mat(full, from);
            Rect to = new Rect(x, y, visibleW, visibleH); Mat dstView = new Mat(target, to)) {
          src.copyTo(dstView);
        }
      }
      return target;
    } catch (RuntimeException | Error e) {
      if (canvas == null) {
        target.close();
      }
      throw e;
    } finally {
      sws_freeContext(sws);
    }
  }

  @Override
  public void close() {
    for (AVFrame f : frames.values()) {
      av_frame_free(f);
    }
    frames.clear();
    for (AVCodecContext c : decoders.values()) {
      avcodec_free_context(c);
    }
    decoders.clear();
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (format != null) {
      avformat_close_input(format);
      format = null;
    }
  }

  /** The two "not now" results of the send/receive API, as Linux defines them. */
  private static final class FFmpegAgain {
    static final int EAGAIN = -11;
    static final int EOF = org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
  }
}
