package dev.videogen.media.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imreadanimation;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_imgcodecs.Animation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * The first frame of an animated WebP, through OpenCV 4.11's animation reader (libwebp's demuxer and
 * compositor: the frame is the whole canvas, BGRA). OpenCV reads animations from files only, so the bytes go
 * through a private temporary file, deleted afterwards.
 */
final class AnimatedWebp {
  private AnimatedWebp() {}

  /** A new Mat (BGR or BGRA) the caller owns. */
  static Mat firstFrame(String name, byte[] bytes) {
    Path file;
    try {
      file = Files.createTempFile("videogen-image-", ".webp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for decoding " + name, e);
    }
    try (Animation animation = new Animation()) {
      Files.write(file, bytes);
      boolean ok = imreadanimation(file.toAbsolutePath().toString(), animation, 0, 1);
      MatVector frames = animation.frames();
      if (!ok || frames.size() < 1 || frames.get(0).empty()) {
        throw new BadInputException(name, "could not decode the first frame of the animated WebP (the file is"
            + " corrupt)");
      }
      return frames.get(0).clone();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary file for decoding " + name, e);
    } finally {
      LocalFiles.deleteQuietly(file);
    }
  }
}
