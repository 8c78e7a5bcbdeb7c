package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 64 MiB MTOM body with 4 generated attachments goes writer → pipe (random chunk sizes) → reader → slow
 * hashing sinks with every SHA-256 equal to its source's, in order, and back-pressure held along the way (the
 * pipe's queue stays near its bound; no sink is written while full). The 1 GiB heap figure is in
 * {@code bench/mtom-streaming.sh}.
 */
class MtomStreamingKeepsEveryHashTest {
  private final MtomVertxSupport vx = new MtomVertxSupport();

  @AfterEach
  void close() throws Exception {
    vx.close();
  }

  @Test
  void fourAttachmentsOf16MiBArriveIntact() throws Exception {
    MtomStreamingRun.Result r = MtomStreamingRun.run(vx, 4, 16L << 20, 2024);

    assertThat(r.sinkSha256()).hasSize(4).containsExactlyElementsOf(r.sourceSha256());
    assertThat(r.sourceSha256()).doesNotHaveDuplicates();
    assertThat(r.contentIds()).containsExactly("1.2.826.0.1.0@xcaibridge", "1.2.826.0.1.1@xcaibridge",
        "1.2.826.0.1.2@xcaibridge", "1.2.826.0.1.3@xcaibridge");
    assertThat(r.bodyBytes()).isGreaterThan(64L << 20);
    assertThat(r.peakPipeQueue()).isLessThanOrEqualTo(256 * 1024 + MtomStreamingRun.CHUNK);
    assertThat(r.sinkWritesWhileFull()).isZero();
  }
}
