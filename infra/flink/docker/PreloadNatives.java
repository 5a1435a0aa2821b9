import org.bytedeco.javacpp.Loader;

/**
 * Extracts the OpenCV and FFmpeg natives from the jars in Flink's lib/ into the JavaCPP cache while the image
 * is built (org.bytedeco.javacpp.cachedir), so a TaskManager pod does not unpack ~176 MB before its first
 * chunk. Run once by infra/flink/Dockerfile, then deleted.
 */
public final class PreloadNatives {
  private PreloadNatives() {}

  public static void main(String[] args) {
    Class<?>[] libraries = {
      org.bytedeco.opencv.global.opencv_core.class,
      org.bytedeco.opencv.global.opencv_imgproc.class,
      org.bytedeco.opencv.global.opencv_imgcodecs.class,
      org.bytedeco.ffmpeg.global.avutil.class,
      org.bytedeco.ffmpeg.global.avcodec.class,
      org.bytedeco.ffmpeg.global.avformat.class,
      org.bytedeco.ffmpeg.global.swscale.class,
      org.bytedeco.ffmpeg.global.swresample.class,
    };
    for (Class<?> library : libraries) {
      System.out.println(library.getSimpleName() + ": " + Loader.load(library));
    }
  }
}
