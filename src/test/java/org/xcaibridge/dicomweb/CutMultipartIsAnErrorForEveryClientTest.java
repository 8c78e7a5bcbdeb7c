package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.ExternalTools;

/**
 * A retrieval whose third part breaks halfway (the community drops the connection mid-study): the body
 * never gets its closing delimiter nor the last chunk of the chunked encoding, the connection is closed,
 * and so neither the JS dicomweb-client nor Python takes the first parts for the whole study. The broken
 * source is cancelled, and the server answers the next request whole.
 */
class CutMultipartIsAnErrorForEveryClientTest {
  private WadoRig rig;

  @BeforeEach
  void start() throws Exception {
    rig = new WadoRig(CorsSettings.NONE);
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  void onTheWireTheBodyStopsWithoutClosingDelimiterAndTheConnectionCloses() throws Exception {
    String path = "/cut/studies/" + rig.study + "/series/" + rig.series;
    byte[] raw;
    try (Socket s = new Socket("127.0.0.1", rig.server.actualPort())) {
      s.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: multipart/related; "
          + "type=\"application/dicom\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      raw = readToEnd(s.getInputStream()); // a timeout here would mean the connection was left open
    }
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").contains("transfer-encoding: chunked");
    String boundary = text.replaceAll("(?s).*boundary=([A-Za-z0-9]+).*", "$1");
    assertThat(boundary).hasSize(40);
    assertThat(text).contains("--" + boundary + "\r\nContent-Type: application/dicom")
        .doesNotContain("--" + boundary + "--")
        .doesNotEndWith("0\r\n\r\n");
    // the first two parts went out whole and part of the third: more than 400,000 and less than 600,000 bytes
    assertThat(raw.length).isBetween(2 * 200_000 + WadoRig.CUT_AFTER / 2, 3 * 200_000);
    assertThat(rig.cancelled).containsExactly(true);
  }

  /**
   * The XHR under dicomweb-client fires its network-error event, which in a browser (OHIF) comes with
   * status 0 and makes the client reject; Node's xhr2 leaves the status at 200, so there the client
   * resolves with no bytes at all. Either way no part of the broken study is handed over as complete.
   */
  @Test
  void theJsDicomwebClientSeesANetworkErrorAndGetsNoParts() throws Exception {
    Peers.requireDicomwebClient();
    JsonObject result = Peers.dicomwebClient(rig.base() + "/cut", "series-raw", rig.study, rig.series);
    assertThat(result.getBoolean("ok")).as(result.encode()).isFalse();
    assertThat(result.getBoolean("networkError")).as(result.encode()).isTrue();
    if (result.containsKey("resolvedWith")) {
      assertThat(result.getJsonArray("resolvedWith")).as(result.encode()).allMatch(java.util.Objects::isNull);
    }
    JsonObject whole = Peers.dicomwebClient(rig.base(), "series", rig.study, rig.series);
    assertThat(whole.getBoolean("ok")).as("the next retrieval, " + whole.encode()).isTrue();
    assertThat(whole.getBoolean("networkError")).isFalse();
    assertThat(whole.getJsonArray("parts")).hasSize(rig.files.size());
  }

  @Test
  void pythonSeesAnIncompleteRead() throws Exception {
    ExternalTools.requirePydicom();
    JsonObject result = Peers.pythonEmail(rig.base() + "/cut/studies/" + rig.study + "/series/" + rig.series,
        "multipart/related; type=\"application/dicom\"");
    assertThat(result.getBoolean("ok")).as(result.encode()).isFalse();
    assertThat(result.getString("error")).contains("IncompleteRead");
  }

  private static byte[] readToEnd(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
