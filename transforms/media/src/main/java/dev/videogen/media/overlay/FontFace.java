package dev.videogen.media.overlay;

import dev.videogen.media.BadInputException;
import dev.videogen.media.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.GlyphDescription;
import org.apache.fontbox.ttf.KerningSubtable;
import org.apache.fontbox.ttf.KerningTable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * A TrueType font read with Apache fontbox: metrics, advance widths, kerning pairs (the legacy {@code kern}
 * table; GPOS is not applied), the Unicode cmap and glyph outlines, all in font units (y up). Only the font
 * file's bytes decide the results, never the platform. Thread-safe: fontbox reads lazily, so every read goes
 * through this object's lock and glyphs are kept, immutable, once read.
 */
public final class FontFace {
  /** The font the project ships: Liberation Sans Regular, inside the pdfbox jar (SIL Open Font License). */
  public static final String BUNDLED_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private static volatile FontFace bundled;

  private final TrueTypeFont font;
  private final String sha256;
  private final int unitsPerEm;
  private final int ascender;
  private final int descender;
  private final CmapLookup cmap;
  private final KerningSubtable kerning;
  private final Map<Integer, Glyph> glyphs = new ConcurrentHashMap<>();

  /** A glyph's outline: contours of points in font units, each flagged on-curve or (quadratic) control. */
  public record Glyph(int id, int advance, int[] contourEnds, int[] xs, int[] ys, boolean[] onCurve) {}

  private FontFace(byte[] bytes, String name) {
    try {
      this.font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
      this.unitsPerEm = font.getUnitsPerEm();
      this.ascender = font.getHorizontalHeader().getAscender();
      this.descender = font.getHorizontalHeader().getDescender();
      this.cmap = font.getUnicodeCmapLookup(false);
      KerningTable kern = font.getKerning();
      this.kerning = kern == null ? null : kern.getHorizontalKerningSubtable();
      if (cmap == null || font.getGlyph() == null || unitsPerEm <= 0) {
        throw new BadInputException(name, "not a TrueType font with glyph outlines and a Unicode cmap");
      }
    } catch (IOException e) {
      throw new BadInputException(name, "cannot read the font: " + e.getMessage());
    }
    this.sha256 = Sha256.hex(bytes);
  }

  /** Reads a TrueType font file's bytes; {@code name} names it in errors. */
  public static FontFace read(byte[] bytes, String name) {
    return new FontFace(bytes, name);
  }

  /** The bundled font, read once per JVM. */
  public static FontFace bundled() {
    FontFace face = bundled;
    if (face == null) {
      synchronized (FontFace.class) {
        face = bundled;
        if (face == null) {
          try (InputStream in = FontFace.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("the bundled font " + BUNDLED_RESOURCE + " is not on the class path");
            }
            face = new FontFace(in.readAllBytes(), BUNDLED_RESOURCE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          bundled = face;
        }
      }
    }
    return face;
  }

  /** The SHA-256 of the font file: what a chunk key names the font by. */
  public String sha256() {
    return sha256;
  }

  public int unitsPerEm() {
    return unitsPerEm;
  }

  /** hhea ascender, font units above the baseline. */
  public int ascender() {
    return ascender;
  }

  /** hhea descender, font units (negative: below the baseline). */
  public int descender() {
    return descender;
  }

  /** The glyph for a Unicode code point (glyph 0, the font's "missing" box, where it has none). */
  public synchronized int glyphId(int codePoint) {
    return cmap.getGlyphId(codePoint);
  }

  /** The kerning adjustment between two glyphs, in font units (0 when none). */
  public synchronized int kerning(int left, int right) {
    return kerning == null ? 0 : kerning.getKerning(left, right);
  }

  public Glyph glyph(int id) {
    Glyph glyph = glyphs.get(id);
    if (glyph == null) {
      glyph = readGlyph(id);
      glyphs.put(id, glyph);
    }
    return glyph;
  }

  private synchronized Glyph readGlyph(int id) {
    try {
      int advance = font.getAdvanceWidth(id);
      GlyphData data = font.getGlyph().getGlyph(id);
      GlyphDescription description = data == null ? null : data.getDescription();
      if (description == null || description.getContourCount() <= 0) {
        return new Glyph(id, advance, new int[0], new int[0], new int[0], new boolean[0]);
      }
      int contours = description.getContourCount();
      int points = description.getPointCount();
      int[] ends = new int[contours];
      for (int c = 0; c < contours; c++) {
        ends[c] = description.getEndPtOfContours(c);
      }
      int[] xs = new int[points];
      int[] ys = new int[points];
      boolean[] on = new boolean[points];
      for (int p = 0; p < points; p++) {
        xs[p] = description.getXCoordinate(p);
        ys[p] = description.getYCoordinate(p);
        on[p] = (description.getFlags(p) & 0x01) != 0;
      }
      return new Glyph(id, advance, ends, xs, ys, on);
    } catch (IOException e) {
      throw new UncheckedIOException("glyph " + id + " of the font", e);
    }
  }
}
