package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.gateway.GatewayHarness;

/**
 * The transfer syntax learnt from the first bytes of a Part 10 stream (a pure piece): for every file of the shared
 * corpus, handed over in 7-byte chunks, in 64 KiB chunks and in one, it is the one pydicom reads from the file's meta
 * information (none for a file without it), and the stream handed on gives back every byte of the file; a first
 * chunk that holds the meta information is handed on as it is, not copied.
 */
class Part10PeekReadsTheSyntaxTest {
  private static final GatewayHarness HARNESS = new GatewayHarness();

  @AfterAll
  static void stop() throws Exception {
    HARNESS.close();
  }

  @Test
  void everyFileOfTheCorpus() throws Exception {
    ExternalTools.requirePydicom();
    List<Path> files = Fixtures.files(Fixtures.sharedDicom());
    StringBuilder in = new StringBuilder();
    files.forEach(f -> in.append(f).append('\n'));
    String script = String.join("\n", "import sys, pydicom",
        "for line in sys.stdin:",
        "  ds = pydicom.dcmread(line.strip(), force=True, stop_before_pixels=True)",
        "  meta = getattr(ds, 'file_meta', None)",
        "  print(str(meta.TransferSyntaxUID) if meta is not None and 'TransferSyntaxUID' in meta else '-')");
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", script),
        in.toString().getBytes(StandardCharsets.UTF_8), 120);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String[] expected = r.out().split("\n");
    assertThat(expected).hasSameSizeAs(files.toArray());
    for (int i = 0; i < files.size(); i++) {
      byte[] bytes = Files.readAllBytes(files.get(i));
      String want = expected[i].strip().equals("-") ? null : expected[i].strip();
      for (int size : new int[] {7, 64 << 10, Math.max(1, bytes.length)}) {
        Chunks[] chunks = {null};
        Object[] got = HARNESS.await(() -> {
          Promise<Object[]> p = Promise.promise();
          chunks[0] = new Chunks(bytes, size); // on the context, as a stream is
          Part10Peek.peek(chunks[0]).onSuccess(peeked -> {
            Buffer all = Buffer.buffer();
            Buffer[] first = {null};
            peeked.body().handler(b -> {
              if (first[0] == null) {
                first[0] = b;
              }
              all.appendBuffer(b);
            });
            peeked.body().exceptionHandler(p::tryFail);
            peeked.body().endHandler(v -> p.tryComplete(new Object[] {peeked.transferSyntaxUid(), all.getBytes(),
                first[0]}));
          }).onFailure(p::tryFail);
          return p.future();
        });
        assertThat((String) got[0]).as("%s in chunks of %d", files.get(i), size).isEqualTo(want);
        assertThat((byte[]) got[1]).as("%s replayed in chunks of %d", files.get(i), size).isEqualTo(bytes);
        if (want != null && size >= 64 << 10) {
          assertThat(got[2]).as("%s: the first chunk handed on", files.get(i)).isSameAs(chunks[0].first);
        }
      }
    }
  }

  /** Bytes as a stream of small chunks, with flow control. */
  private static final class Chunks implements ReadStream<Buffer> {
    private final byte[] bytes;
    private final int size;
    private final io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
    private int at;
    private Buffer first;
    private long demand = Long.MAX_VALUE;
    private Handler<Buffer> handler;
    private Handler<Void> end;
    private boolean scheduled;

    Chunks(byte[] bytes, int size) {
      this.bytes = bytes;
      this.size = size;
    }

    private void schedule() {
      if (!scheduled) {
        scheduled = true;
        ctx.runOnContext(v -> {
          scheduled = false;
          pump();
        });
      }
    }

    private void pump() {
      while (handler != null && demand > 0 && at < bytes.length) {
        int n = Math.min(size, bytes.length - at);
        Buffer b = Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, at + n));
        if (at == 0) {
          first = b;
        }
        at += n;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(b);
      }
      if (at >= bytes.length && end != null && handler != null) {
        Handler<Void> e = end;
        end = null;
        e.handle(null);
      }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      handler = h;
      schedule();
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      demand = 0;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      schedule();
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      end = h;
      schedule();
      return this;
    }
  }

}
