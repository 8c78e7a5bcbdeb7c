package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.InstanceStream;

/**
 * Opening an instance streams exactly the bytes of its file, with the stored transfer syntax and size; the
 * stream delivers only what its consumer asked for (fetch one chunk at a time); a cancelled stream can be
 * opened again; a file replaced after indexing is noticed before it is served.
 */
class StreamedInstanceIsTheFileTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void everyStudySetInstanceStreamsAsItsFile(@TempDir Path work) throws Exception {
    FolderArchive a = await(FolderArchive.start(vertx, options(studySets(), work, Duration.ZERO)));
    int checked = 0;
    try (var files = Files.walk(studySets())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String uid = org.xcaibridge.dicom.DicomReader.read(Files.readAllBytes(f),
            org.xcaibridge.dicom.ReadOptions.HEADERS).dataset().string(org.xcaibridge.dicom.Tag.SOPInstanceUID);
        InstanceRecord r = await(a.findInstances(List.of(uid))).get(uid);
        InstanceStream s = await(a.open(r));
        assertThat(s.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(s.size()).isEqualTo(Files.size(f));
        assertThat(await(collect(s.body())).getBytes()).isEqualTo(Files.readAllBytes(f));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(31);
    await(a.close());
  }

  @Test
  void deliversOnlyWhatIsFetched(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("images");
    Files.createDirectories(folder);
    SyntheticStudies gen = new SyntheticStudies(new Random(3), Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
    SyntheticStudies.Study ct = gen.ctChestAbdomen(gen.patient(), 2);
    Path file = folder.resolve("slice");
    try (OutputStream out = Files.newOutputStream(file)) {
      SyntheticStudies.write(out, ct, ct.series().get(0), 0);
    }
    FolderArchive a = await(FolderArchive.start(vertx, options(folder, dir.resolve("var"), Duration.ZERO)));
    InstanceRecord r = await(a.instances(ct.studyInstanceUid(), ct.series().get(0).header().seriesInstanceUid())).get(0);

    Context ctx = vertx.getOrCreateContext();
    Promise<Buffer> done = Promise.promise();
    AtomicLong overDelivered = new AtomicLong();
    ctx.runOnContext(v -> a.open(r).onFailure(done::fail).onSuccess(s -> {
      ReadStream<Buffer> body = s.body();
      Buffer all = Buffer.buffer();
      long[] demand = {0};
      body.pause();
      body.exceptionHandler(done::tryFail);
      body.endHandler(x -> done.tryComplete(all));
      body.handler(b -> {
        if (--demand[0] < 0) {
          overDelivered.incrementAndGet();
        }
        all.appendBuffer(b);
        ctx.runOnContext(y -> { // ask for the next chunk only after this one was handled
          demand[0]++;
          body.fetch(1);
        });
      });
      demand[0]++;
      body.fetch(1);
    }));
    Buffer got = await(done.future());
    assertThat(overDelivered.get()).isZero();
    assertThat(got.getBytes()).isEqualTo(Files.readAllBytes(file));
    assertThat(got.length()).isGreaterThan(8 * 64 * 1024); // many fetches were needed
    await(a.close());
  }

  @Test
  void cancelledStreamCanBeOpenedAgain(@TempDir Path work) throws Exception {
    FolderArchive a = await(FolderArchive.start(vertx, options(studySets(), work, Duration.ZERO)));
    String uid = "1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.93";
    InstanceRecord r = await(a.findInstances(List.of(uid))).get(uid);
    await(await(a.open(r)).cancel());
    byte[] again = await(collect(await(a.open(r)).body())).getBytes();
    assertThat(again).isEqualTo(Files.readAllBytes(studySets().resolve("77654033/CT2/17106")));
    await(a.close());
  }

  @Test
  void replacedFileIsNoticedBeforeItIsServed(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("images");
    copyTree(studySets().resolve("77654033/CR1"), folder.resolve("a"));
    copyTree(studySets().resolve("77654033/CR2"), folder.resolve("b"));
    FolderArchive a = await(FolderArchive.start(vertx, options(folder, dir.resolve("var"), Duration.ZERO)));
    String cr1 = "1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.11";
    String cr2 = "1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.7";
    Map<String, InstanceRecord> both = await(a.findInstances(List.of(cr1, cr2)));
    assertThat(both).hasSize(2);

    // a/6154 now holds a different image than the index read (CR3), with another size
    Files.copy(studySets().resolve("77654033/CR3/6278"), folder.resolve("a/6154"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Throwable e = failure(a.open(both.get(cr1)));
    assertThat(e).isInstanceOf(NotInArchiveException.class);
    assertThat(((NotInArchiveException) e).kind()).isEqualTo(NotInArchiveException.Kind.INSTANCE);
    // the pass that noticed it indexed what the folder now holds
    String cr3 = "1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.9";
    InstanceRecord now = await(a.findInstances(List.of(cr3))).get(cr3);
    assertThat(await(collect(await(a.open(now)).body())).getBytes())
        .isEqualTo(Files.readAllBytes(studySets().resolve("77654033/CR3/6278")));
    assertThat(await(collect(await(a.open(both.get(cr2))).body())).length()).isEqualTo((int) both.get(cr2).size());
    await(a.close());
  }
}
