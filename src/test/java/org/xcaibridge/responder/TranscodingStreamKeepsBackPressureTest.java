package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.await;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.DicomParseException;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.UnsupportedTranscodingException;

/**
 * {@link TranscodingStream} gives the bytes the blocking {@link DicomWriter#transcode} gives for the same input,
 * and keeps back-pressure: a consumer that pauses after every chunk and resumes a few turns later never lets the
 * source run more than one chunk ahead. Input that is not DICOM, or compressed pixel data asked for uncompressed,
 * fails the stream through its exception handler — the latter before a byte is handed on.
 */
class TranscodingStreamKeepsBackPressureTest {
  private static final int CHUNK = 8 * 1024;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void sameBytesAsTheBlockingTranscoderWithAPausingConsumer() throws Exception {
    SyntheticStudies gen = new SyntheticStudies(new Random(7), Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"),
        ZoneOffset.UTC));
    SyntheticStudies.Study study = gen.ctChestAbdomen(gen.patient(), 1);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    SyntheticStudies.write(file, study, study.series().get(0), 0);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DicomWriter.transcode(new ByteArrayInputStream(file.toByteArray()), expected,
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    Context context = vertx.getOrCreateContext();
    StepSource source = new StepSource(context, file.toByteArray());
    Promise<Buffer> done = Promise.promise();
    long[] maxAhead = {0};

    context.runOnContext(v -> {
      TranscodingStream out = new TranscodingStream(source, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
      Buffer all = Buffer.buffer();
      out.exceptionHandler(done::tryFail);
      out.endHandler(x -> done.tryComplete(all));
      out.handler(chunk -> {
        all.appendBuffer(chunk);
        out.pause();
        long atPause = source.emitted;
        afterTurns(context, 5, () -> {
          maxAhead[0] = Math.max(maxAhead[0], source.emitted - atPause);
          out.resume();
        });
      });
    });

    assertThat(await(done.future()).getBytes()).isEqualTo(expected.toByteArray());
    assertThat(maxAhead[0]).as("source bytes read while the consumer was paused").isLessThanOrEqualTo(CHUNK);
  }

  @Test
  void notDicomFailsTheStream() throws Exception {
    byte[] noise = new byte[40_000];
    new Random(3).nextBytes(noise);
    // read as a bare dataset, noise has no file meta, or breaks the parser: either way a typed dicom failure
    assertThat(failureOf(noise, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOfAny(DicomParseException.class, UnsupportedTranscodingException.class);
  }

  @Test
  void compressedPixelDataIsNotDecoded() throws Exception {
    byte[] jpeg = Files.readAllBytes(Fixtures.sharedDicom().resolve("compressed/SC_8bit_jpeg_baseline_dcmtk.dcm"));
    assertThat(failureOf(jpeg, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(UnsupportedTranscodingException.class);
  }

  /** How the stream fails; it must hand on nothing first. */
  private Throwable failureOf(byte[] input, TransferSyntax target) throws Exception {
    Context context = vertx.getOrCreateContext();
    Promise<Throwable> failed = Promise.promise();
    long[] handedOn = {0};
    context.runOnContext(v -> {
      TranscodingStream out = new TranscodingStream(new StepSource(context, input), target);
      out.exceptionHandler(failed::tryComplete);
      out.endHandler(x -> failed.tryFail("ended without failing"));
      out.handler(chunk -> handedOn[0] += chunk.length());
    });
    Throwable t = await(failed.future());
    assertThat(handedOn[0]).isZero();
    return t;
  }

  private static void afterTurns(Context context, int turns, Runnable then) {
    context.runOnContext(v -> {
      if (turns == 0) {
        then.run();
      } else {
        afterTurns(context, turns - 1, then);
      }
    });
  }

  /** One chunk per turn of its context while there is demand, counting what it emitted. */
  private static final class StepSource implements ReadStream<Buffer> {
    private final Context context;
    private final byte[] bytes;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private boolean paused;
    private boolean scheduled;
    private boolean ended;
    long emitted;

    StepSource(Context context, byte[] bytes) {
      this.context = context;
      this.bytes = bytes;
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
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      paused = false;
      schedule();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return amount > 0 ? resume() : this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      endHandler = h;
      return this;
    }

    private void schedule() {
      if (scheduled || paused || handler == null || ended) {
        return;
      }
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        if (paused || handler == null) {
          return;
        }
        if (emitted == bytes.length) {
          ended = true;
          endHandler.handle(null);
          return;
        }
        int n = (int) Math.min(CHUNK, bytes.length - emitted);
        Buffer chunk = Buffer.buffer().appendBytes(bytes, (int) emitted, n);
        emitted += n;
        handler.handle(chunk);
        schedule();
      });
    }
  }
}
