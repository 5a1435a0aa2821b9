package dev.videogen.media.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Header-only reading of a HEIF/AVIF file (ISO/IEC 23008-12 on the ISO base media file format): the primary
 * item, its type, size ({@code ispe}), orientation ({@code irot}, {@code imir}) and ICC profile ({@code colr}),
 * and a check that every item's data lies inside the file. Never decodes pixels.
 */
final class HeifBoxes {
  /** What the header says about the primary item. */
  record Primary(String type, long width, long height, int orientation, byte[] iccProfile) {}

  /** The file's boxes do not make sense; truncated when the file ends before a box or an item's data. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean truncated;

    Malformed(String what, boolean truncated) {
      super(what, null, false, false);
      this.truncated = truncated;
    }
  }

  private final byte[] b;
  private long primaryId = -1;
  private final Map<Long, String> itemTypes = new HashMap<>();
  private final List<byte[]> properties = new ArrayList<>(); // whole boxes, index 0 = property 1
  private final Map<Long, List<Integer>> associations = new HashMap<>();

  private HeifBoxes(byte[] b) {
    this.b = b;
  }

  static Primary read(byte[] b) {
    HeifBoxes h = new HeifBoxes(b);
    int meta = h.findTopLevel("meta");
    if (meta < 0) {
      throw new Malformed("no 'meta' box (the file ends before it, or it is not a still image)", true);
    }
    h.meta(meta);
    return h.primary();
  }

  /** The brand family from the ftyp box: "AVIF" for avif/avis, "HEIF" otherwise. */
  static boolean isAvif(byte[] b) {
    int size = b.length >= 8 ? (int) Math.min(u32(b, 0), b.length) : 0;
    for (int i = 8; i + 4 <= size; i += 4) {
      String brand = new String(b, i, 4, StandardCharsets.ISO_8859_1);
      if (i != 12 && (brand.equals("avif") || brand.equals("avis"))) {
        return true;
      }
    }
    return false;
  }

  private int findTopLevel(String type) {
    int pos = 0;
    while (pos + 8 <= b.length) {
      long size = u32(b, pos);
      String t = fourcc(pos + 4);
      int header = 8;
      if (size == 1) {
        if (pos + 16 > b.length) {
          throw new Malformed("box '" + t + "' at byte " + pos + " is cut short", true);
        }
        size = u64(pos + 8);
        header = 16;
      } else if (size == 0) {
        size = b.length - pos;
      }
      if (size < header) {
        throw new Malformed("box '" + t + "' at byte " + pos + " has an invalid size " + size, false);
      }
      if (t.equals(type)) {
        if (pos + size > b.length) {
          throw new Malformed("box '" + t + "' at byte " + pos + " runs past the end of the file", true);
        }
        return pos;
      }
      pos += (int) Math.min(size, Integer.MAX_VALUE);
    }
    return -1;
  }

  private void meta(int at) {
    int end = at + (int) u32(b, at);
    for (int[] box : children(at + 12, end)) {
      String type = fourcc(box[0] + 4);
      switch (type) {
        case "pitm" -> primaryId = version(box[0]) == 0 ? u16(box[0] + 12) : u32(b, box[0] + 12);
        case "iinf" -> iinf(box[0], box[1]);
        case "iprp" -> iprp(box[0], box[1]);
        case "iloc" -> iloc(box[0], box[1]);
        default -> {}
      }
    }
  }

  private void iinf(int at, int end) {
    int first = at + 12 + (version(at) == 0 ? 2 : 4);
    for (int[] box : children(first, end)) {
      if (!fourcc(box[0] + 4).equals("infe")) {
        continue;
      }
      int v = version(box[0]);
      if (v < 2) {
        continue; // versions 0 and 1 have no item type
      }
      int p = box[0] + 12;
      long id = v == 2 ? u16(p) : u32(b, p);
      p += (v == 2 ? 2 : 4) + 2;
      need(p + 4, box[1]);
      itemTypes.put(id, fourcc(p));
    }
  }

  private void iprp(int at, int end) {
    for (int[] box : children(at + 8, end)) {
      String type = fourcc(box[0] + 4);
      if (type.equals("ipco")) {
        for (int[] property : children(box[0] + 8, box[1])) {
          properties.add(java.util.Arrays.copyOfRange(b, property[0], property[1]));
        }
      } else if (type.equals("ipma")) {
        ipma(box[0], box[1]);
      }
    }
  }

