package dev.videogen.media.image;

import dev.videogen.media.BadInputException;
import java.nio.charset.StandardCharsets;

/**
 * Header-only parsing of the supported formats: format sniffing from magic bytes, stored dimensions, EXIF
 * orientation and a structural walk that proves the file is complete. Never decodes pixels.
 *
 * <p>The pixel limit is checked as soon as a format's header yields the dimensions, before the rest of
 * the file is walked, so a bomb is reported as a bomb even when its body is missing.
 */
final class ImageHeaders {
  static final String SUPPORTED = "supported: JPEG, PNG, WebP, BMP, TIFF, HEIC/HEIF, AVIF, GIF";
  static final String UNSUPPORTED = "unrecognised image format (" + SUPPORTED + ")";

  /** An embedded ICC profile larger than this is refused (real ones are a few KB to a few hundred KB). */
  static final int MAX_PROFILE_BYTES = 16 << 20;

  private static final byte[] ICC_APP2 = ascii("ICC_PROFILE\0");

  private static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
  };

  private ImageHeaders() {}

  /** What a header walk finds: the probe's answer and the embedded ICC profile (null when there is none). */
  record Headers(ImageInfo info, byte[] iccProfile, boolean animated) {}

  static ImageInfo probe(String name, byte[] b, long maxPixels) {
    return parse(name, b, maxPixels).info();
  }

  static Headers parse(String name, byte[] b, long maxPixels) {
    if (b == null) {
      throw new IllegalArgumentException("bytes is null");
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
    }
    if (b.length == 0) {
      throw new BadInputException(name, "empty file");
    }
    ImageFormat format = sniff(b);
    if (format == null) {
      String other = otherFormat(b);
      throw new BadInputException(name, other == null ? UNSUPPORTED
          : other + " is not supported as an image (" + SUPPORTED + "; convert it to one of these)");
    }
    Parser p = new Parser(name, b, maxPixels, format);
    switch (format) {
      case JPEG -> p.jpeg();
      case PNG -> p.png();
      case WEBP -> p.webp();
      case BMP -> p.bmp();
      case TIFF -> p.tiff();
      case HEIF, AVIF -> p.heif();
      case GIF -> p.gif();
      default -> throw new AssertionError(format);
    }
    boolean swap = p.orientation >= 5;
    ImageInfo info = new ImageInfo(format, swap ? p.height : p.width, swap ? p.width : p.height, p.orientation);
    return new Headers(info, p.iccProfile(), p.animated);
  }

  /** The format's usual spelling, for messages. */
  static String label(ImageFormat format) {
    return switch (format) {
      case WEBP -> "WebP";
      case HEIF -> "HEIC/HEIF";
      default -> format.name();
    };
  }

  /** The format from the magic bytes, or null when it is none of the supported ones. */
  static ImageFormat sniff(byte[] b) {
    if (startsWith(b, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
      return ImageFormat.JPEG;
    }
    if (startsWith(b, 0, PNG_SIGNATURE)) {
      return ImageFormat.PNG;
    }
    if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
      return ImageFormat.WEBP;
    }
    if (startsWith(b, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(b, 0, new byte[] {'M', 'M', 0, 42})) {
      return ImageFormat.TIFF;
    }
    if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
      return ImageFormat.GIF;
    }
    if (startsWith(b, 4, ascii("ftyp")) && isHeifBrand(b)) {
      return HeifBoxes.isAvif(b) ? ImageFormat.AVIF : ImageFormat.HEIF;
    }
    // "BM" alone is too weak (a text file may start with it): also require a known DIB header size.
    if (b.length >= 18 && b[0] == 'B' && b[1] == 'M') {
      long dib = u32le(b, 14);
      if (dib == 12 || dib == 16 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108
          || dib == 124) {
        return ImageFormat.BMP;
      }
    }
    return null;
  }

  /**
   * A name for a recognisable but unsupported format (images, and the audio, video and document files
   * people give by mistake), for a message that says what the file is; null if unknown.
   */
  private static String otherFormat(byte[] b) {
    if (startsWith(b, 0, new byte[] {'I', 'I', 43, 0}) || startsWith(b, 0, new byte[] {'M', 'M', 0, 43})) {
      return "BigTIFF";
    }
    if (startsWith(b, 4, ascii("ftyp"))) {
      String brand = b.length >= 12 ? new String(b, 8, 4, StandardCharsets.ISO_8859_1) : "";
      if (brand.startsWith("M4A") || brand.startsWith("M4B")) {
        return "M4A audio";
      }
      if (brand.startsWith("qt")) {
        return "a QuickTime movie (MOV)";
      }
      return "an MP4 file";
    }
    if (startsWith(b, 0, new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' '})
        || startsWith(b, 0, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51})) {
      return "JPEG 2000";
    }
    if (startsWith(b, 0, new byte[] {(byte) 0xFF, 0x0A})
        || startsWith(b, 0, new byte[] {0, 0, 0, 0x0C, 'J', 'X', 'L', ' '})) {
      return "JPEG XL (image/jxl)";
    }
    if (startsWith(b, 0, ascii("8BPS"))) {
      return "PSD (Photoshop)";
    }
    if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WAVE"))) {
      return "WAV audio";
    }
    if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("AVI "))) {
      return "AVI video";
    }
    if (startsWith(b, 0, ascii("RIFF"))) {
      return "a RIFF file that is not WebP";
    }
    if (startsWith(b, 0, ascii("ID3")) || (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE6) == 0xE2)) {
      return "MP3 audio";
    }
    if (startsWith(b, 0, ascii("fLaC"))) {
      return "FLAC audio";
    }
    if (startsWith(b, 0, ascii("OggS"))) {
      return "Ogg audio";
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF6) == 0xF0) {
      return "AAC (ADTS) audio";
    }
    if (startsWith(b, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})) {
      return "a Matroska/WebM file";
    }
    if (startsWith(b, 0, ascii("%PDF"))) {
      return "PDF";
    }
    String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1).stripLeading();
    if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
      return "SVG";
    }
    if (head.regionMatches(true, 0, "<!doctype html", 0, 14) || head.regionMatches(true, 0, "<html", 0, 5)) {
      return "an HTML page (a download that returned an error page?)";
    }
    return null;
  }

  /** A HEIF still-image brand (HEVC, AV1 or generic image) as the major or a compatible brand of the ftyp box. */
  private static boolean isHeifBrand(byte[] b) {
    long size = Math.min(u32be(b, 0), b.length);
    for (int i = 8; i + 4 <= size; i += 4) {
      if (i == 12) {
        continue; // minor version
      }
      switch (new String(b, i, 4, StandardCharsets.ISO_8859_1)) {
        case "heic", "heix", "heim", "heis", "mif1", "mif2", "avif", "avis", "avio" -> {
          return true;
        }
        default -> {}
      }
    }
    return false;
  }

  /** EXIF orientation 1..8 from a TIFF structure in b[start, end); 1 when absent or unreadable. */
  static int exifOrientation(byte[] b, int start, int end) {
    if (start < 0 || end > b.length || end - start < 8) {
      return 1;
    }
    boolean le;
    if (b[start] == 'I' && b[start + 1] == 'I') {
      le = true;
    } else if (b[start] == 'M' && b[start + 1] == 'M') {
      le = false;
    } else {
      return 1;
    }
    if (u16(b, start + 2, le) != 42) {
      return 1;
    }
    long ifd = u32(b, start + 4, le);
    if (ifd < 8 || ifd > end - start - 2) {
      return 1;
    }
    int p = start + (int) ifd;
    int count = u16(b, p, le);
    p += 2;
    for (int i = 0; i < count; i++, p += 12) {
      if (p + 12 > end) {
        return 1;
      }
      if (u16(b, p, le) == 0x0112) {
        int type = u16(b, p + 2, le);
        long v = type == 3 ? u16(b, p + 8, le) : type == 4 ? u32(b, p + 8, le) : -1;
        return v >= 1 && v <= 8 ? (int) v : 1;
      }
    }
    return 1;
  }

  /** One probe's state: the stored (un-oriented) dimensions and the orientation found so far. */
  private static final class Parser {
    private final String name;
    private final byte[] b;
    private final int n;
    private final long maxPixels;
    private final ImageFormat format;
    int width = -1;
    int height = -1;
    int orientation = 1;
    /** An animated WebP (shown by its first frame). */
    boolean animated;
    /** JPEG APP2 ICC chunks by sequence number (1-based), or the whole profile at index 0 for other formats. */
    private byte[][] iccChunks;

    Parser(String name, byte[] b, long maxPixels, ImageFormat format) {
      this.name = name;
      this.b = b;
      this.n = b.length;
      this.maxPixels = maxPixels;
      this.format = format;
    }

    private void dimensions(long w, long h) {
      if (w <= 0 || h <= 0) {
        throw new BadInputException(name, "invalid image dimensions " + w + "x" + h + " in the " + label(format)
            + " header (width and height must be positive)");
      }
      if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE || w * h > maxPixels) {
        throw new BadInputException(name, "image is " + w + "x" + h + " = " + (w * h) + " pixels, more than the"
            + " limit of " + maxPixels + " pixels (a decompression bomb, or a photo that must be scaled down"
            + " first)");
      }
      width = (int) w;
      height = (int) h;
    }

    private BadInputException truncated(String what) {
      return new BadInputException(name, "truncated " + label(format) + " file: " + what
          + " (the file is cut short; download or copy it again)");
    }

    private BadInputException corrupt(String what) {
      return new BadInputException(name, "corrupt " + label(format) + " file: " + what);
    }

    private BadInputException corruptProfile(String what) {
      return new BadInputException(name, "the embedded ICC colour profile is corrupt: " + what
          + " (re-save the image with its colour profile, or converted to sRGB)");
    }

    /** The whole embedded profile (the first one found), or null. */
    byte[] iccProfile() {
      if (iccChunks == null) {
        return null;
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < iccChunks.length; i++) {
        if (iccChunks[i] == null) {
          throw corruptProfile("its part " + (i + 1) + " of " + iccChunks.length + " (JPEG APP2 segment) is missing");
        }
        out.writeBytes(iccChunks[i]);
      }
      return out.toByteArray();
    }

    private void wholeProfile(int start, int end) {
      if (iccChunks == null) {
        iccChunks = new byte[][] {java.util.Arrays.copyOfRange(b, start, end)};
      }
    }

    /** One APP2 "ICC_PROFILE" segment: sequence number (1-based), count, then that part of the profile. */
    private void jpegProfilePart(int start, int end) {
      if (end - start < 2) {
        throw corruptProfile("an APP2 ICC_PROFILE segment has no sequence number");
      }
      int seq = b[start] & 0xFF;
      int count = b[start + 1] & 0xFF;
      if (iccChunks == null) {
        if (count == 0) {
          throw corruptProfile("an APP2 ICC_PROFILE segment says the profile has 0 parts");
        }
        iccChunks = new byte[count][];
      }
      if (count != iccChunks.length || seq < 1 || seq > count || iccChunks[seq - 1] != null) {
        throw corruptProfile("APP2 ICC_PROFILE segment " + seq + " of " + count + " does not fit the segments"
            + " before it (" + iccChunks.length + " parts)");
      }
      iccChunks[seq - 1] = java.util.Arrays.copyOfRange(b, start + 2, end);
    }

    /** PNG iCCP: a name, a NUL, compression method 0, then the zlib-compressed profile. */
    private void pngProfile(int start, int end) {
      if (iccChunks != null) {
        return;
      }
      int nul = start;
      while (nul < end && nul - start < 80 && b[nul] != 0) {
        nul++;
      }
      if (nul >= end - 1 || b[nul] != 0 || b[nul + 1] != 0) {
        throw corruptProfile("the iCCP chunk has no profile name or an unknown compression method");
      }
      java.util.zip.Inflater z = new java.util.zip.Inflater();
      try {
        z.setInput(b, nul + 2, end - nul - 2);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!z.finished()) {
          int k = z.inflate(buf);
          if (k == 0 && (z.needsInput() || z.needsDictionary())) {
            throw corruptProfile("the iCCP chunk's compressed data ends early");
          }
          out.write(buf, 0, k);
          if (out.size() > MAX_PROFILE_BYTES) {
            throw corruptProfile("the iCCP chunk inflates to more than " + MAX_PROFILE_BYTES + " bytes");
          }
        }
        iccChunks = new byte[][] {out.toByteArray()};
      } catch (java.util.zip.DataFormatException e) {
        throw corruptProfile("the iCCP chunk's compressed data is invalid (" + e.getMessage() + ")");
      } finally {
        z.end();
      }
    }

    // ---------------------------------------------------------------- JPEG

    /**
     * Walks the marker segments from SOI by their lengths (so an EXIF thumbnail's SOI/EOI inside APP1 is
     * skipped), scans each scan's entropy-coded data for the next marker, and requires an EOI after at least
     * one scan. Progressive files have several SOS segments; each is scanned the same way.
     */
    void jpeg() {
      int pos = 2;
      boolean exifSeen = false;
      boolean sawScan = false;
      while (true) {
        // Find the next marker; tolerate stray bytes and 0xFF fill bytes before it, as libjpeg does.
        while (pos < n && b[pos] != (byte) 0xFF) {
          pos++;
        }
        while (pos < n && b[pos] == (byte) 0xFF) {
          pos++;
        }
        if (pos >= n) {
          throw truncated(sawScan ? "no end-of-image marker after the image data" : "no image data");
        }
        int markerAt = pos - 1;
        int marker = b[pos++] & 0xFF;
        if (marker == 0xD9) {
          if (!sawScan) {
            throw corrupt("no image data (SOS) before the end-of-image marker");
          }
          if (width < 0) {
            throw corrupt("no frame header (SOF)");
          }
          return;
        }
        if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
          continue; // standalone markers (and a stray stuffed zero) carry no length
        }
        if (pos + 2 > n) {
          throw truncated("the file ends inside the marker segment at byte " + markerAt);
        }
        int len = u16be(b, pos);
        if (len < 2) {
          throw corrupt("invalid length " + len + " of the marker segment at byte " + markerAt);
        }
        int segStart = pos + 2;
        int segEnd = pos + len;
        if (segEnd > n) {
          throw truncated("the marker segment at byte " + markerAt + " runs past the end of the file");
        }
        if (isStartOfFrame(marker)) {
          if (len < 8) {
            throw corrupt("frame header (SOF) at byte " + markerAt + " is too short");
          }
          if (width < 0) {
            dimensions(u16be(b, segStart + 3), u16be(b, segStart + 1));
            int precision = b[segStart] & 0xFF;
            if (precision != 8) {
              // OpenCV's JPEG decoder only has libjpeg's 8-bit API; it cannot read 12- or 16-bit JPEGs.
              throw new BadInputException(name, precision + "-bit JPEG is not supported (re-save the image as"
                  + " a standard 8-bit JPEG)");
            }
          }
        } else if (marker == 0xE2 && segEnd - segStart >= 12 && startsWith(b, segStart, ICC_APP2)) {
          jpegProfilePart(segStart + 12, segEnd);
        } else if (marker == 0xE1 && !exifSeen && segEnd - segStart >= 6
            && startsWith(b, segStart, new byte[] {'E', 'x', 'i', 'f', 0})) {
          exifSeen = true;
          orientation = exifOrientation(b, segStart + 6, segEnd);
        } else if (marker == 0xDA) {
          if (width < 0) {
            throw corrupt("image data (SOS) before the frame header (SOF)");
          }
          pos = endOfEntropyCodedData(segEnd);
          sawScan = true;
          continue;
        }
        pos = segEnd;
      }
    }

    /** Index of the 0xFF that starts the first real marker at or after i; throws when the file ends first. */
    private int endOfEntropyCodedData(int i) {
      while (true) {
        if (i + 1 >= n) {
          throw truncated("no end-of-image marker after the image data");
        }
        if (b[i] == (byte) 0xFF) {
          int m = b[i + 1] & 0xFF;
          if (m == 0x00 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2; // stuffed 0xFF byte or restart marker: still inside the scan
            continue;
          }
          if (m != 0xFF) {
            return i;
          }
        }
        i++;
      }
    }

    private static boolean isStartOfFrame(int m) {
      return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    // ---------------------------------------------------------------- PNG

    /** Walks the chunks from IHDR to IEND; every chunk's length must fit the data. */
    void png() {
      int pos = PNG_SIGNATURE.length;
      boolean sawData = false;
      boolean exifSeen = false;
      boolean first = true;
      while (true) {
        if (pos + 8 > n) {
          throw truncated("no IEND chunk at the end");
        }
        long len = u32be(b, pos);
        String type = fourcc(b, pos + 4);
        if (len > 0x7FFFFFFFL) {
          throw corrupt("chunk '" + type + "' at byte " + pos + " has an invalid length " + len);
        }
        long end = pos + 12L + len;
        if (first) {
          if (!type.equals("IHDR") || len < 13) {
            throw corrupt("the first chunk is not a valid IHDR header");
          }
          if (pos + 8 + 8 > n) {
            throw truncated("the IHDR header is incomplete");
          }
          dimensions(u32be(b, pos + 8), u32be(b, pos + 12));
          first = false;
        }
        if (end > n) {
          throw truncated("chunk '" + type + "' at byte " + pos + " runs past the end of the file");
        }
        switch (type) {
          case "IDAT" -> sawData = true;
          case "iCCP" -> pngProfile(pos + 8, pos + 8 + (int) len);
          case "eXIf" -> {
            if (!exifSeen) {
              exifSeen = true;
              orientation = exifOrientation(b, pos + 8, pos + 8 + (int) len);
            }
          }
          case "IEND" -> {
            if (!sawData) {
              throw corrupt("no image data (IDAT chunk)");
            }
            return;
          }
          default -> {}
        }
        pos = (int) end;
      }
    }

    // ---------------------------------------------------------------- WebP

    /**
     * Checks the RIFF size against the data, reads the dimensions from the first chunk (VP8, VP8L or VP8X
     * canvas) and walks the chunks inside the RIFF data for the image data and the EXIF chunk.
     */
    void webp() {
      if (n < 20) {
        throw truncated("the RIFF header is incomplete");
      }
      long riffEnd = 8 + u32le(b, 4);
      if (riffEnd < 20) {
        throw corrupt("invalid RIFF size " + (riffEnd - 8));
      }
      // Dimensions first (bomb before truncation), read within what the file actually has.
      int limit = (int) Math.min(riffEnd, n);
      boolean animated = false;
      boolean sawImage = false;
      boolean exifSeen = false;
      String first = fourcc(b, 12);
      long firstSize = u32le(b, 16);
      int data = 20;
      int avail = (int) Math.min(firstSize, limit - data);
      switch (first) {
        case "VP8 " -> {
          if (avail < 10) {
            throw riffEnd > n ? truncatedRiff(riffEnd) : corrupt("the VP8 frame header is incomplete");
          }
          if ((b[data] & 1) != 0 || (b[data + 3] & 0xFF) != 0x9D || (b[data + 4] & 0xFF) != 0x01
              || (b[data + 5] & 0xFF) != 0x2A) {
            throw corrupt("invalid VP8 frame header");
          }
          dimensions(u16le(b, data + 6) & 0x3FFF, u16le(b, data + 8) & 0x3FFF);
        }
        case "VP8L" -> {
          if (avail < 5) {
            throw riffEnd > n ? truncatedRiff(riffEnd) : corrupt("the VP8L header is incomplete");
          }
          if ((b[data] & 0xFF) != 0x2F) {
            throw corrupt("invalid VP8L signature");
          }
          long bits = u32le(b, data + 1);
          dimensions((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
        }
        case "VP8X" -> {
          if (avail < 10) {
            throw riffEnd > n ? truncatedRiff(riffEnd) : corrupt("the VP8X header is incomplete");
          }
          animated = (b[data] & 0x02) != 0;
          dimensions(1 + u24le(b, data + 4), 1 + u24le(b, data + 7));
        }
        default -> throw corrupt("the first chunk is '" + first + "', not VP8, VP8L or VP8X");
      }
      if (riffEnd > n) {
        throw truncatedRiff(riffEnd);
      }
      int end = (int) riffEnd;
      int pos = 12;
      while (pos + 8 <= end) {
        String type = fourcc(b, pos);
        long size = u32le(b, pos + 4);
        int start = pos + 8;
        if (size > end - start) {
          throw corrupt("chunk '" + type + "' at byte " + pos + " runs past the end of the RIFF data");
        }
        switch (type) {
          case "VP8 ", "VP8L" -> sawImage = true;
          case "ANIM", "ANMF" -> animated = true;
          case "ICCP" -> wholeProfile(start, start + (int) size);
          case "EXIF" -> {
            if (!exifSeen) {
              exifSeen = true;
              int tiff = start;
              // Some writers keep JPEG's "Exif\0\0" prefix; the WebP spec has the TIFF header directly.
              if (size >= 6 && startsWith(b, start, new byte[] {'E', 'x', 'i', 'f', 0, 0})) {
                tiff += 6;
              }
              orientation = exifOrientation(b, tiff, start + (int) size);
            }
          }
          default -> {}
        }
        pos = start + (int) size + (int) (size & 1);
      }
      this.animated = animated;
      if (!sawImage && !animated) {
        throw corrupt("no VP8/VP8L image data chunk");
      }
    }

    private BadInputException truncatedRiff(long riffEnd) {
      return truncated("the RIFF header declares " + riffEnd + " bytes but the file has only " + n);
    }

    // ---------------------------------------------------------------- BMP

    /** Reads the DIB header and checks that the file holds all the pixel data the header describes. */
    void bmp() {
      long fileSize = u32le(b, 2);
      long pixelOffset = u32le(b, 10);
      int dib = (int) u32le(b, 14);
      if (n < 14 + Math.min(dib, 40)) {
        throw truncated("the bitmap header is incomplete");
      }
      long w;
      long h;
      int bpp;
      long compression;
      long imageSize;
      if (dib == 12) { // OS/2 1.x BITMAPCOREHEADER: 16-bit unsigned sizes
        w = u16le(b, 18);
        h = u16le(b, 20);
        bpp = u16le(b, 24);
        compression = 0;
        imageSize = 0;
      } else {
        w = (int) u32le(b, 18);
        h = (int) u32le(b, 22); // signed: negative means top-down rows
        if (h < 0) {
          h = -h;
        }
        bpp = u16le(b, 28);
        compression = dib >= 40 ? u32le(b, 30) : 0;
        imageSize = dib >= 40 ? u32le(b, 34) : 0;
      }
      dimensions(w, h);
      if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32) {
        throw corrupt("unsupported bit depth " + bpp);
      }
      long required;
      if (compression == 0 || compression == 3 || compression == 6) { // BI_RGB, BI_BITFIELDS, ALPHABITFIELDS
        long stride = ((w * bpp + 31) / 32) * 4;
        required = pixelOffset + stride * h;
      } else if (compression == 1 || compression == 2) { // RLE8, RLE4: size only known from the header
        required = imageSize > 0 ? pixelOffset + imageSize : fileSize;
      } else if (compression == 4 || compression == 5) {
        throw new BadInputException(name, "BMP with embedded JPEG/PNG data is not supported (convert it to"
            + " a plain JPEG or PNG)");
      } else {
        throw corrupt("unknown compression method " + compression);
      }
      if (pixelOffset < 14 + dib || pixelOffset > n) {
        throw pixelOffset > n && pixelOffset <= fileSize
            ? truncated("the pixel data starts at byte " + pixelOffset + " but the file has only " + n)
            : corrupt("invalid pixel data offset " + pixelOffset);
      }
      if (required > n) {
        throw truncated("the pixel data needs " + required + " bytes but the file has only " + n);
      }
    }
    // ---------------------------------------------------------------- HEIF / AVIF

    /** The primary item's size, orientation (irot, imir) and ICC profile; every item's data inside the file. */
    void heif() {
      HeifBoxes.Primary primary;
      try {
        primary = HeifBoxes.read(b);
      } catch (HeifBoxes.Malformed e) {
        throw e.truncated ? truncated(e.getMessage()) : corrupt(e.getMessage());
      }
      switch (primary.type()) {
        case "hvc1", "av01", "grid" -> {}
        default -> throw new BadInputException(name, label(format) + " whose primary image is of type '"
            + primary.type() + "' is not supported (HEVC, AV1 and grids of their tiles are)");
      }
      dimensions(primary.width(), primary.height());
      orientation = primary.orientation();
      if (primary.iccProfile() != null) {
        iccChunks = new byte[][] {primary.iccProfile()};
      }
    }

    // ---------------------------------------------------------------- GIF

    /** The logical screen size, then the blocks up to the end of the first image (later frames are ignored). */
    void gif() {
      if (n < 13) {
        throw truncated("the GIF header is incomplete");
      }
      dimensions(u16le(b, 6), u16le(b, 8));
      int pos = 13 + colourTable(b[10]);
      while (true) {
        if (pos >= n) {
          throw truncated("the file ends before the first image is complete");
        }
        int block = b[pos] & 0xFF;
        if (block == 0x21) { // extension: label, then data sub-blocks
          pos = subBlocks(pos + 2);
        } else if (block == 0x2C) { // image descriptor, optional local colour table, LZW code size, data
          if (pos + 10 > n) {
            throw truncated("the file ends inside the first image's descriptor");
          }
          pos = subBlocks(pos + 10 + colourTable(b[pos + 9]) + 1);
          return;
        } else if (block == 0x3B) {
          throw corrupt("no image before the trailer");
        } else {
          throw corrupt("unknown block 0x" + Integer.toHexString(block) + " at byte " + pos);
        }
      }
    }

    private static int colourTable(byte flags) {
      return (flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0;
    }

    /** The position after the data sub-blocks starting at pos (each a length byte and data; 0 ends them). */
    private int subBlocks(int pos) {
      while (true) {
        if (pos >= n) {
          throw truncated("the file ends before the first image is complete");
        }
        int len = b[pos] & 0xFF;
        pos += 1 + len;
        if (len == 0) {
          return pos;
        }
      }
    }

    // ---------------------------------------------------------------- TIFF

    /**
     * Reads the first IFD (the first page: later pages of a multi-page file are ignored): dimensions,
     * samples, orientation, ICC profile, and checks that every strip or tile of that page lies inside the file.
     */
    void tiff() {
      if (n < 8) {
        throw truncated("the TIFF header is incomplete");
      }
      boolean le = b[0] == 'I';
      long ifd = u32(b, 4, le);
      if (ifd < 8) {
        throw corrupt("invalid first IFD offset " + ifd);
      }
      if (ifd + 2 > n) {
        throw truncated("the first IFD at byte " + ifd + " lies past the end of the file");
      }
      int count = u16(b, (int) ifd, le);
      int entries = (int) ifd + 2;
      if (entries + 12L * count > n) {
        throw truncated("the first IFD's " + count + " entries run past the end of the file");
      }
      long w = -1;
      long h = -1;
      long[] bits = {1};
      int sampleFormat = 1;
      long[] offsets = null;
      long[] byteCounts = null;
      int iccAt = -1;
      long iccCount = 0;
      for (int i = 0; i < count; i++) {
        int e = entries + 12 * i;
        int tag = u16(b, e, le);
        switch (tag) {
          case 256 -> w = tiffValues(e, le)[0];
          case 257 -> h = tiffValues(e, le)[0];
          case 258 -> bits = tiffValues(e, le);
          case 339 -> sampleFormat = (int) tiffValues(e, le)[0];
          case 273, 324 -> offsets = tiffValues(e, le);
          case 279, 325 -> byteCounts = tiffValues(e, le);
          case 0x0112 -> {
            long v = tiffValues(e, le)[0];
            orientation = v >= 1 && v <= 8 ? (int) v : 1;
          }
          case 34675 -> {
            iccCount = u32(b, e + 4, le);
            iccAt = e;
          }
          default -> {}
        }
      }
      if (w < 0 || h < 0) {
        throw corrupt("the first IFD has no image width or height");
      }
      dimensions(w, h);
      for (long bit : bits) {
        if (bit != 8 && bit != 16) {
          throw new BadInputException(name, bit + "-bit TIFF is not supported (8 and 16 bits per sample are;"
              + " re-save the image as an 8- or 16-bit TIFF, JPEG or PNG)");
        }
      }
      if (sampleFormat == 3) {
        throw new BadInputException(name, "floating-point TIFF is not supported (8- and 16-bit integer samples"
            + " are)");
      }
      if (offsets == null || byteCounts == null || offsets.length != byteCounts.length) {
        throw corrupt("the first IFD has no valid strip or tile offsets and byte counts");
      }
      for (int i = 0; i < offsets.length; i++) {
        if (offsets[i] + byteCounts[i] > n) {
          throw truncated("image data block " + i + " (bytes " + offsets[i] + " to " + (offsets[i] + byteCounts[i])
              + ") runs past the end of the file (" + n + " bytes)");
        }
      }
      if (iccAt >= 0) {
        long at = iccCount <= 4 ? iccAt + 8 : u32(b, iccAt + 8, le);
        if (iccCount > MAX_PROFILE_BYTES || at + iccCount > n) {
          throw corruptProfile("the ICC profile tag points past the end of the file");
        }
        wholeProfile((int) at, (int) (at + iccCount));
      }
    }

    /** The values of a SHORT or LONG (or BYTE) IFD entry at e, inline or at their offset. */
    private long[] tiffValues(int e, boolean le) {
      int type = u16(b, e + 2, le);
      long count = u32(b, e + 4, le);
      int size = type == 3 ? 2 : type == 4 ? 4 : type == 1 ? 1 : 0;
      if (size == 0) {
        throw corrupt("IFD entry for tag " + u16(b, e, le) + " has unexpected type " + type);
      }
      if (count < 1 || count > 1 << 24) {
        throw corrupt("IFD entry for tag " + u16(b, e, le) + " has an invalid count " + count);
      }
      long at = count * size <= 4 ? e + 8 : u32(b, e + 8, le);
      if (at + count * size > n) {
        throw truncated("the values of tag " + u16(b, e, le) + " lie past the end of the file");
      }
      long[] v = new long[(int) count];
      for (int i = 0; i < count; i++) {
        int p = (int) at + i * size;
        v[i] = size == 2 ? u16(b, p, le) : size == 4 ? u32(b, p, le) : b[p] & 0xFF;
      }
      return v;
    }
  }

  // ---------------------------------------------------------------- bytes

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] b, int off, byte[] prefix) {
    if (off < 0 || b.length - off < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[off + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** A chunk type for messages: the four characters when printable, otherwise hex. */
  private static String fourcc(byte[] b, int off) {
    StringBuilder s = new StringBuilder(4);
    for (int i = 0; i < 4; i++) {
      int c = b[off + i] & 0xFF;
      if (c < 0x20 || c > 0x7E) {
        return String.format("0x%02x%02x%02x%02x", b[off], b[off + 1], b[off + 2], b[off + 3]);
      }
      s.append((char) c);
    }
    return s.toString();
  }

  private static int u16be(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  private static int u16le(byte[] b, int i) {
    return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
  }

  private static int u24le(byte[] b, int i) {
    return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) | ((b[i + 2] & 0xFF) << 16);
  }

  private static long u32be(byte[] b, int i) {
    return ((long) u16be(b, i) << 16) | u16be(b, i + 2);
  }

  private static long u32le(byte[] b, int i) {
    return u16le(b, i) | ((long) u16le(b, i + 2) << 16);
  }

  private static int u16(byte[] b, int i, boolean le) {
    return le ? u16le(b, i) : u16be(b, i);
  }

  private static long u32(byte[] b, int i, boolean le) {
    return le ? u32le(b, i) : u32be(b, i);
  }
}
