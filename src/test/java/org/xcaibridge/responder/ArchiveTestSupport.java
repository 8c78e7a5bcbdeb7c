package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.responder.ImageArchive.SeriesRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/** What the archive tests share: waiting for futures and conditions, fixtures, the pydicom oracle. */
final class ArchiveTestSupport {
  private ArchiveTestSupport() {}

  static final ManifestSettings MANIFESTS = new ManifestSettings("1.3.6.1.4.1.21367.13.80.110", "XCAI_TEST");

  static Path studySets() {
    return Fixtures.sharedDicom().resolve("study-sets");
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  /** The failure of a future that must fail. */
  static Throwable failure(Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the future to fail");
  }

  /** Polls a condition until it holds, failing after {@code bound}. */
  static void waitFor(String what, Duration bound, BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new TimeoutException("gave up after " + bound.toMillis() + " ms waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  static FolderArchive.Options options(Path folder, Path workDir, Duration rescan) {
    return new FolderArchive.Options(folder, workDir, MANIFESTS, rescan);
  }

  /** Reads a stream to its end into memory (test files are small). */
  static Future<Buffer> collect(ReadStream<Buffer> body) {
    io.vertx.core.Promise<Buffer> p = io.vertx.core.Promise.promise();
    Buffer all = Buffer.buffer();
    body.exceptionHandler(p::tryFail);
    body.endHandler(v -> p.tryComplete(all));
    body.handler(all::appendBuffer);
    return p.future();
  }

  /** What pydicom finds under a folder, in the shape {@link #tree} gives. */
  static JsonObject pydicomTree(Path folder) throws Exception {
    ExternalTools.requirePydicom();
    Path script = Path.of(ArchiveTestSupport.class.getResource("archive_tree.py").toURI());
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, script.toString(), folder.toString()), null, 120);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return new JsonObject(r.out());
  }

  /** Everything an archive holds, walked through its interface, as archive_tree.py prints it. */
  static JsonObject tree(ImageArchive a) throws Exception {
    JsonArray patients = new JsonArray();
    List<JsonObject> studies = new ArrayList<>();
    List<JsonObject> series = new ArrayList<>();
    List<JsonObject> instances = new ArrayList<>();
    for (PatientRecord p : await(a.patients())) {
      patients.add(new JsonObject().put("id", p.id()).put("issuer", p.issuer()).put("name", p.name())
          .put("birthDate", p.birthDate()).put("sex", p.sex()));
      for (StudyRecord st : await(a.studies(p.id(), p.issuer()))) {
        assertThat(st.patient().id()).isEqualTo(p.id());
        assertThat(st.patient().issuer()).isEqualTo(p.issuer());
        studies.add(new JsonObject().put("uid", st.studyInstanceUid()).put("patientId", p.id())
            .put("patientName", st.patient().name()).put("birthDate", st.patient().birthDate())
            .put("sex", st.patient().sex()).put("date", st.date())
            .put("time", st.time()).put("accession", st.accessionNumber()).put("description", st.description())
            .put("referring", st.referringPhysicianName()).put("studyId", st.studyId())
            .put("modalities", new JsonArray(st.modalities()))
            .put("series", st.numberOfSeries()).put("instances", st.numberOfInstances()));
        for (SeriesRecord se : await(a.series(st.studyInstanceUid()))) {
          series.add(new JsonObject().put("study", se.studyInstanceUid()).put("uid", se.seriesInstanceUid())
              .put("modality", se.modality()).put("number", se.number()).put("description", se.description())
              .put("date", se.date()).put("time", se.time()).put("sopClasses", new JsonArray(se.sopClassUids()))
              .put("instances", se.numberOfInstances()));
          for (InstanceRecord i : await(a.instances(st.studyInstanceUid(), se.seriesInstanceUid()))) {
            instances.add(new JsonObject().put("study", i.studyInstanceUid()).put("series", i.seriesInstanceUid())
                .put("sopClass", i.sopClassUid()).put("uid", i.sopInstanceUid()).put("number", i.instanceNumber())
                .put("ts", i.transferSyntaxUid()).put("size", i.size()));
          }
        }
      }
    }
    studies.sort(Comparator.comparing(o -> o.getString("uid")));
    series.sort(Comparator.comparing((JsonObject o) -> o.getString("study")).thenComparing(o -> o.getString("uid")));
    instances.sort(Comparator.comparing(o -> o.getString("uid")));
    return new JsonObject().put("patients", patients).put("studies", new JsonArray(new ArrayList<>(studies)))
        .put("series", new JsonArray(new ArrayList<>(series))).put("instances", new JsonArray(new ArrayList<>(instances)));
  }
}
