package dev.videogen.media.image;

import static dev.videogen.media.image.ImageFixtures.app1Exif;
import static dev.videogen.media.image.ImageFixtures.encode;
import static dev.videogen.media.image.ImageFixtures.encodeAndClose;
import static dev.videogen.media.image.ImageFixtures.exifTiff;
import static dev.videogen.media.image.ImageFixtures.findMarker;
import static dev.videogen.media.image.ImageFixtures.ihdr;
import static dev.videogen.media.image.ImageFixtures.insertAfterSoi;
import static dev.videogen.media.image.ImageFixtures.pngChunk;
import static dev.videogen.media.image.ImageFixtures.pngFromChunks;
import static dev.videogen.media.image.ImageFixtures.quadrants;
import static dev.videogen.media.image.ImageFixtures.riffChunk;
import static dev.videogen.media.image.ImageFixtures.riffWebp;
import static dev.videogen.media.image.ImageFixtures.vp8x;
import static dev.videogen.media.image.ImageFixtures.webpChunks;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of bad input gets its own error, from probe and from decode alike, naming the file. */
class ImageBadInputTest {
  private static final long LIMIT = ImageDecoder.DEFAULT_MAX_PIXELS;
  private static final String SUPPORTED = "supported: JPEG, PNG, WebP, BMP, TIFF, HEIC/HEIF, AVIF, GIF";
  private static final String UNSUPPORTED = "unrecognised image format (" + SUPPORTED + ")";
  private static final String NOT_AN_IMAGE = " is not supported as an image (" + SUPPORTED
      + "; convert it to one of these)";

  private static byte[] noiseJpeg;
  private static byte[] progressiveJpeg;
  private static byte[] png;
  private static byte[] webpLossy;
  private static byte[] bmp;

  @BeforeAll
  static void fixtures() {
    try (Mat noise = noise(64, 36)) {
      noiseJpeg = encode(".jpg", noise, IMWRITE_JPEG_QUALITY, 90);
      progressiveJpeg = encode(".jpg", noise, IMWRITE_JPEG_QUALITY, 90, IMWRITE_JPEG_PROGRESSIVE, 1);
      png = encode(".png", noise);
      webpLossy = encode(".webp", noise, IMWRITE_WEBP_QUALITY, 80);
      bmp = encode(".bmp", noise);
    }
  }

  private static Mat noise(int w, int h) {
    Mat m = new Mat(h, w, CV_8UC3);
    Random r = new Random(42);
    byte[] px = new byte[w * h * 3];
    r.nextBytes(px);
    m.data().put(px);
    return m;
  }

  /** Asserts that probe and decode both reject the bytes with a reason matching the matcher. */
  private static BadInputException rejects(String name, byte[] bytes, Matcher<String> reason) {
    BadInputException p = assertThrows(BadInputException.class, () -> ImageDecoder.probe(name, bytes, LIMIT));
    assertThat(p.reason(), reason);
    assertEquals(name, p.subject());
    assertThat(p.getMessage(), startsWith(name + ": "));
    BadInputException d = assertThrows(BadInputException.class, () -> ImageDecoder.decode(name, bytes, LIMIT));
    assertEquals(p.getMessage(), d.getMessage());
    return p;
  }

  private static byte[] cut(byte[] b, int length) {
    return Arrays.copyOf(b, length);
  }

  @Test
  void emptyFile() {
    rejects("empty.jpg", new byte[0], containsString("empty file"));
  }

  @Test
  void randomBytes() {
    byte[] garbage = new byte[500];
    new Random(7).nextBytes(garbage);
    garbage[0] = 0x11; // make sure no magic happens to match
    rejects("garbage.jpg", garbage, containsString(UNSUPPORTED));
  }

  @Test
  void textFile() {
    rejects("notes.png", "BMW and other cars\n".repeat(3).getBytes(StandardCharsets.UTF_8),
        containsString(UNSUPPORTED));
  }

  /** A recognised format that is not supported, or a file of another kind, is named: "X is not supported". */
  @Test
  void unsupportedFormatsAreNamedWhenRecognised() {
    String tail = NOT_AN_IMAGE;
    byte[] svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        .getBytes(StandardCharsets.UTF_8);
    rejects("logo.svg", svg, equalTo("SVG" + tail));
    rejects("photo.jxl", new byte[] {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x7F}, equalTo("JPEG XL (image/jxl)" + tail));
    rejects("photo.jxl", new byte[] {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A},
        equalTo("JPEG XL (image/jxl)" + tail));
    rejects("layers.psd", "8BPS\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1), equalTo("PSD (Photoshop)" + tail));
    rejects("photo.jp2", new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A},
        equalTo("JPEG 2000" + tail));
    rejects("big.tif", new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0}, equalTo("BigTIFF" + tail));
    rejects("doc.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1), equalTo("PDF" + tail));
  }

