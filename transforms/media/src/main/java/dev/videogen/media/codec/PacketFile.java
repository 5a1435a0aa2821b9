package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_from_mask;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * The intermediate file between pipeline stages: one elementary stream's codec parameters followed by its
 * packets, timestamps kept exactly as the encoder produced them.
 *
 * <p>Why not MP4 or MPEG-TS: MP4 chunks carry edit lists (B-frame delay, AAC priming) that a packet copy
 * must interpret, and MPEG-TS shifts timestamps by its mux delay and rounds them to 90 kHz. Here nothing is
 * shifted or rounded, so the assembler can place every packet on the global frame grid exactly.
 */
public final class PacketFile {
  private static final int MAGIC = 0x56475031; // "VGP1"
  private static final int FLAG_KEY = 1;

  private PacketFile() {}

  /** Writes one stream. Not thread-safe; the caller owns it and closes it. */
  public static final class Writer implements AutoCloseable {
    private final DataOutputStream out;
    private byte[] buffer = new byte[64 * 1024];
    private long packets;

    public Writer(Path file, AVCodecParameters parameters, AVRational timeBase) {
      DataOutputStream stream = null;
      try {
        stream = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        stream.writeInt(MAGIC);
        stream.writeInt(timeBase.num());
        stream.writeInt(timeBase.den());
        writeParameters(stream, parameters);
      } catch (IOException e) {
        closeQuietly(stream);
        throw new UncheckedIOException("cannot write " + file, e);
      } catch (RuntimeException e) {
        closeQuietly(stream);
        throw e;
      }
      out = stream;
    }

    public void write(AVPacket packet) {
      int size = packet.size();
      if (buffer.length < size) {
        buffer = new byte[Math.max(size, buffer.length * 2)];
      }
      if (size < 0 || (size > 0 && packet.data() == null)) {
        throw new IllegalArgumentException("packet without data, size " + size);
      }
      if (size > 0) {
        packet.data().get(buffer, 0, size);
      }
      write(packet.pts(), packet.dts(), packet.duration(),
          (packet.flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) != 0, buffer, size);
    }

