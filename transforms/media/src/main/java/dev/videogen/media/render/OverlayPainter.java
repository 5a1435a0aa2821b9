package dev.videogen.media.render;

import dev.videogen.media.BadInputException;
import dev.videogen.media.Digests;
import dev.videogen.media.overlay.FontFace;
import dev.videogen.media.overlay.ImageLayer;
import dev.videogen.media.overlay.OverlayLayer;
import dev.videogen.media.overlay.OverlayPicture;
import dev.videogen.media.overlay.OverlayShow;
import dev.videogen.media.overlay.Overlays;
import dev.videogen.media.overlay.RgbaImage;
import dev.videogen.media.overlay.TextLayer;
import dev.videogen.media.overlay.TextLayout;
import dev.videogen.media.overlay.TextPainter;
import dev.videogen.media.spec.TextStyle;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws a frame's overlay shows over the finished picture. Each layer is prepared once (text laid out and
 * rasterised, with the bundled font or a font file read once; or the picture read, decoded and resized; then
 * converted to Y'CbCr) and kept while this
 * painter holds at most {@link #CACHED_LAYERS} of them; per frame only the layers' rectangles are blended.
 * One per renderer, not thread-safe.
 */
final class OverlayPainter {
  static final int CACHED_LAYERS = 64;

  private final int width;
  private final int height;
  private final SourceCache sources;
  private final Map<String, FontFace> fonts = new HashMap<>();
  private final Map<OverlayLayer, PreparedOverlay> prepared = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<OverlayLayer, PreparedOverlay> eldest) {
      return size() > CACHED_LAYERS;
    }
  };

  OverlayPainter(int width, int height, SourceCache sources) {
    this.width = width;
    this.height = height;
    this.sources = sources;
  }

  /** Blends every show of {@code overlays} that contains {@code frameIndex}, in draw order. */
  void paint(Overlays overlays, long frameIndex, YuvPlanes target) {
    for (OverlayShow show : overlays.shows()) {
      if (show.contains(frameIndex)) {
        int gain = show.gainAt(frameIndex);
        if (gain > 0) {
          prepare(show.layer()).blend(target, gain);
        }
      }
    }
  }

  PreparedOverlay prepare(OverlayLayer layer) {
    PreparedOverlay overlay = prepared.get(layer);
    if (overlay == null) {
      overlay = layer instanceof TextLayer text ? prepareText(text) : prepareImage((ImageLayer) layer);
      prepared.put(layer, overlay);
    }
    return overlay;
  }

  private PreparedOverlay prepareText(TextLayer layer) {
    TextStyle style = layer.style();
    double maxWidth = style.maxWidth() == null ? 0 : style.maxWidth().resolve(width);
    TextLayout layout = TextLayout.of(font(layer), layer.text(), style.size().resolve(height), maxWidth,
        style.lineHeight(), style.align());
    TextPainter.Painted painted = TextPainter.paint(layout, style, width, height);
    int boxLeft = layer.position().left(width, painted.boxWidth());
    int boxTop = layer.position().top(height, painted.boxHeight());
    return PreparedOverlay.of(painted.image(), boxLeft - painted.boxX(), boxTop - painted.boxY());
  }

  /** The bundled font, or the layer's own font file, read once per painter. */
  private FontFace font(TextLayer layer) {
    String uri = layer.style().font();
    if (uri == null) {
      return FontFace.bundled();
    }
    FontFace face = fonts.get(uri);
    if (face == null) {
      face = FontFace.read(readPlanned(uri, layer.fontSha256()), uri);
      fonts.put(uri, face);
    }
    return face;
  }

  /** A file's bytes, refused when they are not those planning read (the chunk keys name those). */
  private byte[] readPlanned(String uri, String sha256) {
    byte[] bytes = sources.readBytes(uri);
    if (sha256 != null && !sha256.equals(Digests.sha256Hex(bytes))) {
      throw new BadInputException(uri, "changed since it was planned (its SHA-256 differs)");
    }
    return bytes;
  }

  private PreparedOverlay prepareImage(ImageLayer layer) {
    byte[] bytes = readPlanned(layer.uri(), layer.sha256());
    RgbaImage picture = OverlayPicture.decode(layer.uri(), bytes, sources.maxPixels());
    int[] size = size(layer, picture.width(), picture.height());
    RgbaImage sized = OverlayPicture.resize(picture, size[0], size[1]);
    int left = layer.position().left(width, size[0]);
    int top = layer.position().top(height, size[1]);
    return PreparedOverlay.of(sized, left, top);
  }

  /**
   * The drawn size: {@code width} of the frame width and {@code height} of the frame height (or pixels),
   * rounded to whole pixels; one of them alone keeps the picture's aspect ratio; neither: its own size.
   */
  int[] size(ImageLayer layer, int pictureWidth, int pictureHeight) {
    double w;
    double h;
    if (layer.width() != null && layer.height() != null) {
      w = layer.width().resolve(width);
      h = layer.height().resolve(height);
    } else if (layer.width() != null) {
      w = layer.width().resolve(width);
      h = w * pictureHeight / pictureWidth;
    } else if (layer.height() != null) {
      h = layer.height().resolve(height);
      w = h * pictureWidth / pictureHeight;
    } else {
      w = pictureWidth;
      h = pictureHeight;
    }
    return new int[] {Math.max(1, (int) Math.round(w)), Math.max(1, (int) Math.round(h))};
  }
}