  /** An audio or video file given as an image says what it is. */
  @Test
  void audioAndVideoFilesGivenAsImagesAreNamed() {
    String tail = NOT_AN_IMAGE;
    rejects("song.mp3", "ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1),
        equalTo("MP3 audio" + tail));
    rejects("song.mp3", new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, equalTo("MP3 audio" + tail));
    rejects("song.wav", "RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1),
        equalTo("WAV audio" + tail));
    rejects("song.flac", "fLaC\u0000\u0000\u0000\u0010".getBytes(StandardCharsets.ISO_8859_1),
        equalTo("FLAC audio" + tail));
    rejects("song.ogg", "OggS\u0000\u0002".getBytes(StandardCharsets.ISO_8859_1), equalTo("Ogg audio" + tail));
    rejects("song.aac", new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80}, equalTo("AAC (ADTS) audio" + tail));
    rejects("song.m4a", ftyp("M4A "), equalTo("M4A audio" + tail));
    rejects("clip.mp4", ftyp("isom"), equalTo("an MP4 file" + tail));
    rejects("clip.mov", ftyp("qt  "), equalTo("a QuickTime movie (MOV)" + tail));
    rejects("clip.mkv", new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F}, equalTo("a Matroska/WebM file"
        + tail));
    rejects("clip.avi", "RIFF\u0024\u0000\u0000\u0000AVI LIST".getBytes(StandardCharsets.ISO_8859_1),
        equalTo("AVI video" + tail));
  }

  private static byte[] ftyp(String brand) {
    return ("\u0000\u0000\u0000\u0014ftyp" + brand + "\u0000\u0000\u0000\u0000" + brand)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void gifWithoutAnImage() {
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
    rejects("empty.gif", gif, equalTo("corrupt GIF file: no image before the trailer"));
  }

  @Test
  void jpegTruncatedInTheMiddleOfTheScanData() {
    int sos = findMarker(noiseJpeg, 0xDA, 2);
    int cutAt = sos + (noiseJpeg.length - sos) / 2;
    rejects("cut.jpg", cut(noiseJpeg, cutAt),
        allOf(containsString("truncated JPEG file"), containsString("no end-of-image marker")));
    // Only the final EOI missing is still truncated.
    rejects("cut.jpg", cut(noiseJpeg, noiseJpeg.length - 2), containsString("truncated JPEG file"));
  }

  @Test
  void jpegTruncatedInsideAHeaderSegment() {
    int dqt = findMarker(noiseJpeg, 0xDB, 2);
    rejects("cut.jpg", cut(noiseJpeg, dqt + 10),
        allOf(containsString("truncated JPEG file"), containsString("runs past the end of the file")));
  }

  @Test
  void progressiveJpegTruncatedBetweenAndInsideScans() {
    int firstSos = findMarker(progressiveJpeg, 0xDA, 2);
    int secondSos = findMarker(progressiveJpeg, 0xDA, firstSos + 2);
    assertThat("progressive has several scans", firstSos, lessThan(secondSos));
    rejects("p.jpg", cut(progressiveJpeg, secondSos), containsString("truncated JPEG file"));
    rejects("p.jpg", cut(progressiveJpeg, (secondSos + progressiveJpeg.length) / 2),
        containsString("truncated JPEG file"));
    ImageDecoder.decode("p.jpg", progressiveJpeg, LIMIT).close();
  }

  /** The EOI of an EXIF thumbnail inside APP1 must not count as the end of the main image. */
  @Test
  void exifThumbnailEndMarkerDoesNotHideATruncatedMainImage() {
    byte[] thumbnail = encodeAndClose(".jpg", quadrants(16, 8));
    byte[] withThumb = insertAfterSoi(noiseJpeg, app1Exif(exifTiff(1, true), thumbnail));
    assertEquals(new ImageInfo(ImageFormat.JPEG, 64, 36, 1), ImageDecoder.probe("t.jpg", withThumb, LIMIT));
    int mainSos = findMarker(withThumb, 0xDA, 2 + 4 + 6 + thumbnail.length + 40);
    int cutAt = mainSos + (withThumb.length - mainSos) / 2;
    byte[] truncated = cut(withThumb, cutAt);
    assertThat("a naive search would find the thumbnail's EOI", findMarker(truncated, 0xD9, 0),
        lessThan(mainSos));
    rejects("t.jpg", truncated, containsString("truncated JPEG file"));
  }

  @Test
  void dataAfterTheEndOfImageIsIgnored() {
    byte[] trailing = Arrays.copyOf(noiseJpeg, noiseJpeg.length + 100); // e.g. a camera's appended data
    assertEquals(new ImageInfo(ImageFormat.JPEG, 64, 36, 1), ImageDecoder.probe("t.jpg", trailing, LIMIT));
    ImageDecoder.decode("t.jpg", trailing, LIMIT).close();
  }

  @Test
  void jpegWithoutImageData() {
    byte[] headersOnly = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    rejects("h.jpg", headersOnly, containsString("no image data"));
  }

  @Test
  void pngTruncated() {
    rejects("cut.png", cut(png, png.length / 2),
        allOf(containsString("truncated PNG file"), containsString("runs past the end of the file")));
    rejects("cut.png", cut(png, png.length - 12), containsString("no IEND chunk"));
  }

  @Test
  void pngWithCorruptImageDataFailsInDecodeNotProbe() {
    // Structurally complete, but the IDAT is not a zlib stream: probe passes, OpenCV's imdecode gives an
    // empty Mat, which decode reports.
    byte[] bad = pngFromChunks(pngChunk("IHDR", ihdr(4, 4, 8, 2)),
        pngChunk("IDAT", "not zlib data at all".getBytes(StandardCharsets.US_ASCII)), pngChunk("IEND", new byte[0]));
    assertEquals(new ImageInfo(ImageFormat.PNG, 4, 4, 1), ImageDecoder.probe("bad.png", bad, LIMIT));
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.decode("bad.png", bad, LIMIT));
    assertThat(e.reason(), containsString("could not decode the PNG image data"));
  }

  @Test
  void webpTruncated() {
    rejects("cut.webp", cut(webpLossy, webpLossy.length * 2 / 3), allOf(containsString("truncated WebP file"),
        containsString("the RIFF header declares " + webpLossy.length + " bytes")));
  }

  @Test
  void bmpTruncated() {
    rejects("cut.bmp", cut(bmp, bmp.length - 100), allOf(containsString("truncated BMP file"),
        containsString("the pixel data needs " + bmp.length + " bytes")));
  }

  @Test
  void decompressionBombIsRejectedFromTheHeader() {
    // A PNG header claiming 100000 x 100000 and no real data: rejected from IHDR, never decoded.
    byte[] bomb = pngFromChunks(pngChunk("IHDR", ihdr(100_000, 100_000, 8, 2)),
        pngChunk("IDAT", new byte[] {1, 2, 3}), pngChunk("IEND", new byte[0]));
    rejects("bomb.png", bomb, allOf(containsString("100000x100000"), containsString("10000000000 pixels"),
        containsString("limit of 150000000 pixels")));
    // Even when the rest of the file is missing, the bomb is reported as such.
    rejects("bomb.png", Arrays.copyOf(bomb, 33), containsString("limit of 150000000 pixels"));
  }

  @Test
  void pixelLimitBoundary() {
    // 64 x 36 = 2304 pixels.
    assertEquals(64, ImageDecoder.probe("n.png", png, 2304).width());
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.probe("n.png", png, 2303));
    assertThat(e.reason(), containsString("64x36 = 2304 pixels, more than the limit of 2303 pixels"));
    assertThrows(BadInputException.class, () -> ImageDecoder.probe("n.jpg", noiseJpeg, 2303));
    assertThrows(BadInputException.class, () -> ImageDecoder.probe("n.webp", webpLossy, 2303));
    assertThrows(BadInputException.class, () -> ImageDecoder.probe("n.bmp", bmp, 2303));
  }

  @Test
  void zeroSize() {
    byte[] zero = pngFromChunks(pngChunk("IHDR", ihdr(0, 36, 8, 2)), pngChunk("IDAT", new byte[] {1}),
        pngChunk("IEND", new byte[0]));
    rejects("zero.png", zero, containsString("invalid image dimensions 0x36"));
    // JPEG frame header with height 0.
    byte[] jpeg = noiseJpeg.clone();
    int sof = findMarker(jpeg, 0xC0, 2);
    jpeg[sof + 5] = 0;
    jpeg[sof + 6] = 0;
    rejects("zero.jpg", jpeg, containsString("invalid image dimensions 64x0"));
  }

  @Test
  void twelveBitJpegIsRejectedByProbe() {
    byte[] jpeg = noiseJpeg.clone();
    jpeg[findMarker(jpeg, 0xC0, 2) + 4] = 12; // SOF0 sample precision
    rejects("deep.jpg", jpeg, containsString("12-bit JPEG is not supported"));
  }

  @Test
  void theExtensionDoesNotMatter() {
    assertEquals(ImageFormat.JPEG, ImageDecoder.probe("photo.png", noiseJpeg, LIMIT).format());
    assertEquals(ImageFormat.PNG, ImageDecoder.probe("photo.jpg", png, LIMIT).format());
    assertEquals(ImageFormat.WEBP, ImageDecoder.probe("photo", webpLossy, LIMIT).format());
    assertEquals(ImageFormat.BMP, ImageDecoder.probe("photo.webp", bmp, LIMIT).format());
  }

  /** A failing decode frees its natives: the JavaCPP-tracked bytes do not grow by the input size. */
  @Test
  void failedDecodeLeaksNoNativeMemory() {
    byte[] padding = new byte[256 * 1024];
    byte[] bad = pngFromChunks(pngChunk("IHDR", ihdr(4, 4, 8, 2)), pngChunk("zzZz", padding),
        pngChunk("IDAT", "not zlib".getBytes(StandardCharsets.US_ASCII)), pngChunk("IEND", new byte[0]));
    long before = Pointer.totalBytes();
    for (int i = 0; i < 8; i++) {
      assertThrows(BadInputException.class, () -> ImageDecoder.decode("bad.png", bad, LIMIT));
    }
    assertThat(Pointer.totalBytes() - before, lessThan((long) padding.length));
  }
}
