package org.xcaibridge.soap;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A plain SOAP body with generated inline base64 documents, streamed on one context: the body is generated as
 * it is read (envelope text, then each document's bytes base64-encoded chunk by chunk) → {@link MtomStreamReader}
 * with {@code Document} named binary → one slow hashing sink per document. Nothing holds a document. Used by
 * the bench.
 */
final class InlineStreamingRun {
  private InlineStreamingRun() {}

  /** Produces the body: head, then per document an open tag, its base64 text and a close tag, then the tail. */
  private static final class Body implements MtomTestStreams.Producer {
    private final List<MtomTestStreams.GeneratedBytes> documents;
    private final String[] texts;
    private int doc = -1; // -1: head not sent
    private byte[] carry = new byte[0];
    long bytes;

    Body(List<MtomTestStreams.GeneratedBytes> documents) {
      this.documents = documents;
      String env = InlineBase64Bodies.envelope(documents.stream().map(d -> new byte[0]).toList(), b -> "\u0000");
      this.texts = env.split("\u0000", -1); // the envelope around each document's text
    }

    @Override
    public Buffer next() {
      Buffer b = produce();
      if (b != null) {
        bytes += b.length();
      }
      return b;
    }

    private Buffer produce() {
      if (doc == -1) {
        doc = 0;
        return text(texts[0]);
      }
      if (doc >= documents.size()) {
        return null;
      }
      Buffer raw = documents.get(doc).next();
      if (raw != null) {
        byte[] in = concat(carry, raw.getBytes());
        int whole = in.length / 3 * 3;
        carry = Arrays.copyOfRange(in, whole, in.length);
        return Buffer.buffer(Base64.getEncoder().encode(Arrays.copyOf(in, whole)));
      }
      byte[] last = Base64.getEncoder().encode(carry);
      carry = new byte[0];
      doc++;
      return Buffer.buffer(last).appendString(texts[doc]);
    }

    private static Buffer text(String s) {
      return Buffer.buffer(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] c = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, c, a.length, b.length);
      return c;
    }
  }

  static MtomStreamingRun.Result run(MtomVertxSupport vx, int documents, long bytesPerDocument, long seed)
      throws Exception {
    List<MtomTestStreams.GeneratedBytes> generated = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      generated.add(new MtomTestStreams.GeneratedBytes(bytesPerDocument, seed + i, MtomStreamingRun.CHUNK));
    }
    Body body = new Body(generated);
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, body);
    MtomLimits limits = new MtomLimits(64 << 10, documents + 1, 1024, bytesPerDocument);
    List<Future<String>> sinks = new ArrayList<>();
    List<String> contentIds = new ArrayList<>();
    List<MtomTestStreams.HashingSink> sinkStreams = new ArrayList<>();
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, InlineBase64Bodies.CONTENT_TYPE, limits,
        Set.of(InlineBase64Bodies.DOCUMENT), a -> {
          MtomTestStreams.HashingSink sink = new MtomTestStreams.HashingSink(vx.context, 7);
          sinkStreams.add(sink);
          contentIds.add(a.contentId());
          a.body().pipeTo(sink);
          sinks.add(sink.sha256());
        }));
    vx.await(() -> reader[0].end());
    List<String> sinkHashes = new ArrayList<>();
    for (Future<String> f : sinks) {
      sinkHashes.add(vx.await(() -> f));
    }
    List<String> sourceHashes = generated.stream().map(MtomTestStreams.GeneratedBytes::sha256).toList();
    int whileFull = sinkStreams.stream().mapToInt(s -> s.writesWhileFull).sum();
    return new MtomStreamingRun.Result(sourceHashes, sinkHashes, contentIds, body.bytes, 0, whileFull);
  }
}
