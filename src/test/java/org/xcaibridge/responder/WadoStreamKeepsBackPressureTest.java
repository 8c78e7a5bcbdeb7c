package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.InstanceStream;

/**
 * A WADO-RS answer of 64 MiB streams through the DICOMweb archive with back-pressure down to the socket: while
 * the consumer is paused the origin's writes stall with a bounded amount in flight, and after resuming every byte
 * arrives intact. The transfer syntax is read from the part's file meta before the body is handed over; an
 * answer cut short fails the stream, a part that is not DICOM fails the open, and a second part is dropped.
 */
class WadoStreamKeepsBackPressureTest {
  private static final long PIXEL_BYTES = 64L << 20;
  private static final int CHUNK = 64 * 1024;
  private static final String BOUNDARY = "wado-test-boundary";
  private static final InstanceRecord RECORD = new InstanceRecord("1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.7",
      "1.2.3.4.5", 1, null, -1);

  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong written = new AtomicLong();
  private final AtomicBoolean stalled = new AtomicBoolean();
  private HttpServer server;
  private DicomWebArchive archive;
  private String mode = "whole";
  private volatile long headerLength;

  @BeforeEach
  void origin() throws Exception {
    server = await(vertx.createHttpServer().requestHandler(req -> answer(req.response())).listen(0, "127.0.0.1"));
    archive = DicomWebArchive.create(vertx, DicomWebArchive.Options.of(
        URI.create("http://127.0.0.1:" + server.actualPort() + "/dicom-web"), MANIFESTS));
  }

  @AfterEach
  void close() throws Exception {
    await(archive.close());
    await(server.close());
    await(vertx.close());
  }

  @Test
  void pausedConsumerStallsTheOrigin() throws Exception {
    InstanceStream s = await(archive.open(RECORD));
    assertThat(s.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    ReadStream<Buffer> body = s.body();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    AtomicLong received = new AtomicLong();
    Promise<Void> ended = Promise.promise();
    AtomicBoolean paused = new AtomicBoolean();
    vertx.runOnContext(v -> {
      body.exceptionHandler(ended::tryFail);
      body.endHandler(x -> ended.tryComplete());
      body.handler(b -> {
        sha.update(b.getBytes());
        if (received.addAndGet(b.length()) > 4 << 20 && paused.compareAndSet(false, true)) {
          body.pause();
        }
      });
    });
    waitFor("the origin to stall on a full write queue", Duration.ofSeconds(30), () -> paused.get() && stalled.get());
    long inFlight = written.get() - received.get();
    assertThat(inFlight).as("bytes written by the origin but not taken by the consumer").isLessThan(24L << 20);
    vertx.runOnContext(v -> body.resume());
    await(ended.future());
    assertThat(received.get()).isEqualTo(header().length + PIXEL_BYTES);
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    expected.update(header());
    Random r = new Random(1);
    byte[] chunk = new byte[CHUNK];
    for (long n = 0; n < PIXEL_BYTES; n += CHUNK) {
      r.nextBytes(chunk);
      expected.update(chunk);
    }
    assertThat(sha.digest()).isEqualTo(expected.digest());
  }

  @Test
  void answerCutShortFailsTheStream() throws Exception {
    mode = "cut";
    InstanceStream s = await(archive.open(RECORD));
    Throwable e = failure(collect(s.body()));
    assertThat(e).isInstanceOf(ArchiveException.class);
  }

  @Test
  void partThatIsNotDicomFailsTheOpen() throws Exception {
    mode = "text";
    assertThat(failure(archive.open(RECORD))).isInstanceOf(ArchiveDataException.class)
        .hasMessageContaining("no DICM prefix");
  }

  @Test
  void onlyTheFirstPartIsTheInstance() throws Exception {
    mode = "two";
    InstanceStream s = await(archive.open(RECORD));
    byte[] got = await(collect(s.body())).getBytes();
    assertThat(got.length).isEqualTo(header().length + 1000);
    assertThat(java.util.Arrays.copyOf(got, header().length)).isEqualTo(header());
  }

  /**
   * A Part 10 header in Implicit VR Little Endian (not the default a reader would assume) whose last element
   * starts 64 MiB (in "two" mode, 1000 bytes) of pixel data.
   */
  private byte[] header() throws Exception {
    Dataset ds = new Dataset();
    ds.putString(Tag.SOPClassUID, VR.UI, RECORD.sopClassUid());
    ds.putString(Tag.SOPInstanceUID, VR.UI, RECORD.sopInstanceUid());
    ds.putString(Tag.StudyInstanceUID, VR.UI, RECORD.studyInstanceUid());
    ds.putString(Tag.SeriesInstanceUID, VR.UI, RECORD.seriesInstanceUid());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DicomWriter.writeFile(out, ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    long len = mode.equals("two") ? 1000 : PIXEL_BYTES;
    out.write(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, // (7FE0,0010) in Implicit VR: tag, 32-bit length
        (byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)});
    return out.toByteArray();
  }

  private void answer(HttpServerResponse resp) {
    try {
      resp.setChunked(true).putHeader("Content-Type",
          "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY);
      String partHeader = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n";
      if (mode.equals("text")) {
        resp.end(partHeader + "this is no DICOM file, but long enough to be read as a data element\r\n--" + BOUNDARY + "--\r\n");
        return;
      }
      resp.write(partHeader);
      byte[] header = header();
      headerLength = header.length;
      resp.write(Buffer.buffer(header));
      if (mode.equals("two")) {
        resp.write(Buffer.buffer(new byte[1000]));
        resp.end("\r\n" + partHeader + "second part\r\n--" + BOUNDARY + "--\r\n");
        return;
      }
      Random r = new Random(1);
      long limit = mode.equals("cut") ? PIXEL_BYTES / 8 : PIXEL_BYTES;
      pump(resp, r, 0, limit);
    } catch (Exception e) {
      resp.reset();
    }
  }

  /** Writes the pixel data while the connection takes it, then waits for drain: the origin's back-pressure. */
  private void pump(HttpServerResponse resp, Random r, long sent, long limit) {
    byte[] chunk = new byte[CHUNK];
    while (sent < limit) {
      if (resp.writeQueueFull()) {
        stalled.set(true);
        long at = sent;
        resp.drainHandler(v -> {
          stalled.set(false);
          pump(resp, r, at, limit);
        });
        return;
      }
      r.nextBytes(chunk);
      resp.write(Buffer.buffer(chunk));
      sent += CHUNK;
      written.set(headerLength + sent);
    }
    if (mode.equals("cut")) {
      resp.reset(); // the origin goes away in the middle of the instance
    } else {
      resp.end("\r\n--" + BOUNDARY + "--\r\n");
    }
  }

}
