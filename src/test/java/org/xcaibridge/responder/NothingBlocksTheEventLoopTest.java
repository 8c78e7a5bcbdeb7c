package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.xcaibridge.bench.ArchiveIndexBench;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.responder.ImageArchive.SeriesRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * Driven from an event loop, a folder archive of 4,000 files — a cold start, a restart, rescans, every query,
 * manifests and streamed instances — does its blocking work on workers: the assertions where that work starts
 * ({@link Workers}) hold, and the blocked-thread checker stays quiet at Vert.x's default limit of 2 s (a tighter
 * limit misfires on a loaded machine: the checker itself is then scheduled late).
 */
class NothingBlocksTheEventLoopTest {
  private static final long LIMIT_MS = 2000;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(50)
      .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS).setMaxEventLoopExecuteTime(LIMIT_MS)
      .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS).setWarningExceptionTime(LIMIT_MS)
      .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger checker = (Logger) LoggerFactory.getLogger("io.vertx.core.impl.BlockedThreadChecker");

  @BeforeEach
  void captureLog() {
    log.start();
    checker.addAppender(log);
  }

  @AfterEach
  void close() throws Exception {
    checker.detachAppender(log);
    await(vertx.close());
  }

  @Test
  void checkerStaysQuiet(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("images");
    ArchiveIndexBench.write(folder, 4000);
    Context loop = vertx.getOrCreateContext();
    for (int round = 0; round < 2; round++) { // a cold start, then a restart from the stored index
      Promise<Integer> done = Promise.promise();
      loop.runOnContext(v -> FolderArchive.start(vertx, options(folder, dir.resolve("var"), Duration.ofMillis(100)))
          .compose(a -> a.verified().compose(r -> exercise(a)).eventually(a::close))
          .onComplete(done));
      assertThat(await(done.future())).isEqualTo(4000);
    }
    assertThat(Files.list(dir.resolve("var"))).isNotEmpty();
    assertThat(log.list).extracting(e -> e.getFormattedMessage() + where(e)).isEmpty();
  }

  @Test
  void blockingWorkOnAnEventLoopIsCaught(@TempDir Path dir) throws Exception {
    Promise<Object> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        p.complete(FolderScanner.scan(dir, java.util.Map.of(), java.util.Set.of(), new java.util.HashSet<>()));
      } catch (Throwable e) {
        p.fail(e);
      }
    });
    assertThat(failure(p.future())).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("walking a folder must run on a worker, not on event loop");
  }

  /** The top of the blocked thread's stack, which the checker logs with its warning. */
  private static String where(ILoggingEvent e) {
    if (e.getThrowableProxy() == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    var frames = e.getThrowableProxy().getStackTraceElementProxyArray();
    for (int i = 0; i < Math.min(60, frames.length); i++) {
      b.append("\n  at ").append(frames[i].getSTEAsString());
    }
    return b.toString();
  }

  /** Every query, a manifest and a streamed instance per study; gives the number of instances met. */
  private static Future<Integer> exercise(FolderArchive a) {
    return a.rescan().compose(r -> a.findPatients(new ImageArchive.DemographicQuery("Doe", null, null, null, List.of())))
        .compose(m -> a.patients()).compose(patients -> {
          List<Future<Integer>> perPatient = new ArrayList<>();
          for (PatientRecord p : patients) {
            perPatient.add(a.studies(p.id(), p.issuer()).compose(studies -> {
              List<Future<Integer>> perStudy = new ArrayList<>();
              for (StudyRecord st : studies) {
                perStudy.add(a.manifest(st.studyInstanceUid()).compose(kos -> a.series(st.studyInstanceUid()))
                    .compose(series -> countAndStreamFirst(a, st, series)));
              }
              return Future.all(perStudy).map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
            }));
          }
          return Future.all(perPatient).map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
        });
  }

  private static Future<Integer> countAndStreamFirst(FolderArchive a, StudyRecord st, List<SeriesRecord> series) {
    List<Future<Integer>> counts = new ArrayList<>();
    for (SeriesRecord se : series) {
      counts.add(a.instances(st.studyInstanceUid(), se.seriesInstanceUid()).compose(list ->
          a.findInstances(list.stream().map(ImageArchive.InstanceRecord::sopInstanceUid).toList())
              .compose(found -> a.open(list.get(0)))
              .compose(s -> collect(s.body()))
              .map(bytes -> list.size())));
    }
    return Future.all(counts).map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
  }
}
