package dev.videogen.media.audio;

import dev.videogen.media.audio.SegmentedAacEncoder.Input;
import dev.videogen.media.audio.SegmentedAacEncoder.Output;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The two files by which a segment of a track travels between workers: its <em>feed</em> (the samples its
 * encoder is given, float32 little-endian, left channel then right) and its <em>encoded</em> frames (the
 * packets it keeps, those just past its end and the samples at its start, for the seam check). Both start
 * with a magic number and the segment's place, which the reader checks against what it expects.
 */
final class AacSegmentFiles {
  private static final int FEED_MAGIC = 0x56474146; // "VGAF"
  private static final int ENCODED_MAGIC = 0x56474145; // "VGAE"
  private static final int FEED_HEADER = 4 + 4 + 8 + 8 + 8 + 4;

  private AacSegmentFiles() {}

  static void writeFeed(Input in, Path file) {
    int length = in.left().length;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer header = ByteBuffer.allocate(FEED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(FEED_MAGIC).putInt(in.index()).putLong(in.feedStart()).putLong(in.keepStart())
          .putLong(in.keepEnd()).putInt(length).flip();
      writeFully(channel, header);
      ByteBuffer samples = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] channelSamples : new float[][] {in.left(), in.right()}) {
        for (int offset = 0; offset < length; ) {
          int count = Math.min(samples.capacity() / Float.BYTES, length - offset);
          samples.clear();
          samples.asFloatBuffer().put(channelSamples, offset, count);
          samples.limit(count * Float.BYTES);
          writeFully(channel, samples);
          offset += count;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audio segment " + file, e);
    }
  }

  static Input readFeed(Path file, int expectedIndex) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(FEED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, header, file);
      header.flip();
      if (header.getInt() != FEED_MAGIC) {
        throw new IllegalStateException(file + " is not an audio segment's samples");
      }
      int index = header.getInt();
      long feedStart = header.getLong();
      long keepStart = header.getLong();
      long keepEnd = header.getLong();
      int length = header.getInt();
      if (index != expectedIndex || length < 0) {
        throw new IllegalStateException(file + " holds segment " + index + " (" + length + " samples), expected "
            + expectedIndex);
      }
      if (channel.size() != FEED_HEADER + 2L * length * Float.BYTES) {
        throw new IllegalStateException(file + " is " + channel.size() + " bytes, expected "
            + (FEED_HEADER + 2L * length * Float.BYTES));
      }
      float[] left = new float[length];
      float[] right = new float[length];
      ByteBuffer samples = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] channelSamples : new float[][] {left, right}) {
        for (int offset = 0; offset < length; ) {
          int count = Math.min(samples.capacity() / Float.BYTES, length - offset);
          samples.clear().limit(count * Float.BYTES);
          readFully(channel, samples, file);
          samples.flip();
          samples.asFloatBuffer().get(channelSamples, offset, count);
          offset += count;
        }
      }
      return new Input(index, feedStart, keepStart, keepEnd, left, right);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audio segment " + file, e);
    }
  }

  static void writeEncoded(Output out, Path file) {
    try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      data.writeInt(ENCODED_MAGIC);
      data.writeInt(out.index());
      writePackets(data, out.kept());
      writePackets(data, out.pastEnd());
      writeFloats(data, out.headLeft());
      writeFloats(data, out.headRight());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the encoded audio segment " + file, e);
    }
  }

  static Output readEncoded(Path file, int expectedIndex) {
    try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (data.readInt() != ENCODED_MAGIC) {
        throw new IllegalStateException(file + " is not an encoded audio segment");
      }
      int index = data.readInt();
      if (index != expectedIndex) {
        throw new IllegalStateException(file + " holds encoded segment " + index + ", expected " + expectedIndex);
      }
      List<AacPacket> kept = readPackets(data);
      List<AacPacket> pastEnd = readPackets(data);
      float[] headLeft = readFloats(data);
      float[] headRight = readFloats(data);
      if (data.read() != -1) {
        throw new IllegalStateException(file + " continues past its end");
      }
      return new Output(index, kept, pastEnd, headLeft, headRight);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the encoded audio segment " + file, e);
    }
  }

  private static void writePackets(DataOutputStream data, List<AacPacket> packets) throws IOException {
    data.writeInt(packets.size());
    for (AacPacket packet : packets) {
      data.writeLong(packet.pts());
      data.writeLong(packet.duration());
      data.writeBoolean(packet.key());
      data.writeInt(packet.data().length);
      data.write(packet.data());
    }
  }

  private static List<AacPacket> readPackets(DataInputStream data) throws IOException {
    int count = data.readInt();
    if (count < 0) {
      throw new IOException("negative packet count " + count);
    }
    List<AacPacket> packets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long pts = data.readLong();
      long duration = data.readLong();
      boolean key = data.readBoolean();
      int size = data.readInt();
      if (size < 0 || size > 1 << 20) {
        throw new IOException("bad packet size " + size);
      }
      byte[] bytes = new byte[size];
      data.readFully(bytes);
      packets.add(new AacPacket(pts, duration, key, bytes));
    }
    return packets;
  }

  private static void writeFloats(DataOutputStream data, float[] values) throws IOException {
    data.writeInt(values.length);
    for (float value : values) {
      data.writeFloat(value);
    }
  }

  private static float[] readFloats(DataInputStream data) throws IOException {
    int count = data.readInt();
    if (count < 0 || count > 1 << 20) {
      throw new IOException("bad sample count " + count);
    }
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = data.readFloat();
    }
    return values;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new IOException(file + " ends early");
      }
    }
  }
}
