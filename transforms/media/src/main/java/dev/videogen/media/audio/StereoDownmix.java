package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_NATIVE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_BACK_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_BACK_RIGHT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_FRONT_CENTER;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_FRONT_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_FRONT_RIGHT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_LOW_FREQUENCY;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_LOW_FREQUENCY_2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_SIDE_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_SIDE_RIGHT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_channel_from_index;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;

/**
 * The stereo downmix of surround audio, ITU-R BS.775 (Table 2), not normalised:
 *
 * <pre>
 *   L' = L + k·C + k·Ls + k·Lb        R' = R + k·C + k·Rs + k·Rb        k = √½ (−3 dB), LFE dropped
 * </pre>
 *
 * where Ls/Rs are the side or back surrounds of a 5.1, and a 7.1 has both (side and back). Not normalised:
 * dialogue and music keep their level (dividing by 1 + 2k, as libswresample does for integer output, would
 * make every surround file 7.7 dB quieter than its stereo version); the samples are floats all the way to
 * the AAC encoder, so a full-scale mix that sums above 0 dBFS is kept, not clipped, and {@code loudness}'s
 * true-peak limiter brings it under its ceiling. These are the coefficients libswresample's default matrix
 * uses for float output too (centre and surround mix levels −3 dB, LFE mix level 0, no normalisation), but
 * given here explicitly, so they do not depend on libswresample's defaults or its rules for other layouts.
 *
 * <p>Layouts covered: any native-order layout made of FL, FR, FC, LFE, LFE2, BL, BR, SL, SR (2.1, 3.0, 3.1,
 * quad, 4.1, 5.0, 5.1, 6.0 … 7.1, side or back). Other layouts (back centre, wide, top or height channels,
 * ambisonics) are left to libswresample's default matrix ({@link #matrix} returns null).
 */
final class StereoDownmix {
  /** √½ = 0.7071067811865476: −3 dB. libswresample turns it into the float 0.70710677 for float input. */
  static final double MINUS_3_DB = StrictMath.sqrt(0.5);

  private StereoDownmix() {}

  /**
   * The 2 × n matrix for {@code swr_set_matrix} (row 0 = left, row 1 = right, stride n) of a layout of n
   * channels, or null when the layout has a channel outside the covered set or is not in native order.
   */
  static double[] matrix(AVChannelLayout layout) {
    if (layout.order() != AV_CHANNEL_ORDER_NATIVE) {
      return null;
    }
    int channels = layout.nb_channels();
    double[] matrix = new double[2 * channels];
    for (int i = 0; i < channels; i++) {
      double[] weights = weights(av_channel_layout_channel_from_index(layout, i));
      if (weights == null) {
        return null;
      }
      matrix[i] = weights[0];
      matrix[channels + i] = weights[1];
    }
    return matrix;
  }

  /** {left, right} weights of one channel, or null when it is not a covered channel. */
  static double[] weights(int channel) {
    return switch (channel) {
      case AV_CHAN_FRONT_LEFT -> new double[] {1, 0};
      case AV_CHAN_FRONT_RIGHT -> new double[] {0, 1};
      case AV_CHAN_FRONT_CENTER -> new double[] {MINUS_3_DB, MINUS_3_DB};
      case AV_CHAN_LOW_FREQUENCY, AV_CHAN_LOW_FREQUENCY_2 -> new double[] {0, 0};
      case AV_CHAN_SIDE_LEFT, AV_CHAN_BACK_LEFT -> new double[] {MINUS_3_DB, 0};
      case AV_CHAN_SIDE_RIGHT, AV_CHAN_BACK_RIGHT -> new double[] {0, MINUS_3_DB};
      default -> null;
    };
  }
}
