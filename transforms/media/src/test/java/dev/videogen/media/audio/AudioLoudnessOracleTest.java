package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.codec.PacketFile;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.plan.PlannedAudio;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.Ebur128;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loudness normalisation checked by an independent oracle: a compilation of a quiet track (about -30 LUFS,
 * with clicks far above its level) and a loud one (about -8 LUFS, peaks near full scale), planned with
 * {@code loudness: {}} and a crossfade, encoded to AAC, and read back by the bundled ffmpeg program's
 * {@code ebur128=peak=true}: integrated within ±1 LU of -14 LUFS, true peak at most -1 dBTP.
 */
class AudioLoudnessOracleTest {
  @TempDir Path dir;
  private Path quiet;
  private Path loud;

  @BeforeEach
  void tracks() {
    // Quiet: 44.1 kHz mono, a 500 Hz tone at -34 dBFS with a 2 ms click at about -12 dBFS every half second.
    quiet = wav(dir.resolve("quiet.wav"), 44_100, 1, 44_100 * 12, (i, c) -> {
      double tone = 0.02 * Math.sin(2 * Math.PI * 500 * i / 44_100);
      double click = i % 22_050 < 88 ? 0.25 * Math.sin(2 * Math.PI * 3000 * i / 44_100) : 0;
      return (int) Math.round((tone + click) * 32767);
    });
    // Loud: 48 kHz stereo, 1 kHz + 3 kHz tones near -8 LUFS, peaking at about -0.5 dBFS every second.
    loud = wav(dir.resolve("loud.wav"), 48_000, 2, 48_000 * 12, (i, c) -> {
      double t = i / 48_000.0;
      double tones = 0.33 * Math.sin(2 * Math.PI * 1000 * t + c) + 0.2 * Math.sin(2 * Math.PI * 3000 * t);
      double burst = i % 48_000 < 480 ? 0.4 * Math.sin(2 * Math.PI * 5000 * t) : 0;
      return (int) Math.round((tones + burst) * 32767);
    });
  }

  @Test
  void meterAgreesWithEbur128OnTheSources() {
    double quietOurs = LoudnessNormaliser.probe("quiet.wav", quiet, -14, -1).loudness();
    double loudOurs = LoudnessNormaliser.probe("loud.wav", loud, -14, -1).loudness();
    Ebur128.Reading quietTheirs = Ebur128.measure(quiet);
    Ebur128.Reading loudTheirs = Ebur128.measure(loud);
    System.out.printf("sources: quiet ours %.2f ebur128 %.1f LUFS (%.1f dBTP); loud ours %.2f ebur128 %.1f LUFS"
        + " (%.1f dBTP)%n", quietOurs, quietTheirs.integrated(), quietTheirs.truePeak(), loudOurs,
        loudTheirs.integrated(), loudTheirs.truePeak());

    // ebur128 prints one decimal; the mono file is played (and measured) on both channels, as ffmpeg's
    // filter counts a mono input once: +3.01 LU for ours.
    assertEquals(quietTheirs.integrated() + 3.01, quietOurs, 0.15);
    assertEquals(loudTheirs.integrated(), loudOurs, 0.15);
    assertTrue(quietOurs < -25 && loudOurs > -10, "a quiet and a loud track: " + quietOurs + ", " + loudOurs);
  }

