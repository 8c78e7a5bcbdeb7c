package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * The MTOM root, with its status, goes out before the instances; an instance that then fails — its file vanished
 * after indexing, or it breaks off halfway while being transcoded — must not leave the requester with a body that
 * looks complete. The connection is reset: the client (the JDK's HTTP client) gets an error after the instances
 * before it, and never the closing MIME boundary. The responder goes on serving: IPF then retrieves the intact
 * instance, and the vanished one is an unknown instance.
 */
class FailingInstanceResetsTheResponseTest {
  @TempDir
  Path folder;
  private RetrieveRig rig;

  @BeforeEach
  void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "ct/CT_small.dcm", "mr/MR_small.dcm");
    byte[] mr = Files.readAllBytes(folder.resolve("MR_small.dcm"));
    Files.write(folder.resolve("MR_small_cut.dcm"), patchedCopy(mr));
    rig = RetrieveRig.start(folder);
  }

  private static final String MR_UID = "1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457";
  private static final String PATCHED_UID = MR_UID.substring(0, MR_UID.length() - 1) + "8";

  /** MR_small with another SOP Instance UID (same length, so no length field changes), cut in its pixel data. */
  private static byte[] patchedCopy(byte[] mr) {
    byte[] uid = MR_UID.getBytes(StandardCharsets.US_ASCII);
    byte[] cut = Arrays.copyOf(mr, mr.length - 3000);
    for (int i = 0; i + uid.length <= cut.length; i++) {
      if (Arrays.equals(cut, i, i + uid.length, uid, 0, uid.length)) {
        cut[i + uid.length - 1] = (byte) PATCHED_UID.charAt(PATCHED_UID.length() - 1);
      }
    }
    return cut;
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  void vanishedFileBreaksTheResponseOff() throws Exception {
    List<RetrieveRig.Instance> all = RetrieveRig.instances(folder);
    RetrieveRig.Instance ct = RetrieveRig.byFile(all, "CT_small.dcm");
    RetrieveRig.Instance mr = RetrieveRig.byFile(all, "MR_small.dcm");
    Files.delete(mr.file());

    Received r = post(request("1.2.840.10008.1.2.1", ct, mr));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.failure()).as("the body ends in an error").isNotNull();
    assertThat(r.text()).contains("ResponseStatusType:Success").doesNotContain(r.boundary() + "--");
    assertThat(Bytes.indexOf(r.body(), Files.readAllBytes(ct.file()))).as("the instance before it arrived").isPositive();

    try (IpfRetriever ipf = new IpfRetriever()) {
      var again = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"),
          List.of(new IpfRetriever.Series(ct), new IpfRetriever.Series(mr))));
      assertThat(again.set().getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
      assertThat(IpfRetriever.bytes(again.set().getDocuments().get(0).getDataHandler()))
          .isEqualTo(Files.readAllBytes(ct.file()));
      assertThat(again.set().getErrors()).singleElement()
          .satisfies(e -> assertThat(e.getCodeContext()).contains(mr.sop()));
    }
  }

  @Test
  void instanceCutShortWhileTranscodedBreaksTheResponseOff() throws Exception {
    RetrieveRig.Instance mr = RetrieveRig.byFile(RetrieveRig.instances(folder), "MR_small.dcm");
    RetrieveRig.Instance cut = new RetrieveRig.Instance(folder.resolve("MR_small_cut.dcm"), mr.study(), mr.series(),
        PATCHED_UID, mr.transferSyntax());

    Received r = post(request("1.2.840.10008.1.2", cut));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.failure()).as("the body ends in an error").isNotNull();
    assertThat(r.text()).contains("ResponseStatusType:Success").doesNotContain(r.boundary() + "--");
  }

  private static String request(String transferSyntax, RetrieveRig.Instance... instances) {
    StringBuilder body = new StringBuilder("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
        + " xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header><a:Action>"
        + "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet</a:Action></s:Header><s:Body>"
        + "<r:RetrieveImagingDocumentSetRequest xmlns:r=\"urn:ihe:rad:xdsi-b:2009\" xmlns:x=\"urn:ihe:iti:xds-b:2007\">");
    for (RetrieveRig.Instance i : instances) {
      body.append("<r:StudyRequest studyInstanceUID=\"").append(i.study()).append("\"><r:SeriesRequest seriesInstanceUID=\"")
          .append(i.series()).append("\"><x:DocumentRequest><x:RepositoryUniqueId>").append(RetrieveRig.REPOSITORY)
          .append("</x:RepositoryUniqueId><x:DocumentUniqueId>").append(i.sop())
          .append("</x:DocumentUniqueId></x:DocumentRequest></r:SeriesRequest></r:StudyRequest>");
    }
    return body.append("<r:TransferSyntaxUIDList><r:TransferSyntaxUID>").append(transferSyntax)
        .append("</r:TransferSyntaxUID></r:TransferSyntaxUIDList></r:RetrieveImagingDocumentSetRequest>")
        .append("</s:Body></s:Envelope>").toString();
  }

  /** What arrived before the body ended or broke off. */
  private record Received(int status, String boundary, byte[] body, IOException failure) {
    String text() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  private Received post(String envelope) throws Exception {
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(rig.url("/xcai/rad75"))).header("Content-Type", "application/soap+xml; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofInputStream());
    String contentType = response.headers().firstValue("Content-Type").orElseThrow();
    String boundary = "--" + contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    IOException failure = null;
    try (InputStream in = response.body()) {
      in.transferTo(body);
    } catch (IOException e) {
      failure = e;
    }
    return new Received(response.statusCode(), boundary, body.toByteArray(), failure);
  }

  /** Finding one byte array in another. */
  private static final class Bytes {
    static int indexOf(byte[] haystack, byte[] needle) {
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
          return i;
        }
      }
      return -1;
    }
  }
}
