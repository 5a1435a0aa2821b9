package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;
import static org.bytedeco.ffmpeg.global.swresample.swr_set_matrix;

import dev.videogen.media.codec.FFmpegException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One file's audio as 48 kHz stereo float samples, streamed: decoded by {@link AudioInput}, converted by
 * libswresample (any sample format; 44.1 kHz or any other rate to 48 kHz; mono duplicated to both channels
 * at unity gain; stereo unchanged; 5.1, 7.1 and other surround layouts downmixed by ITU-R BS.775, see
 * {@link StereoDownmix}), the resampler flushed at the end. A channel layout or
 * sample format that changes mid-stream flushes the resampler and builds a new one.
 *
 * <p>Memory is a few frames, whatever the file's length. Owns its natives; not thread-safe.
 */
final class ClipPcm implements AutoCloseable {
  static final int RATE = AudioTrackEncoder.SAMPLE_RATE;

  private final AudioInput input;
  private final AVChannelLayout outLayout = new AVChannelLayout();
  private final AVChannelLayout inLayout = new AVChannelLayout();
  private SwrContext swr;
  private int swrFormat = -1;
  private int swrRate;

  private FloatPointer left;
  private FloatPointer right;
  private PointerPointer<FloatPointer> planes;
  private int capacity;
  private int available;
  private int readIndex;

  private AVFrame pending;
  private boolean inputDone;
  private boolean ended;
  private long produced;
  private long converted;

  private ClipPcm(String name, Path file, int stream) {
    av_channel_layout_default(outLayout, 2);
    AudioInput opened = null;
    try {
      opened = AudioInput.open(name, file, stream);
    } finally {
      if (opened == null) {
        av_channel_layout_uninit(outLayout);
        outLayout.close();
        inLayout.close();
      }
    }
    input = opened;
  }

  static ClipPcm open(String name, Path file) {
    return new ClipPcm(name, file, AudioInput.BEST_STREAM);
  }

  /** Of audio stream {@code stream} (counted among the file's audio streams), or the best for -1. */
  static ClipPcm open(String name, Path file, int stream) {
    return new ClipPcm(name, file, stream);
  }

  /**
   * The clip's length at 48 kHz, the number of samples {@link #read} yields in total:
   * {@link AudioTrackInfo#samplesAt(int) ceil(samples * 48000 / rate)}. Decodes the whole file (nothing is
   * kept), without resampling.
   */
  static long countSamples(String name, Path file) {
    return countSamples(name, file, AudioInput.BEST_STREAM);
  }

  static long countSamples(String name, Path file, int stream) {
    return AudioProbe.probe(name, file, stream).samplesAt(RATE);
  }

  private static long lengthAt48k(long nativeSamples, int nativeRate) {
    return AudioTrackInfo.rescaleUp(nativeSamples, RATE, nativeRate);
  }

  /** Samples per channel returned so far. */
  long produced() {
    return produced;
  }

  AudioInput input() {
    return input;
  }