  private void ipma(int at, int end) {
    int v = version(at);
    boolean wide = (flags(at) & 1) != 0;
    int p = at + 12;
    need(p + 4, end);
    long entries = u32(b, p);
    p += 4;
    for (long e = 0; e < entries; e++) {
      need(p + (v < 1 ? 3 : 5), end);
      long id = v < 1 ? u16(p) : u32(b, p);
      p += v < 1 ? 2 : 4;
      int count = b[p++] & 0xFF;
      List<Integer> list = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        need(p + (wide ? 2 : 1), end);
        list.add(wide ? u16(p) & 0x7FFF : b[p] & 0x7F);
        p += wide ? 2 : 1;
      }
      associations.put(id, list);
    }
  }

  /** Checks every extent stored in the file itself (construction method 0) lies inside it. */
  private void iloc(int at, int end) {
    int v = version(at);
    int p = at + 12;
    need(p + 2, end);
    int offsetSize = (b[p] & 0xFF) >> 4;
    int lengthSize = b[p] & 0x0F;
    int baseOffsetSize = (b[p + 1] & 0xFF) >> 4;
    int indexSize = v == 1 || v == 2 ? b[p + 1] & 0x0F : 0;
    p += 2;
    long count;
    if (v < 2) {
      need(p + 2, end);
      count = u16(p);
      p += 2;
    } else {
      need(p + 4, end);
      count = u32(b, p);
      p += 4;
    }
    for (long i = 0; i < count; i++) {
      need(p + (v < 2 ? 2 : 4), end);
      long id = v < 2 ? u16(p) : u32(b, p);
      p += v < 2 ? 2 : 4;
      int method = 0;
      if (v == 1 || v == 2) {
        need(p + 2, end);
        method = u16(p) & 0x0F;
        p += 2;
      }
      need(p + 2 + baseOffsetSize + 2, end);
      p += 2; // data reference index
      long base = sized(p, baseOffsetSize);
      p += baseOffsetSize;
      int extents = u16(p);
      p += 2;
      for (int x = 0; x < extents; x++) {
        need(p + indexSize + offsetSize + lengthSize, end);
        p += indexSize;
        long offset = sized(p, offsetSize);
        p += offsetSize;
        long length = sized(p, lengthSize);
        p += lengthSize;
        if (method == 0 && base + offset + length > b.length) {
          throw new Malformed("the data of item " + id + " (bytes " + (base + offset) + " to "
              + (base + offset + length) + ") runs past the end of the file (" + b.length + " bytes)", true);
        }
      }
    }
  }

  private Primary primary() {
    if (primaryId < 0) {
      throw new Malformed("no primary item ('pitm' box)", false);
    }
    String type = itemTypes.get(primaryId);
    if (type == null) {
      throw new Malformed("the primary item " + primaryId + " has no item info ('infe')", false);
    }
    long width = -1;
    long height = -1;
    int orientation = 1;
    byte[] icc = null;
    for (int index : associations.getOrDefault(primaryId, List.of())) {
      if (index < 1 || index > properties.size()) {
        continue;
      }
      byte[] p = properties.get(index - 1);
      String kind = new String(p, 4, 4, StandardCharsets.ISO_8859_1);
      switch (kind) {
        case "ispe" -> {
          if (p.length >= 20) {
            width = u32(p, 12);
            height = u32(p, 16);
          }
        }
        case "irot" -> {
          if (p.length >= 9) {
            orientation = Orientations.then(orientation, Orientations.counterClockwise(p[8] & 3));
          }
        }
        case "imir" -> {
          if (p.length >= 9) {
            // axis 0 flips top-bottom, 1 left-right: as libheif and FFmpeg read it (the reference readers)
            orientation = Orientations.then(orientation, (p[8] & 1) == 0 ? 4 : 2);
          }
        }
        case "colr" -> {
          String colourType = p.length >= 12 ? new String(p, 8, 4, StandardCharsets.ISO_8859_1) : "";
          if (icc == null && (colourType.equals("prof") || colourType.equals("rICC"))) {
            icc = java.util.Arrays.copyOfRange(p, 12, p.length);
          }
        }
        default -> {}
      }
    }
    if (width < 0 || height < 0) {
      throw new Malformed("the primary item has no size ('ispe' property)", false);
    }
    return new Primary(type, width, height, orientation, icc);
  }

  // ------------------------------------------------------------------ boxes

  /** The child boxes of [start, end) as {begin, end} pairs. */
  private List<int[]> children(int start, int end) {
    List<int[]> out = new ArrayList<>();
    int pos = start;
    while (pos + 8 <= end) {
      long size = u32(b, pos);
      if (size < 8 || pos + size > end) {
        throw new Malformed("box '" + fourcc(pos + 4) + "' at byte " + pos + " has an invalid size " + size, false);
      }
      out.add(new int[] {pos, pos + (int) size});
      pos += (int) size;
    }
    return out;
  }

  private void need(long upTo, int end) {
    if (upTo > end) {
      throw new Malformed("a box inside 'meta' is shorter than its contents", false);
    }
  }

  private int version(int box) {
    need(box + 12, b.length);
    return b[box + 8] & 0xFF;
  }

  private int flags(int box) {
    return ((b[box + 9] & 0xFF) << 16) | ((b[box + 10] & 0xFF) << 8) | (b[box + 11] & 0xFF);
  }

  private long sized(int p, int size) {
    return switch (size) {
      case 0 -> 0;
      case 4 -> u32(b, p);
      case 8 -> u64(p);
      default -> throw new Malformed("invalid field size " + size + " in 'iloc'", false);
    };
  }

  private String fourcc(int p) {
    return new String(b, p, 4, StandardCharsets.ISO_8859_1);
  }

  private int u16(int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static long u32(byte[] b, int p) {
    return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }

  private long u64(int p) {
    long hi = u32(b, p);
    if (hi != 0) {
      throw new Malformed("a 64-bit size or offset beyond 4 GB", false);
    }
    return u32(b, p + 4);
  }
}
