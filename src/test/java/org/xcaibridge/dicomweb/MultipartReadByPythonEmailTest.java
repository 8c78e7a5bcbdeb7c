package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.ExternalTools;

/**
 * Python's own MIME parser (the email package, which the Python DICOMweb client builds on) reads our
 * multipart answers without defects: the Content-Type parameters, each part's headers and exact bytes.
 */
class MultipartReadByPythonEmailTest {
  private static WadoRig rig;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requirePydicom(); // the same /usr/bin/python3 the other Python peers use
    rig = new WadoRig(CorsSettings.NONE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void seriesAsThePythonClientAsksForIt() throws Exception {
    String url = rig.base() + "/studies/" + rig.study + "/series/" + rig.series;
    JsonObject result = Peers.pythonEmail(url, "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
    assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
    assertThat(result.getBoolean("multipart")).isTrue();
    assertThat(result.getJsonArray("defects")).isEmpty();
    assertThat(result.getString("contentType")).matches("multipart/related; type=\"application/dicom\"; boundary=[A-Za-z0-9]{40}");
    JsonArray parts = result.getJsonArray("parts");
    assertThat(parts).hasSize(rig.files.size());
    for (int i = 0; i < parts.size(); i++) {
      Path f = rig.files.get(i);
      JsonObject p = parts.getJsonObject(i);
      assertThat(p.getString("sha256")).isEqualTo(WadoRig.sha256(f));
      assertThat(p.getString("contentType")).isEqualTo("application/dicom");
      assertThat(p.getString("transferSyntax")).isEqualTo(WadoNegotiation.ELE);
      assertThat(p.getString("contentLocation")).isEqualTo(url + "/instances/" + f.getFileName());
    }
  }

  @Test
  void framesWithTrickyBytesAsThePythonClientAsksForThem() throws Exception {
    String url = rig.base() + "/studies/" + rig.study + "/series/" + rig.series + "/instances/1.2.3/frames/5,2";
    JsonObject result = Peers.pythonEmail(url, "multipart/related; type=\"*/*\"");
    assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
    assertThat(result.getJsonArray("defects")).isEmpty();
    JsonArray parts = result.getJsonArray("parts");
    assertThat(parts).hasSize(2);
    assertThat(parts.getJsonObject(0).getString("sha256")).isEqualTo(WadoRig.sha256(WadoRig.frame(5)));
    assertThat(parts.getJsonObject(1).getString("sha256")).isEqualTo(WadoRig.sha256(WadoRig.frame(2)));
    assertThat(parts.getJsonObject(1).getString("contentLocation")).endsWith("/instances/1.2.3/frames/2");
    assertThat(parts.getJsonObject(0).getString("contentType")).isEqualTo("application/octet-stream");
    assertThat(parts.getJsonObject(0).getString("transferSyntax")).isEqualTo(WadoNegotiation.ELE);
  }
}
