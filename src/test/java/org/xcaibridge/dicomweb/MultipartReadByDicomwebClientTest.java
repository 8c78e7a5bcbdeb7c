package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * The JS dicomweb-client (what OHIF's data source uses) retrieves a series and frames from our multipart
 * writer over loopback HTTP, with its own Accept headers: every part is byte-identical to its source, dcmjs
 * decodes each instance, and each frame carries the transfer syntax of its part header.
 */
class MultipartReadByDicomwebClientTest {
  private static WadoRig rig;

  @BeforeAll
  static void start() throws Exception {
    Peers.requireDicomwebClient();
    rig = new WadoRig(CorsSettings.NONE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void seriesPartsAreTheFilesAndDcmjsDecodesThem() throws Exception {
    JsonObject result = Peers.dicomwebClient(rig.base(), "series", rig.study, rig.series);
    assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
    JsonArray parts = result.getJsonArray("parts");
    assertThat(parts).hasSize(rig.files.size());
    for (int i = 0; i < rig.files.size(); i++) {
      Path f = rig.files.get(i);
      JsonObject p = parts.getJsonObject(i);
      assertThat(p.getString("sha256")).as(f.toString()).isEqualTo(WadoRig.sha256(f));
      assertThat(p.getString("sopInstanceUID")).isEqualTo(
          DicomReader.read(java.nio.file.Files.readAllBytes(f), ReadOptions.HEADERS).dataset().string(Tag.SOPInstanceUID));
      assertThat(p.getString("fileTransferSyntaxUID")).isEqualTo(WadoNegotiation.ELE);
      assertThat(p.getString("contentType")).isEqualTo("application/dicom");
      assertThat(p.getString("transferSyntaxUID")).isEqualTo(WadoNegotiation.ELE);
    }
  }

  @Test
  void framesWithAndWithoutContentLengthKeepEveryByte() throws Exception {
    List<Integer> frames = List.of(3, 2, 1, 10);
    JsonObject result = Peers.dicomwebClient(rig.base(), "frames", rig.study, rig.series, "1.2.3.4",
        String.join(",", frames.stream().map(String::valueOf).toList()));
    assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
    JsonArray parts = result.getJsonArray("parts");
    assertThat(parts).hasSize(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      byte[] expected = WadoRig.frame(frames.get(i));
      JsonObject p = parts.getJsonObject(i);
      assertThat(p.getInteger("length")).isEqualTo(expected.length);
      assertThat(p.getString("sha256")).isEqualTo(WadoRig.sha256(expected));
      assertThat(p.getString("contentType")).isEqualTo("application/octet-stream");
      assertThat(p.getString("transferSyntaxUID")).isEqualTo(WadoNegotiation.ELE);
    }
  }
}