  @Test
  void makeupBringsTheLimitedQuietTrackToTheTarget() {
    AudioTrackInfo quietInfo = LoudnessNormaliser.probe("quiet.wav", quiet, -14, -1);
    AudioTrackInfo loudInfo = LoudnessNormaliser.probe("loud.wav", loud, -14, -1);
    double ceiling = -1 - AudioTrackEncoder.CODEC_HEADROOM_DB;

    // Lifted by the plain gain, the clicks hit the limiter and the track comes out short of the target ...
    double plain = LoudnessNormaliser.limitedLoudness("quiet.wav", quiet, -14 - quietInfo.loudness(), ceiling);
    assertTrue(plain < -14.5, "limited without makeup " + plain);
    // ... the makeup found by the normaliser brings it there; the loud track, turned down, needs none.
    assertTrue(quietInfo.makeup() > 0);
    assertEquals(-14, LoudnessNormaliser.limitedLoudness("quiet.wav", quiet,
        -14 - quietInfo.loudness() + quietInfo.makeup(), ceiling), LoudnessNormaliser.TOLERANCE_LU);
    assertEquals(0, loudInfo.makeup());
    assertEquals(new AudioTrackInfo(44_100, 1, 44_100 * 12L), new AudioTrackInfo(quietInfo.sampleRate(),
        quietInfo.channels(), quietInfo.samples()));
  }

  @Test
  void normalisedCompilationMeetsTheTargetAndCeiling() throws IOException {
    JobSpec spec = JobSpecParser.parse("""
        {"id":"mix","output":"o.mp4","audio":[{"uri":"quiet.wav"},{"uri":"loud.wav"},{"uri":"quiet.wav"}],
         "audioCrossfade":2,"loudness":{},"slides":[{"image":"a.png"}]}""", dir.toString());
    List<AudioTrackInfo> infos = List.of(LoudnessNormaliser.probe("quiet.wav", quiet, -14, -1),
        LoudnessNormaliser.probe("loud.wav", loud, -14, -1), LoudnessNormaliser.probe("quiet.wav", quiet, -14, -1));
    JobPlan plan = JobPlanner.plan(spec, Map.of(dir.resolve("a.png").toString(),
        new ImageInfo(ImageFormat.PNG, 64, 36, 1)), infos, "");
    // 3 × 12 s less two 2 s overlaps.
    assertEquals(32 * 48_000, plan.audioSamples());
    List<AudioClip> clips = new ArrayList<>();
    for (PlannedAudio track : plan.audio()) {
      clips.add(new AudioClip(track.uri(), Path.of(track.uri()), 0, 0, track.crossfadeSamples(), track.gain(),
          track.info().samplesAt(48_000)));
    }
    Path packets = dir.resolve("mix.vgp");
    AudioTrackEncoder.encode(clips, plan.audioSamples(), OptionalDouble.of(-1), packets);
    Path adts = writeAdts(packets, dir.resolve("mix.aac"));

    Ebur128.Reading reading = Ebur128.measure(adts);
    System.out.printf("makeup %.2f dB; normalised compilation (gains %.2f, %.2f dB): ebur128 %.1f LUFS, true peak %.1f dBTP%n",
        infos.get(0).makeup(), 20 * Math.log10(clips.get(0).gain()), 20 * Math.log10(clips.get(1).gain()), reading.integrated(),
        reading.truePeak());
    assertEquals(-14, reading.integrated(), 1.0);
    assertTrue(reading.truePeak() <= -1.0, "true peak " + reading.truePeak());
  }

  /** The packet file's AAC frames as an ADTS stream (7-byte headers: LC, 48 kHz, stereo), which ffmpeg reads. */
  static Path writeAdts(Path packetFile, Path adts) throws IOException {
    AVPacket packet = org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc();
    try (PacketFile.Reader reader = new PacketFile.Reader(packetFile); OutputStream out = Files.newOutputStream(adts)) {
      while (reader.read(packet)) {
        byte[] data = new byte[packet.size()];
        packet.data().get(data);
        org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(packet);
        int length = data.length + 7;
        out.write(new byte[] {(byte) 0xFF, (byte) 0xF1, (byte) ((1 << 6) | (3 << 2)), (byte) ((2 << 6) | (length >> 11)),
            (byte) (length >> 3), (byte) (((length & 7) << 5) | 0x1F), (byte) 0xFC});
        out.write(data);
      }
    } finally {
      org.bytedeco.ffmpeg.global.avcodec.av_packet_free(packet);
    }
    return adts;
  }
}
