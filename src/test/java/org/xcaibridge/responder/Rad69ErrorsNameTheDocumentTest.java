package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.ihe.IheTransaction;

/**
 * RAD-69 as an Imaging Document Source answers it (RAD69-016, protocol.md §4.3): IPF's {@code xdsi-rad69} producer
 * asks for a held image, an unknown one and one it cannot have in the listed syntax; the held image arrives byte
 * for byte, each failure's RegistryError is located at its DocumentUniqueId (not at a homeCommunityId as in
 * RAD-75), the status is PartialSuccess, and the answer carries the ITI-43 response action (pitfall 1).
 */
class Rad69ErrorsNameTheDocumentTest {
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "ct/CT_small.dcm", "compressed/SC_8bit_jpeg_baseline_dcmtk.dcm");
    rig = RetrieveRig.start(folder);
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    rig.close();
  }

  @Test
  void failuresAreLocatedAtTheirDocuments() throws Exception {
    List<RetrieveRig.Instance> all = RetrieveRig.instances(folder);
    RetrieveRig.Instance ct = RetrieveRig.byFile(all, "CT_small.dcm");
    RetrieveRig.Instance jpeg = RetrieveRig.byFile(all, "SC_8bit_jpeg_baseline_dcmtk.dcm");
    String unknown = ct.sop() + ".77";

    IpfRetriever.Answer answer = ipf.rad69(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"), List.of(
        new IpfRetriever.Series(ct.study(), ct.series(), List.of(ct.sop(), unknown), RetrieveRig.REPOSITORY,
            RetrieveRig.HOME), new IpfRetriever.Series(jpeg))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(answer.set().getDocuments()).singleElement().satisfies(d -> {
      assertThat(d.getRequestData().getDocumentUniqueId()).isEqualTo(ct.sop());
      assertThat(IpfRetriever.bytes(d.getDataHandler())).isEqualTo(Files.readAllBytes(ct.file()));
    });
    List<ErrorInfo> errors = answer.set().getErrors();
    assertThat(errors).extracting(ErrorInfo::getErrorCode)
        .containsExactly(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR, ErrorCode.REPOSITORY_ERROR);
    assertThat(errors).extracting(ErrorInfo::getLocation).containsExactly(unknown, jpeg.sop());
    assertThat(answer.wsa("Action")).isEqualTo(IheTransaction.RAD_69.responseAction())
        .isEqualTo("urn:ihe:iti:2007:RetrieveDocumentSetResponse");
  }
}
