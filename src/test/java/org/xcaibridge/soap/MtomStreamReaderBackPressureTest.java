package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure runs from an attachment's consumer to the body's source: pausing the attachment pauses the
 * source and nothing more arrives; {@code fetch(1)} lets exactly one chunk through; an attachment kept aside
 * without a handler holds the source until it is piped, and loses nothing.
 */
class MtomStreamReaderBackPressureTest {
  private final MtomVertxSupport vx = new MtomVertxSupport();

  @AfterEach
  void close() throws Exception {
    vx.close();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void pausingTheAttachmentPausesTheSource() throws Exception {
    byte[] doc = random(2 << 20, 3);
    byte[] body = MtomVertxSupport.mtomBody("<Envelope/>", doc);
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(body, 65536));
    MessageDigest digest = MtomTestStreams.newSha256();
    long[] received = {0};
    boolean[] ended = {false};
    List<ReadStream<Buffer>> streams = new ArrayList<>();
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, MtomVertxSupport.CONTENT_TYPE, MtomLimits.DEFAULT, a -> {
      ReadStream<Buffer> s = a.body();
      streams.add(s);
      s.endHandler(v -> ended[0] = true);
      s.handler(b -> {
        digest.update(b.getBytes());
        received[0] += b.length();
        if (received[0] >= 256 * 1024 && streams.size() == 1) {
          streams.add(null); // pause once
          s.pause();
        }
      });
    }));
    vx.until(() -> streams.size() == 2);
    assertThat(source.isPaused()).isTrue();
    long receivedWhenPaused = received[0];
    long emittedWhenPaused = source.emittedBytes;
    vx.turns(50); // the source emits one chunk per turn while it flows
    assertThat(received[0]).isEqualTo(receivedWhenPaused);
    assertThat(source.emittedBytes).isEqualTo(emittedWhenPaused);

    vx.run(() -> streams.get(0).fetch(1));
    vx.turns(50);
    assertThat(received[0] - receivedWhenPaused).isBetween(1L, 65536L);
    assertThat(source.isPaused()).isTrue();
    assertThat(source.emittedBytes - emittedWhenPaused).isLessThanOrEqualTo(65536L);

    vx.run(() -> streams.get(0).resume());
    vx.await(() -> reader[0].end());
    assertThat(ended[0]).isTrue();
    assertThat(received[0]).isEqualTo(doc.length);
    assertThat(digest.digest()).isEqualTo(MtomTestStreams.newSha256().digest(doc));
    assertThat(vx.await(() -> reader[0].root()).toString(StandardCharsets.UTF_8)).isEqualTo("<Envelope/>");
  }

  @Test
  void attachmentKeptAsideHoldsTheSourceAndLosesNothing() throws Exception {
    byte[] first = random(300_000, 4);
    byte[] second = random(500_000, 5);
    byte[] body = MtomVertxSupport.mtomBody("<Envelope/>", first, second);
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(body, 8192));
    List<MtomAttachment> kept = new ArrayList<>();
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, MtomVertxSupport.CONTENT_TYPE, MtomLimits.DEFAULT,
        kept::add));
    vx.until(() -> kept.size() == 1 && source.isPaused());
    long emitted = source.emittedBytes;
    vx.turns(50);
    assertThat(source.emittedBytes).isEqualTo(emitted);
    assertThat(emitted).isLessThan(body.length);

    List<String> hashes = new ArrayList<>();
    MtomTestStreams.HashingSink sink1 = new MtomTestStreams.HashingSink(vx.context, 2);
    vx.run(() -> kept.get(0).body().pipeTo(sink1));
    hashes.add(vx.await(sink1::sha256));
    vx.until(() -> kept.size() == 2);
    MtomTestStreams.HashingSink sink2 = new MtomTestStreams.HashingSink(vx.context, 5);
    vx.run(() -> kept.get(1).body().pipeTo(sink2));
    hashes.add(vx.await(sink2::sha256));
    vx.await(() -> reader[0].end());

    assertThat(kept).extracting(MtomAttachment::contentId).containsExactly("a0@x", "a1@x");
    assertThat(kept).extracting(MtomAttachment::contentType).containsOnly("application/dicom");
    assertThat(hashes).containsExactly(MtomTestStreams.hex(MtomTestStreams.newSha256().digest(first)),
        MtomTestStreams.hex(MtomTestStreams.newSha256().digest(second)));
    assertThat(sink1.writesWhileFull + sink2.writesWhileFull).isZero();
  }

  @Test
  void oneByteChunksAndPlainSoapGoThrough() throws Exception {
    MtomFixtures.WireCapture nist = MtomFixtures.nistMtomCapture();
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(nist.body(), 1));
    List<String> texts = new ArrayList<>();
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, nist.contentType(), MtomLimits.DEFAULT,
        a -> a.body().collect(java.util.stream.Collectors.reducing(Buffer.buffer(), Buffer::appendBuffer))
            .onSuccess(b -> texts.add(a.contentId() + " " + a.contentType() + " " + b.length()))));
    vx.await(() -> reader[0].end());
    String root = vx.await(() -> reader[0].root()).toString(StandardCharsets.UTF_8);
    assertThat(root).startsWith("<?xml").endsWith("</soapenv:Envelope>");
    assertThat(texts).containsExactly("1.urn:uuid:3D4B161591CD1DEC0C1286850962319@apache.org text/plain "
        + MultipartRecorder.parse(MultipartContentType.parse(nist.contentType()).boundary(), nist.body(),
            MtomLimits.DEFAULT).parts.get(1).body().length);

    byte[] soap = "<Envelope><Body>plain</Body></Envelope>".getBytes(StandardCharsets.UTF_8);
    MtomTestStreams.Source plain = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(soap, 5));
    vx.run(() -> reader[0] = MtomStreamReader.read(plain, "application/soap+xml; charset=UTF-8", MtomLimits.DEFAULT,
        a -> texts.add("unexpected")));
    assertThat(vx.await(() -> reader[0].root()).getBytes()).isEqualTo(soap);
    vx.await(() -> reader[0].end());
    assertThat(texts).hasSize(1);
  }
}
