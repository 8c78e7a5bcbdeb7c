package org.xcaibridge.responder;

import static org.xcaibridge.responder.ArchiveTestSupport.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.SeriesRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapHttpClient;
import org.xcaibridge.soap.SoapOutbound;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;

/**
 * Run in a child JVM with a small heap by {@link TwoGigabyteStudyStreamsWithFlatHeapTest}: serves the folder with
 * {@link RetrieveRig} (our RAD-75 service over a {@link FolderArchive}) on one Vert.x instance, and from another
 * retrieves every instance of every study with one RAD-75 request per study through {@link SoapHttpClient},
 * hashing each attachment as it streams and keeping nothing. A sampler thread forces a GC every 200 ms and
 * records the heap in use after it. Prints {@code sha256 SOP HEX} per instance, then
 * {@code baseline=… maxAfterGc=… bytes=… seconds=… samples=…}; exits 1 on any failure.
 *
 * <p>Usage: {@code LargeRetrieveProbe FOLDER}
 */
public final class LargeRetrieveProbe {
  private LargeRetrieveProbe() {}

  public static void main(String[] args) throws Exception {
    try {
      run(Path.of(args[0]));
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace(System.out);
      System.out.println("error " + t);
      System.exit(1);
    }
  }

  private static void run(Path folder) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (RetrieveRig rig = RetrieveRig.start(folder)) {
      Vertx client = Vertx.vertx();
      List<RetrieveImagingDocumentSetRequest> requests = requests(rig.archive);
      SoapHttpClient soap = new SoapHttpClient(client.createHttpClient(new HttpClientOptions()), MtomLimits.DEFAULT,
          new SecureRandom());
      System.gc();
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      AtomicLong maxAfterGc = new AtomicLong(baseline);
      AtomicLong samples = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          System.gc();
          maxAfterGc.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          samples.incrementAndGet();
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      AtomicLong bytes = new AtomicLong();
      Map<String, String> digests = new ConcurrentHashMap<>();
      for (RetrieveImagingDocumentSetRequest request : requests) {
        digests.putAll(await(Future.<Map<String, String>>future(p -> client.runOnContext(v ->
            retrieve(soap, rig.url("/xcai/rad75"), request, bytes).onComplete(p)))));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      sampler.interrupt();
      sampler.join();
      digests.forEach((sop, hex) -> System.out.println("sha256 " + sop + " " + hex));
      System.out.println("baseline=" + baseline + " maxAfterGc=" + maxAfterGc.get() + " bytes=" + bytes.get()
          + " seconds=" + String.format("%.1f", seconds) + " samples=" + samples.get());
      await(client.close());
    }
  }

  /** One request per study: every series, every instance, in archive order, Explicit VR Little Endian. */
  private static List<RetrieveImagingDocumentSetRequest> requests(ImageArchive archive) throws Exception {
    List<RetrieveImagingDocumentSetRequest> out = new ArrayList<>();
    for (ImageArchive.PatientRecord p : await(archive.patients())) {
      for (StudyRecord study : await(archive.studies(p.id(), null))) {
        List<SeriesRequest> series = new ArrayList<>();
        for (SeriesRecord s : await(archive.series(study.studyInstanceUid()))) {
          List<DocumentRequest> docs = new ArrayList<>();
          for (InstanceRecord i : await(archive.instances(study.studyInstanceUid(), s.seriesInstanceUid()))) {
            docs.add(new DocumentRequest(RetrieveRig.HOME, RetrieveRig.REPOSITORY, i.sopInstanceUid()));
          }
          series.add(new SeriesRequest(s.seriesInstanceUid(), docs));
        }
        out.add(new RetrieveImagingDocumentSetRequest(List.of(new StudyRequest(study.studyInstanceUid(), series)),
            List.of(RetrieveImagingDocumentSetRequest.EXPLICIT_VR_LITTLE_ENDIAN)));
      }
    }
    return out;
  }

  /** Sends one request; completes with the SHA-256 of each attachment by SOP Instance UID. */
  private static Future<Map<String, String>> retrieve(SoapHttpClient soap, String url,
      RetrieveImagingDocumentSetRequest request, AtomicLong bytes) {
    IheCodec codec = IheCodec.withDefaults();
    SoapWriter.Request written;
    try {
      written = new SoapWriter(UUID::randomUUID).request(IheTransaction.RAD_75.requestAction(), url,
          SecurityHeader.none(), w -> codec.write(w, request));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    Map<String, String> byContentId = new ConcurrentHashMap<>();
    List<Future<Void>> hashed = new ArrayList<>();
    return soap.post(new RequestOptions().setAbsoluteURI(url), SoapOutbound.plain(IheTransaction.RAD_75.requestAction(),
        Buffer.buffer(written.envelope())), a -> hashed.add(hash(a, byContentId, bytes)))
        .compose(response -> response.root().compose(root -> response.end().map(root)))
        .compose(root -> Future.join(hashed).map(root))
        .map(root -> {
          RetrieveDocumentSetResponse answer;
          try {
            answer = SoapReader.read(root.getBytes(), XmlLimits.DEFAULT,
                in -> {
                  try {
                    return codec.read(in, RetrieveDocumentSetResponse.class);
                  } catch (IheParseException e) {
                    throw new IllegalStateException(e);
                  }
                }).body();
          } catch (Exception e) {
            throw new IllegalStateException("the answer cannot be read", e);
          }
          if (!answer.errors().isEmpty()) {
            throw new IllegalStateException("the answer has errors: " + answer.errors());
          }
          Map<String, String> out = new LinkedHashMap<>();
          for (DocumentResponse d : answer.documents()) {
            String cid = ((DocumentContent.XopInclude) d.content()).contentId();
            out.put(d.documentUniqueId(), byContentId.get(cid));
          }
          return out;
        });
  }

  private static Future<Void> hash(MtomAttachment a, Map<String, String> byContentId, AtomicLong bytes) {
    MessageDigest sha = LargeStudy.sha256();
    Promise<Void> done = Promise.promise();
    a.body().exceptionHandler(done::tryFail);
    a.body().endHandler(v -> {
      byContentId.put(a.contentId(), HexFormat.of().formatHex(sha.digest()));
      done.tryComplete();
    });
    a.body().handler(chunk -> {
      sha.update(chunk.getBytes());
      bytes.addAndGet(chunk.length());
    });
    return done.future();
  }
}
