package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A body whose chunks are direct memory (as the gateway reads RAD-75 answers) reads to the same attachments as heap
 * chunks, whatever the chunk sizes (delimiters split across chunks included), with most content handed on as slices of
 * that memory; once the consumer has released what it was given, every chunk's memory is freed, also when the body is
 * cut mid-attachment.
 */
class MtomStreamReaderTakesDirectChunksTest {
  private final MtomVertxSupport vx = new MtomVertxSupport();
  private final UnpooledByteBufAllocator memory = new UnpooledByteBufAllocator(true, true);

  @AfterEach
  void close() throws Exception {
    vx.close();
  }

  /** Chunks of {@code body} in direct memory, of random sizes from 1 byte to 64 KiB (fixed seed). */
  private MtomTestStreams.Producer direct(byte[] body, Exception failAtEnd) {
    Random random = new Random(17);
    int[] pos = {0};
    return () -> {
      if (pos[0] >= body.length) {
        if (failAtEnd != null) {
          throw failAtEnd;
        }
        return null;
      }
      int n = Math.min(random.nextInt(3) == 0 ? 1 + random.nextInt(40) : 1 + random.nextInt(64 << 10),
          body.length - pos[0]);
      Buffer b = BufferInternal.buffer(memory.directBuffer(n).writeBytes(body, pos[0], n));
      pos[0] += n;
      return b;
    };
  }

  private List<Object> read(MtomTestStreams.Producer producer, int[] directPieces) throws Exception {
    List<Object> got = new ArrayList<>();
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(new MtomTestStreams.Source(vx.context, producer),
        MtomVertxSupport.CONTENT_TYPE, MtomLimits.DEFAULT, a -> {
          ByteArrayOutputStream content = new ByteArrayOutputStream();
          a.body().handler(b -> {
            content.writeBytes(b.getBytes());
            directPieces[0] += DirectChunks.direct(b) != null ? 1 : 0;
            DirectChunks.release(b);
          });
          a.body().endHandler(v -> got.add(content.toByteArray()));
          a.body().exceptionHandler(got::add);
        }));
    try {
      vx.await(() -> reader[0].end());
    } catch (java.util.concurrent.ExecutionException failed) {
      got.add(failed.getCause());
    }
    return got;
  }

  @Test
  void directChunksReadToTheSameAttachmentsAndAreFreed() throws Exception {
    Random random = new Random(3);
    byte[][] attachments = {new byte[300_000], new byte[5], new byte[1 << 20], new byte[0]};
    for (byte[] a : attachments) {
      random.nextBytes(a);
    }
    byte[] body = MtomVertxSupport.mtomBody("<Envelope/>", attachments);
    int[] directPieces = {0};
    List<Object> got = read(direct(body, null), directPieces);
    assertThat(got).hasSize(attachments.length);
    for (int i = 0; i < attachments.length; i++) {
      assertThat((byte[]) got.get(i)).as("attachment %d", i).isEqualTo(attachments[i]);
    }
    assertThat(directPieces[0]).isGreaterThan(10);
    assertThat(memory.metric().usedDirectMemory()).isZero();
  }

  @Test
  void aBodyCutMidAttachmentFreesWhatArrived() throws Exception {
    byte[] whole = MtomVertxSupport.mtomBody("<Envelope/>", new byte[200_000], new byte[200_000]);
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 100_000);
    List<Object> got = read(direct(cut, new java.io.IOException("connection reset")), new int[1]);
    assertThat(got).hasSize(3); // the first attachment, the second's failure, the body's
    assertThat(got.get(1)).isInstanceOf(MultipartTruncatedException.class);
    assertThat(memory.metric().usedDirectMemory()).isZero();
  }
}
