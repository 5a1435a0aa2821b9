package dev.videogen.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Small, exactly known inputs for tests: gradient images, a logo with alpha and sine WAVs written to a folder. */
public final class TestMedia {
  private TestMedia() {}

  /** Writes a width×height image whose blue rises with x, green with y, red fixed; PNG or JPEG by extension. */
  public static Path gradientImage(Path file, int width, int height, int red) {
    try (Mat image = new Mat(height, width, CV_8UC3); UByteIndexer pixels = image.createIndexer()) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          pixels.put(y, x, 0, x * 255 / Math.max(1, width - 1));
          pixels.put(y, x, 1, y * 255 / Math.max(1, height - 1));
          pixels.put(y, x, 2, red);
        }
      }
      return write(image, file);
    }
  }

  /**
   * Writes a {@link #gradientImage} with a grid of dark and light discs and diagonal lines over it: detail in
   * every part of the image, so that frames a little apart in a pan or zoom differ clearly.
   */
  public static Path patternImage(Path file, int width, int height, int red) {
    try (Mat image = new Mat(height, width, CV_8UC3); UByteIndexer pixels = image.createIndexer()) {
      int cell = Math.max(8, Math.min(width, height) / 6);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int cx = x % cell - cell / 2;
          int cy = y % cell - cell / 2;
          boolean disc = cx * cx + cy * cy < cell * cell / 9;
          boolean dark = ((x / cell) + (y / cell)) % 2 == 0;
          boolean line = Math.floorMod(x + y, cell) < 2;
          int blue = x * 255 / Math.max(1, width - 1);
          int green = y * 255 / Math.max(1, height - 1);
          int r = red;
          if (disc || line) {
            int value = dark != line ? 20 : 235;
            blue = value;
            green = value;
            r = value;
          }
          pixels.put(y, x, 0, blue);
          pixels.put(y, x, 1, green);
          pixels.put(y, x, 2, r);
        }
      }
      return write(image, file);
    }
  }

  /**
   * Writes an 8×8 PNG with alpha, a logo of three known parts: columns 0–3 opaque red, 4–5 fully transparent,
   * 6–7 blue at alpha 128.
   */
  public static Path logoPng(Path file) {
    try (Mat logo = new Mat(8, 8, CV_8UC4); UByteIndexer pixels = logo.createIndexer()) {
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int[] bgra = x < 4 ? new int[] {0, 0, 255, 255} : x >= 6 ? new int[] {255, 0, 0, 128} : new int[4];
          for (int c = 0; c < 4; c++) {
            pixels.put(y, x, c, bgra[c]);
          }
        }
      }
      return write(logo, file);
    }
  }

  /** Encodes {@code image} as PNG or JPEG, by the file's extension. */
  private static Path write(Mat image, Path file) {
    try (BytePointer encoded = new BytePointer()) {
      String extension = file.getFileName().toString().replaceAll(".*(\\.[^.]+)$", "$1");
      if (!imencode(extension, image, encoded)) {
        throw new IllegalStateException("imencode failed for " + file);
      }
      byte[] bytes = new byte[(int) encoded.limit()];
      encoded.get(bytes);
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a 16-bit PCM WAV of a 440 Hz sine, {@code samples} frames long. */
  public static Path sineWav(Path file, int sampleRate, int channels, long samples) {
    return sineWav(file, sampleRate, channels, samples, 440, 8000);
  }

  /**
   * Writes a 16-bit PCM WAV of a sine of {@code hz} with a peak of {@code amplitude} (16-bit units), streamed:
   * memory stays flat however long the file (a long track for the integration tests is hundreds of MB).
   */
  public static Path sineWav(Path file, int sampleRate, int channels, long samples, double hz, int amplitude) {
    long dataSize = samples * channels * 2;
    if (dataSize > 0xFFFF_FFFFL - 36) {
      throw new IllegalArgumentException("a WAV holds at most 4 GB: " + samples + " samples");
    }
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt((int) (36 + dataSize)).put("WAVE".getBytes());
    header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
        .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    header.put("data".getBytes()).putInt((int) dataSize);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header.array());
      ByteBuffer frame = ByteBuffer.allocate(2 * channels).order(ByteOrder.LITTLE_ENDIAN);
      for (long i = 0; i < samples; i++) {
        short value = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        frame.clear();
        for (int c = 0; c < channels; c++) {
          frame.putShort(value);
        }
        out.write(frame.array(), 0, frame.capacity());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
