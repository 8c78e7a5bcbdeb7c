package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * The attachments of a RAD-75 answer open their instances one ahead: the next instance is asked of the archive as
 * soon as the current one is open (so its opening overlaps the current bytes instead of stalling the answer between
 * attachments), never two ahead; and when the answer is released — sent, ended or broken off — an instance opened
 * ahead and never read is closed as well as the one being read.
 */
class InstancesAreOpenedOneAheadTest {
  private static final String ELE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

  @Test
  void theNextInstanceIsOpenedOnceTheCurrentIsOpenAndNoFurther() {
    Archive archive = new Archive();
    List<InstanceBody> bodies = chain(archive, 4);

    bodies.get(0).handler(b -> { });
    assertThat(archive.asked()).containsExactly("1");
    archive.complete("1");
    assertThat(archive.asked()).as("the second asked for once the first is open").containsExactly("1", "2");
    archive.complete("2");
    assertThat(archive.asked()).as("not two ahead").containsExactly("1", "2");

    archive.opened.get("1").source.end(); // the first attachment is read to its end
    bodies.get(1).handler(b -> { });
    assertThat(archive.opened.get("2").source.handler).as("the second flows on its turn, already open").isNotNull();
    assertThat(archive.asked()).containsExactly("1", "2", "3");

    bodies.forEach(InstanceBody::release);
    archive.complete("3");
    assertThat(archive.opened.get("1").cancelled).as("read to its end: nothing to close").isFalse();
    assertThat(archive.opened.get("2").cancelled).as("being read").isTrue();
    assertThat(archive.opened.get("3").cancelled).as("opened ahead, never read").isTrue();
    assertThat(archive.asked()).doesNotContain("4");
  }

  @Test
  void anAnswerBrokenOffBeforeItsFirstInstanceOpenedClosesWhatOpensLate() {
    Archive archive = new Archive();
    List<InstanceBody> bodies = chain(archive, 2);
    bodies.get(0).handler(b -> { });
    bodies.forEach(InstanceBody::release);
    archive.complete("1");
    assertThat(archive.opened.get("1").cancelled).isTrue();
    assertThat(archive.asked()).containsExactly("1");
  }

  private static List<InstanceBody> chain(Archive archive, int n) {
    List<InstanceBody> bodies = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      InstanceBody b = new InstanceBody(archive, record(Integer.toString(i)), List.of(ELE));
      if (!bodies.isEmpty()) {
        bodies.get(bodies.size() - 1).followedBy(b);
      }
      bodies.add(b);
    }
    return bodies;
  }

  private static ImageArchive.InstanceRecord record(String sop) {
    return new ImageArchive.InstanceRecord("1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.2", sop, 1, ELE, 10);
  }

  /** An archive whose opens complete when the test says so. */
  private static final class Archive implements ImageArchive {
    final Map<String, Promise<InstanceStream>> asked = new LinkedHashMap<>();
    final Map<String, Opened> opened = new LinkedHashMap<>();

    List<String> asked() {
      return List.copyOf(asked.keySet());
    }

    void complete(String sop) {
      Opened o = new Opened(record(sop));
      opened.put(sop, o);
      asked.get(sop).complete(o);
    }

    @Override
    public Future<InstanceStream> open(InstanceRecord instance) {
      Promise<InstanceStream> p = Promise.promise();
      asked.put(instance.sopInstanceUid(), p);
      return p.future();
    }

    @Override
    public Future<List<PatientRecord>> patients() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<PatientMatch>> findPatients(DemographicQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<StudyRecord>> studies(String patientId, String issuerOfPatientId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<StudyRecord> study(String studyInstanceUid) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<SeriesRecord>> series(String studyInstanceUid) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<InstanceRecord>> instances(String studyInstanceUid, String seriesInstanceUid) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Map<String, InstanceRecord>> findInstances(Collection<String> sopInstanceUids) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<KosDocument> manifest(String studyInstanceUid) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<KosDocument> manifestByDocumentId(String documentUniqueId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private static final class Opened implements ImageArchive.InstanceStream {
    final ImageArchive.InstanceRecord record;
    final Source source = new Source();
    boolean cancelled;

    Opened(ImageArchive.InstanceRecord record) {
      this.record = record;
    }

    @Override
    public ImageArchive.InstanceRecord instance() {
      return record;
    }

    @Override
    public TransferSyntax transferSyntax() {
      return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }

    @Override
    public long size() {
      return 10;
    }

    @Override
    public ReadStream<Buffer> body() {
      return source;
    }

    @Override
    public Future<Void> cancel() {
      cancelled = true;
      return Future.succeededFuture();
    }
  }

  /** A body that only records its handlers; the test ends it. */
  private static final class Source implements ReadStream<Buffer> {
    Handler<Buffer> handler;
    Handler<Void> end;

    void end() {
      end.handle(null);
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      handler = h;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      end = h;
      return this;
    }
  }
}