  /**
   * Copies up to {@code length} samples into the arrays at {@code offset}; returns how many (at least 1),
   * or -1 at the end of the clip.
   */
  int read(float[] leftOut, float[] rightOut, int offset, int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length " + length);
    }
    while (readIndex == available) {
      if (!refill()) {
        return -1;
      }
    }
    int count = Math.min(length, available - readIndex);
    left.position(readIndex).get(leftOut, offset, count);
    right.position(readIndex).get(rightOut, offset, count);
    left.position(0);
    right.position(0);
    readIndex += count;
    produced += count;
    return count;
  }

  /** Fills the output buffer from the resampler; false once the clip is over. */
  private boolean refill() {
    readIndex = 0;
    available = 0;
    if (ended) {
      return false;
    }
    while (true) {
      if (pending == null && !inputDone) {
        pending = input.next();
        if (pending == null) {
          inputDone = true;
        }
      }
      if (pending == null) {
        return finalSamples();
      }
      if (swr == null || !matches(pending)) {
        if (swr != null) {
          available = drain();
          if (available > 0) {
            converted += available;
            return true; // the pending frame is converted by the next call
          }
          swr_free(swr);
          swr = null;
        }
        configure(pending);
      }
      int samples = pending.nb_samples();
      ensureCapacity(swr_get_out_samples(swr, samples));
      available = FFmpegException.check("swr_convert()",
          swr_convert(swr, planes, capacity, pending.extended_data(), samples));
      converted += available;
      pending = null;
      if (available > 0) {
        return true;
      }
    }
  }

  /**
   * At the end of the input: drains the resampler, then makes the clip exactly
   * {@code ceil(samples * 48000 / rate)} long. libswresample's flushed output is that long for any but the
   * shortest inputs; it yields nothing at all for an input shorter than its filter (a few dozen samples),
   * and the missing end is then silence.
   */
  private boolean finalSamples() {
    long target = lengthAt48k(input.samples(), input.sampleRate());
    if (swr != null) {
      available = (int) Math.max(0, Math.min(drain(), target - converted));
      if (available > 0) {
        converted += available;
        return true;
      }
    }
    if (converted < target) {
      ensureCapacity(4096);
      available = (int) Math.min(capacity, target - converted);
      left.zero();
      right.zero();
      converted += available;
      return true;
    }
    ended = true;
    return false;
  }

  private int drain() {
    ensureCapacity(swr_get_out_samples(swr, 0));
    return FFmpegException.check("swr_convert(flush)", swr_convert(swr, planes, capacity, (PointerPointer<?>) null, 0));
  }

  private boolean matches(AVFrame frame) {
    return frame.format() == swrFormat && frame.sample_rate() == swrRate && sameLayout(frame.ch_layout());
  }

  private boolean sameLayout(AVChannelLayout layout) {
    if (layout.order() == AV_CHANNEL_ORDER_UNSPEC) {
      try (AVChannelLayout defaulted = new AVChannelLayout()) {
        av_channel_layout_default(defaulted, layout.nb_channels());
        boolean same = av_channel_layout_compare(defaulted, inLayout) == 0;
        av_channel_layout_uninit(defaulted);
        return same;
      }
    }
    return av_channel_layout_compare(layout, inLayout) == 0;
  }

  private void configure(AVFrame frame) {
    av_channel_layout_uninit(inLayout);
    if (frame.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
      // A channel count without positions (e.g. some WAV files): assume the usual layout for that count.
      av_channel_layout_default(inLayout, frame.ch_layout().nb_channels());
    } else {
      FFmpegException.check("av_channel_layout_copy()", av_channel_layout_copy(inLayout, frame.ch_layout()));
    }
    SwrContext created = new SwrContext(null);
    FFmpegException.check("swr_alloc_set_opts2()", swr_alloc_set_opts2(created, outLayout, AV_SAMPLE_FMT_FLTP,
        RATE, inLayout, frame.format(), frame.sample_rate(), 0, null));
    swr = created;
    if (inLayout.nb_channels() == 1) {
      // libswresample would put mono at -3 dB on each side; a mono recording is meant to sound as loud
      // as it is, so both channels carry it at unity gain. Matrix [out][in], stride 1.
      FFmpegException.check("swr_set_matrix()", swr_set_matrix(swr, new double[] {1.0, 1.0}, 1));
    } else if (inLayout.nb_channels() > 2) {
      // Stereo never gets here: it keeps libswresample's identity path, bit for bit as before.
      double[] downmix = StereoDownmix.matrix(inLayout);
      if (downmix != null) {
        FFmpegException.check("swr_set_matrix()", swr_set_matrix(swr, downmix, inLayout.nb_channels()));
      }
    }
    FFmpegException.check("swr_init()", swr_init(swr));
    swrFormat = frame.format();
    swrRate = frame.sample_rate();
  }

  private void ensureCapacity(int samples) {
    FFmpegException.check("swr_get_out_samples()", samples);
    if (samples <= capacity && planes != null) {
      return;
    }
    int size = Math.max(samples, Math.max(4096, capacity * 2));
    freeBuffers();
    left = new FloatPointer(size);
    right = new FloatPointer(size);
    planes = new PointerPointer<>(left, right);
    capacity = size;
  }

  private void freeBuffers() {
    if (planes != null) {
      planes.close();
      planes = null;
    }
    if (left != null) {
      left.close();
      left = null;
    }
    if (right != null) {
      right.close();
      right = null;
    }
    capacity = 0;
  }

  @Override
  public void close() {
    try {
      if (swr != null) {
        swr_free(swr);
        swr = null;
      }
      freeBuffers();
      av_channel_layout_uninit(inLayout);
      av_channel_layout_uninit(outLayout);
      inLayout.close();
      outLayout.close();
    } finally {
      input.close();
    }
  }
}
