package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.studies.StudySettings;

/**
 * Streaming proven by causality, not by a clock: a cold WADO-RS study retrieval goes through a relay that holds
 * the responder's RAD-75 answer {@value #HELD_AT} bytes into its first attachment (a CT slice of about half a
 * megabyte). While it is held, the viewer must already have the first part's headers and the start of its body —
 * the Part 10 preamble and {@code DICM} — and those bytes must be the file's own. A bridge that waited for a whole
 * instance (or study) before answering would have nothing to send: the viewer's read would never see them, and the
 * test fails on its timeout. Then the relay lets go and every instance arrives byte for byte.
 */
class FirstPartLeavesBeforeTheFirstAttachmentEndsTest {
  private static final int HELD_AT = 64 * 1024;
  private static final String ACCEPT = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
  @TempDir
  Path temp;
  private BridgeRig rig;
  private GatedRelay relay;

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
  void theViewerHasTheFirstInstancesBytesWhileTheRestOfItIsHeldUpstream() throws Exception {
    SyntheticStudies gen = new SyntheticStudies(new Random(11), Clock.systemUTC());
    SyntheticStudies.Study study = gen.ctHead(gen.patient(), 12);
    Path folder = temp.resolve("study");
    Files.createDirectories(folder);
    SyntheticSeries series = study.series().get(0);
    for (int i = 0; i < series.instanceCount(); i++) {
      try (OutputStream out = Files.newOutputStream(folder.resolve(String.format("%03d.dcm", i)))) {
        SyntheticStudies.write(out, study, series, i);
      }
    }
    Corpus files = Corpus.of(folder);
    long smallest = files.bySop.values().stream().mapToLong(l -> l.get(0).path().toFile().length()).min().orElseThrow();
    assertThat(smallest).as("each instance is far larger than what the relay lets through").isGreaterThan(4L * HELD_AT);

    rig = new BridgeRig(temp);
    rig.community("Gated community", 306, folder, CommunitySettings.DEFAULT, Duration.ofSeconds(20), port -> {
      try {
        relay = GatedRelay.start(rig.responderVertx, port);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return relay.base();
    });
    rig.startBridge(StudySettings.DEFAULT.withPrefetchConcurrency(0));
    String patient = files.patients().iterator().next();
    assertThat(rig.get("/studies?PatientID=" + patient, "Accept", "application/dicom+json").statusCode()).isEqualTo(200);
    String st = study.studyInstanceUid();
    for (String sop : files.instances(st, null)) {
      assertThat(rig.store.summary(new InstanceKey(st, files.first(sop).series(), sop))).as("cold: %s", sop).isEmpty();
    }
    int before = relay.requests();
    relay.arm(HELD_AT);

    HttpResponse<InputStream> answer = rig.http.send(HttpRequest.newBuilder(URI.create(rig.base + "/studies/" + st))
        .header("Accept", ACCEPT).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(answer.statusCode()).isEqualTo(200);
    String boundary = MultipartBody.boundary(answer.headers().firstValue("Content-Type").orElseThrow());
    InputStream body = answer.body();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    // read until the first part's body holds its preamble and DICM; a buffering bridge never gets there
    int firstBody = CompletableFuture.supplyAsync(() -> readFirstPartStart(body, got, boundary))
        .get(30, TimeUnit.SECONDS);

    // the viewer may have read these bytes before the relay even reached its hold point (they came in one piece
    // before the rest of the attachment was sent); either way the attachment is held before it ends
    assertThat(relay.held().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .as("the relay holds the first attachment").isPositive();
    assertThat(relay.requests()).as("one RAD-75 for the study, and it is the held one").isEqualTo(before + 1);
    byte[] bytes = got.toByteArray();
    byte[] start = Arrays.copyOfRange(bytes, firstBody, bytes.length);
    assertThat(new String(bytes, 0, firstBody, StandardCharsets.ISO_8859_1)).contains("Content-Location");
    assertThat(start.length).as("the viewer has no more of the instance than the relay let through")
        .isLessThanOrEqualTo(HELD_AT);
    assertThat(matchingFile(files, start)).as("the first part's bytes so far begin one of the study's files")
        .isNotNull();

    relay.release();
    byte[] rest = CompletableFuture.supplyAsync(() -> readAll(body)).get(60, TimeUnit.SECONDS);
    got.write(rest);
    List<MultipartBody.Part> parts = MultipartBody.parse(answer.headers().firstValue("Content-Type").orElseThrow(),
        got.toByteArray());
    assertThat(parts).hasSize(files.bySop.size());
    for (MultipartBody.Part p : parts) {
      String loc = p.header("Content-Location");
      assertThat(files.shas(loc.substring(loc.lastIndexOf('/') + 1))).contains(Corpus.sha256(p.body()));
    }
  }

  /**
   * Reads until the first part's header block has ended and 132 bytes of its body (preamble and DICM) are in;
   * returns where that body begins in {@code got}.
   */
  private static int readFirstPartStart(InputStream in, ByteArrayOutputStream got, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    byte[] headersEnd = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[8192];
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        got.write(chunk, 0, n);
        byte[] all = got.toByteArray();
        int d = MultipartBody.indexOf(all, delimiter, 0);
        int h = d < 0 ? -1 : MultipartBody.indexOf(all, headersEnd, d);
        if (h >= 0 && all.length >= h + 4 + 132) {
          int bodyAt = h + 4;
          assertThat(new String(all, bodyAt + 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
          return bodyAt;
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("the answer ended before its first part began");
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file whose first bytes are {@code start} (trailing bytes of a later part are not expected here). */
  private static byte[] matchingFile(Corpus files, byte[] start) throws Exception {
    for (List<Corpus.File> l : files.bySop.values()) {
      byte[] f = Files.readAllBytes(l.get(0).path());
      if (f.length >= start.length && Arrays.equals(f, 0, start.length, start, 0, start.length)) {
        return f;
      }
    }
    return null;
  }
}