    /** Writes a packet held in Java memory: the first {@code size} bytes of {@code data}. */
    public void write(long pts, long dts, long duration, boolean key, byte[] data, int size) {
      try {
        out.writeLong(pts);
        out.writeLong(dts);
        out.writeLong(duration);
        out.writeInt(key ? FLAG_KEY : 0);
        out.writeInt(size);
        out.write(data, 0, size);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      packets++;
    }

    public long packets() {
      return packets;
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Reads one stream. Owns the codec parameters it returns; they are freed by {@link #close()}. */
  public static final class Reader implements AutoCloseable {
    private final Path file;
    private DataInputStream in;
    private final AVRational timeBase = new AVRational();
    private AVCodecParameters parameters;
    private byte[] buffer = new byte[64 * 1024];

    public Reader(Path file) {
      this.file = file;
      DataInputStream stream = null;
      try {
        stream = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        if (stream.readInt() != MAGIC) {
          throw new IOException("not a videogen packet file");
        }
        timeBase.num(stream.readInt()).den(stream.readInt());
        if (timeBase.num() <= 0 || timeBase.den() <= 0) {
          throw new IOException("bad time base " + timeBase.num() + "/" + timeBase.den());
        }
        parameters = avcodec_parameters_alloc();
        if (parameters == null || parameters.isNull()) {
          throw new OutOfMemoryError("avcodec_parameters_alloc()");
        }
        readParameters(stream, parameters);
      } catch (IOException e) {
        in = stream;
        close();
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        in = stream;
        close();
        throw e;
      }
      in = stream;
    }

    /** The codec parameters in this file's own serialized form: equal arrays mean equal parameters. */
    public byte[] parameterBytes() {
      return serializeParameters(parameters);
    }

    public AVCodecParameters parameters() {
      return parameters;
    }

    public AVRational timeBase() {
      return timeBase;
    }

    /**
     * Reads the next packet into {@code packet} (which must be unreferenced). Returns false at the end of
     * the stream; a file cut short inside a packet is an error, never a silent end.
     */
    public boolean read(AVPacket packet) {
      PacketInfo info = readHeader();
      if (info == null) {
        return false;
      }
      int size = info.size();
      if (buffer.length < size) {
        buffer = new byte[Math.max(size, buffer.length * 2)];
      }
      try {
        in.readFully(buffer, 0, size);
      } catch (IOException e) {
        throw new UncheckedIOException("truncated packet file " + file, e);
      }
      av_packet_unref(packet);
      FFmpegException.check("av_new_packet()", av_new_packet(packet, size));
      if (size > 0) {
        packet.data().put(buffer, 0, size);
      }
      packet.pts(info.pts()).dts(info.dts()).duration(info.duration());
      packet.flags(info.key() ? org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY : 0);
      return true;
    }

    /**
     * Reads the next packet's timestamps and size and skips its payload (cheap: the file is seeked, not
     * read). Returns null at the end of the stream.
     */
    public PacketInfo skip() {
      PacketInfo info = readHeader();
      if (info != null) {
        try {
          in.skipNBytes(info.size());
        } catch (IOException e) {
          throw new UncheckedIOException("truncated packet file " + file, e);
        }
      }
      return info;
    }

    /** The next packet's header, or null at a clean end of the stream (no partial header). */
    private PacketInfo readHeader() {
      long pts;
      try {
        pts = in.readLong();
      } catch (EOFException end) {
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      try {
        long dts = in.readLong();
        long duration = in.readLong();
        int flags = in.readInt();
        int size = in.readInt();
        if (size < 0) {
          throw new IOException("negative packet size");
        }
        return new PacketInfo(pts, dts, duration, (flags & FLAG_KEY) != 0, size);
      } catch (IOException e) {
        throw new UncheckedIOException("truncated packet file " + file, e);
      }
    }

    /** Frees the codec parameters and closes the file; safe to call twice. */
    @Override
    public void close() {
      if (parameters != null) {
        avcodec_parameters_free(parameters);
        parameters = null;
      }
      closeQuietly(in);
      in = null;
      timeBase.close();
    }
  }

  /** One packet's header, as {@link Reader#skip()} returns it. */
  public record PacketInfo(long pts, long dts, long duration, boolean key, int size) {}

  /** {@code parameters} in this file format's serialized form; equal arrays mean equal parameters. */
  public static byte[] serializeParameters(AVCodecParameters parameters) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeParameters(out, parameters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void closeQuietly(java.io.Closeable stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException ignored) {
      // nothing written through it is lost: readers, or a writer already failing
    }
  }

  private static void writeParameters(DataOutputStream out, AVCodecParameters p) throws IOException {
    out.writeInt(p.codec_type());
    out.writeInt(p.codec_id());
    out.writeInt(p.codec_tag());
    int extradataSize = p.extradata() == null ? 0 : p.extradata_size();
    out.writeInt(extradataSize);
    if (extradataSize > 0) {
      byte[] extradata = new byte[extradataSize];
      p.extradata().get(extradata);
      out.write(extradata);
    }
    out.writeInt(p.format());
    out.writeLong(p.bit_rate());
    out.writeInt(p.bits_per_coded_sample());
    out.writeInt(p.bits_per_raw_sample());
    out.writeInt(p.profile());
    out.writeInt(p.level());
    out.writeInt(p.width());
    out.writeInt(p.height());
    out.writeInt(p.sample_aspect_ratio().num());
    out.writeInt(p.sample_aspect_ratio().den());
    out.writeInt(p.framerate().num());
    out.writeInt(p.framerate().den());
    out.writeInt(p.field_order());
    out.writeInt(p.color_range());
    out.writeInt(p.color_primaries());
    out.writeInt(p.color_trc());
    out.writeInt(p.color_space());
    out.writeInt(p.chroma_location());
    out.writeInt(p.video_delay());
    out.writeInt(p.ch_layout().nb_channels());
    out.writeLong(p.ch_layout().u_mask());
    out.writeInt(p.sample_rate());
    out.writeInt(p.block_align());
    out.writeInt(p.frame_size());
    out.writeInt(p.initial_padding());
    out.writeInt(p.trailing_padding());
    out.writeInt(p.seek_preroll());
  }

  private static void readParameters(DataInputStream in, AVCodecParameters p) throws IOException {
    p.codec_type(in.readInt());
    p.codec_id(in.readInt());
    p.codec_tag(in.readInt());
    int extradataSize = in.readInt();
    if (extradataSize < 0 || extradataSize > (1 << 20)) {
      throw new IOException("bad extradata size " + extradataSize);
    }
    if (extradataSize > 0) {
      byte[] extradata = new byte[extradataSize];
      in.readFully(extradata);
      org.bytedeco.javacpp.Pointer allocated = av_mallocz(extradataSize + AV_INPUT_BUFFER_PADDING_SIZE);
      if (allocated == null || allocated.isNull()) {
        throw new OutOfMemoryError("av_mallocz(" + extradataSize + ")");
      }
      BytePointer memory = new BytePointer(allocated);
      memory.put(extradata, 0, extradataSize);
      // codecpar owns the allocation now: avcodec_parameters_free() releases it.
      p.extradata(memory).extradata_size(extradataSize);
    }
    p.format(in.readInt());
    p.bit_rate(in.readLong());
    p.bits_per_coded_sample(in.readInt());
    p.bits_per_raw_sample(in.readInt());
    p.profile(in.readInt());
    p.level(in.readInt());
    p.width(in.readInt());
    p.height(in.readInt());
    p.sample_aspect_ratio().num(in.readInt()).den(in.readInt());
    p.framerate().num(in.readInt()).den(in.readInt());
    p.field_order(in.readInt());
    p.color_range(in.readInt());
    p.color_primaries(in.readInt());
    p.color_trc(in.readInt());
    p.color_space(in.readInt());
    p.chroma_location(in.readInt());
    p.video_delay(in.readInt());
    int channels = in.readInt();
    long mask = in.readLong();
    av_channel_layout_uninit(p.ch_layout());
    if (channels > 0) {
      if (mask != 0) {
        FFmpegException.check("av_channel_layout_from_mask()", av_channel_layout_from_mask(p.ch_layout(), mask));
      } else {
        av_channel_layout_default(p.ch_layout(), channels);
      }
    }
    p.sample_rate(in.readInt());
    p.block_align(in.readInt());
    p.frame_size(in.readInt());
    p.initial_padding(in.readInt());
    p.trailing_padding(in.readInt());
    p.seek_preroll(in.readInt());
  }
}
