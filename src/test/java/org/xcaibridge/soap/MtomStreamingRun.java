package org.xcaibridge.soap;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An MTOM message of generated attachments, streamed end to end on one context: generated sources →
 * {@link MtomWriter} → an in-memory pipe with a bounded queue that re-cuts the bytes into random chunk sizes →
 * {@link MtomStreamReader} → one hashing sink per attachment (a slow one). Nothing holds an attachment: the
 * bytes are generated, hashed and dropped as they pass. Used by the unit test and by the bench.
 */
final class MtomStreamingRun {
  static final int CHUNK = 64 * 1024;

  /** Source and sink digests per attachment, bytes carried, and the pipe's peak queue. */
  record Result(List<String> sourceSha256, List<String> sinkSha256, List<String> contentIds, long bodyBytes,
      long peakPipeQueue, int sinkWritesWhileFull) {}

  private MtomStreamingRun() {}

  static Result run(MtomVertxSupport vx, int attachments, long bytesPerAttachment, long seed) throws Exception {
    List<MtomTestStreams.GeneratedBytes> generated = new ArrayList<>();
    List<MtomAttachment> outgoing = new ArrayList<>();
    StringBuilder envelope = new StringBuilder("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>");
    for (int i = 0; i < attachments; i++) {
      MtomTestStreams.GeneratedBytes g = new MtomTestStreams.GeneratedBytes(bytesPerAttachment, seed + i, CHUNK);
      generated.add(g);
      String cid = "1.2.826.0.1." + i + "@xcaibridge";
      outgoing.add(new MtomAttachment(cid, "application/dicom", new MtomTestStreams.Source(vx.context, g)));
      envelope.append("<Document><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"")
          .append(MtomWriter.hrefOf(cid)).append("\"/></Document>");
    }
    envelope.append("</s:Body></s:Envelope>");
    MtomWriter writer = MtomWriter.create("urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse",
        new SplittableRandom(seed));
    MtomTestStreams.Pipe pipe = new MtomTestStreams.Pipe(vx.context, 256 * 1024, seed, 2 * CHUNK);
    List<Future<String>> sinks = new ArrayList<>();
    List<String> contentIds = new ArrayList<>();
    List<MtomTestStreams.HashingSink> sinkStreams = new ArrayList<>();
    MtomStreamReader[] reader = new MtomStreamReader[1];
    Future<?>[] written = new Future<?>[1];
    vx.run(() -> {
      written[0] = writer.write(Buffer.buffer(envelope.toString()), outgoing, pipe);
      reader[0] = MtomStreamReader.read(pipe.readSide(), writer.contentType(), MtomLimits.DEFAULT, a -> {
        MtomTestStreams.HashingSink sink = new MtomTestStreams.HashingSink(vx.context, 7);
        sinkStreams.add(sink);
        contentIds.add(a.contentId());
        a.body().pipeTo(sink);
        sinks.add(sink.sha256());
      });
    });
    vx.await(() -> Future.all(reader[0].end(), written[0]).map(v -> null));
    Buffer root = vx.await(() -> reader[0].root());
    if (!root.toString().equals(envelope.toString())) {
      throw new AssertionError("root part differs from the envelope written");
    }
    List<String> sinkHashes = new ArrayList<>();
    for (Future<String> f : sinks) {
      sinkHashes.add(vx.await(() -> f));
    }
    List<String> sourceHashes = generated.stream().map(MtomTestStreams.GeneratedBytes::sha256).toList();
    int whileFull = sinkStreams.stream().mapToInt(s -> s.writesWhileFull).sum();
    return new Result(sourceHashes, sinkHashes, contentIds, pipe.readSide().emittedBytes, pipe.peakQueued, whileFull);
  }
}
