package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.TcpProxy;
import org.xcaibridge.studies.StudySettings;

/**
 * The community's connection drops halfway through a study retrieval (a relay in front of the responder passes on
 * the first 5 MB of the RAD-75 answer, then resets): the viewer, which already had the first instances while they
 * arrived, sees a broken answer — the body has no closing delimiter — and the cache holds only complete instances,
 * each byte for byte the file. Once the community is reachable again, the same request gives the whole study.
 */
class CutMidStudyTest {
  private static final long CUT_AT = 5L << 20;
  @TempDir
  Path temp;
  private BridgeRig rig;
  private TcpProxy relay;
  private volatile boolean cut = true;

  @AfterEach
  void stop() throws Exception {
    if (relay != null) {
      relay.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theViewerSeesTheBreakAndTheCacheKeepsOnlyWholeInstances() throws Exception {
    SyntheticStudies gen = new SyntheticStudies(new Random(7), Clock.systemUTC());
    SyntheticStudies.Study study = gen.ctHead(gen.patient(), 20); // 20 slices of about 0.5 MB
    Path folder = temp.resolve("study");
    Files.createDirectories(folder);
    SyntheticSeries series = study.series().get(0);
    for (int i = 0; i < series.instanceCount(); i++) {
      try (OutputStream out = Files.newOutputStream(folder.resolve(String.format("%03d.dcm", i)))) {
        SyntheticStudies.write(out, study, series, i);
      }
    }
    Corpus files = Corpus.of(folder);
    rig = new BridgeRig(temp);
    rig.community("Cut community", 304, folder, CommunitySettings.DEFAULT, Duration.ofSeconds(20), port -> {
      try {
        relay = TcpProxy.start(rig.responderVertx, port, n -> cut ? TcpProxy.Plan.resetAfterAnswerBytes(CUT_AT)
            : TcpProxy.Plan.FORWARD);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return relay.base("");
    });
    rig.startBridge(StudySettings.DEFAULT.withPrefetchConcurrency(0));
    String patient = files.patients().iterator().next();
    assertThat(rig.get("/studies?PatientID=" + patient, "Accept", "application/dicom+json").statusCode()).isEqualTo(200);
    String st = study.studyInstanceUid();
    String url = rig.base + "/studies/" + st;
    String accept = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

    Received broken = read(url, accept);
    assertThat(broken.status()).isEqualTo(200);
    assertThat(broken.bytes().length).as("instances reached the viewer before the break").isGreaterThan(1 << 20);
    assertThat(endsWithClosingDelimiter(broken)).as("a cut answer must not end as a whole one").isFalse();

    int cached = 0;
    for (String sop : files.instances(st, null)) {
      Corpus.File f = files.first(sop);
      InstanceKey key = new InstanceKey(st, f.series(), sop);
      if (rig.store.summary(key).isPresent()) {
        assertThat(Corpus.sha256(cachedBytes(key))).as("cached %s", sop).isEqualTo(f.sha256());
        cached++;
      }
    }
    assertThat(cached).as("instances complete before the cut are kept, the one cut is not").isBetween(1,
        files.bySop.size() - 1);

    cut = false;
    Received whole = read(url, accept);
    assertThat(whole.status()).isEqualTo(200);
    List<MultipartBody.Part> parts = MultipartBody.parse(whole.contentType(), whole.bytes());
    assertThat(parts).hasSize(files.bySop.size());
    for (MultipartBody.Part p : parts) {
      String location = p.header("Content-Location");
      assertThat(files.shas(location.substring(location.lastIndexOf('/') + 1))).contains(Corpus.sha256(p.body()));
    }
  }

  record Received(int status, String contentType, byte[] bytes, IOException failure) {}

  /** Reads the answer as far as it goes: to its end, or to the break. */
  private Received read(String url, String accept) throws Exception {
    HttpResponse<InputStream> r = rig.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    IOException failure = null;
    try (InputStream in = r.body()) {
      byte[] chunk = new byte[65536];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        got.write(chunk, 0, n);
      }
    } catch (IOException e) {
      failure = e;
    }
    return new Received(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), got.toByteArray(), failure);
  }

  private static boolean endsWithClosingDelimiter(Received r) {
    String close = "--" + MultipartBody.boundary(r.contentType()) + "--\r\n";
    String tail = new String(r.bytes(), Math.max(0, r.bytes().length - close.length()), Math.min(close.length(),
        r.bytes().length), StandardCharsets.US_ASCII);
    return tail.equals(close);
  }

  /** The cached Part 10 bytes of an instance, read through the store on the bridge's event loop. */
  private byte[] cachedBytes(InstanceKey key) throws Exception {
    Promise<byte[]> done = Promise.promise();
    rig.bridgeVertx.runOnContext(v -> rig.store.get(key).onFailure(done::fail).onSuccess(s -> {
      Buffer all = Buffer.buffer();
      s.orElseThrow().exceptionHandler(done::tryFail);
      s.get().endHandler(x -> done.tryComplete(all.getBytes()));
      s.get().handler(all::appendBuffer);
    }));
    return BridgeRig.await(done.future());
  }
}
