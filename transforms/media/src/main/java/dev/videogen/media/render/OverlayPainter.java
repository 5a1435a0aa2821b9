package dev.videogen.media.render;

import dev.videogen.media.BadInputException;
import dev.videogen.media.Sha256;
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
 * converted to Y'CbCr) and kept while this painter holds at most {@link #CACHED_LAYERS} of them and
 * {@link #CACHED_BYTES}; per frame only the layers' rectangles are blended. One per renderer, not thread-safe.
 */
final class OverlayPainter {
  static final int CACHED_LAYERS = 64;
  /** At most this many bytes of prepared layers are kept (a full-frame 1080p picture takes about 25 MB). */
  static final long CACHED_BYTES = 128L << 20;

  private final int width;
  private final int height;
  private final SourceCache sources;
  private final Map<String, FontFace> fonts = new HashMap<>();
  /** Least recently used first. */
  private final Map<OverlayLayer, PreparedOverlay> prepared = new LinkedHashMap<>(16, 0.75f, true);
  private long preparedBytes;

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
      preparedBytes += overlay.bytes();
      // Forget the least recently used layers beyond the limits; the one just made is always kept.
      var eldest = prepared.entrySet().iterator();
      while ((prepared.size() > CACHED_LAYERS || preparedBytes > CACHED_BYTES) && prepared.size() > 1) {
        preparedBytes -= eldest.next().getValue().bytes();
        eldest.remove();
      }
    }
    return overlay;
  }

  private PreparedOverlay prepareText(TextLayer layer) {
    TextStyle style = layer.style();
    double maxWidth = style.maxWidth() == null ? 0 : style.maxWidth().resolve(width);
    TextLayout layout = TextLayout.of(font(layer), layer.text(), style.size().resolve(height), maxWidth,
        style.lineHeight(), style.align());
    TextPainter.Painted painted = TextPainter.paint(layout, style, width, height, layer.position());
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
    if (sha256 != null && !sha256.equals(Sha256.hex(bytes))) {
      throw new BadInputException(uri, "changed since it was planned (its SHA-256 differs)");
    }
    return bytes;
  }

  private PreparedOverlay prepareImage(ImageLayer layer) {
    byte[] bytes = readPlanned(layer.uri(), layer.sha256());
    RgbaImage picture = OverlayPicture.decode(layer.uri(), bytes, sources.maxPixels());
    int[] size = layer.drawnSize(width, height, picture.width(), picture.height());
    if (size[0] > ImageLayer.MAX_FRAMES * width || size[1] > ImageLayer.MAX_FRAMES * height) {
      throw new BadInputException(layer.uri(), "would be drawn " + size[0] + "x" + size[1] + ", more than "
          + ImageLayer.MAX_FRAMES + " frames wide or high");
    }
    RgbaImage sized = OverlayPicture.resize(picture, size[0], size[1]);
    int left = layer.position().left(width, size[0]);
    int top = layer.position().top(height, size[1]);
    return PreparedOverlay.of(sized, left, top);
  }
}
