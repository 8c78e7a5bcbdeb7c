package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.dicom.ExternalTools;

/**
 * A fifth study of Doe^Peter, written by pydicom from one of his CT files, has an instance whose SOP Instance UID
 * (1.2.03.4) no manifest may list (PS3.5 §9.1: no leading zero in a component). Asked for Peter's manifests, the
 * gateway answers, as IPF reads it, PartialSuccess: the four good studies' entries and one XDSRegistryError naming
 * the study that cannot be served and why; the other studies are not lost to it.
 */
class StudyWithoutAManifestGivesPartialSuccessTest {
  private static final String BAD_STUDY = "1.2.826.0.1.3680043.8.498.1";
  @TempDir
  static Path temp;
  private static GatewayRig rig;
  private static IpfInitiatingGateway ipf;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requirePydicom();
    Path folder = temp.resolve("dicom");
    ArchiveTestSupport.copyTree(ArchiveTestSupport.studySets(), folder);
    String script = "import pydicom,sys\n"
        + "ds = pydicom.dcmread(sys.argv[1])\n"
        + "ds.StudyInstanceUID = '" + BAD_STUDY + "'\n"
        + "ds.SeriesInstanceUID = '" + BAD_STUDY + ".1'\n"
        + "ds.SOPInstanceUID = '1.2.03.4'\n"
        + "ds.file_meta.MediaStorageSOPInstanceUID = '1.2.03.4'\n"
        + "ds.save_as(sys.argv[2], write_like_original=True)\n";
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", script,
        folder.resolve("98892001/CT2N/6293").toString(), folder.resolve("98892001/bad-uid").toString()), null, 60);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    rig = GatewayRig.overFolder(folder, temp.resolve("work"));
    ipf = new IpfInitiatingGateway(rig.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (ipf != null) {
      ipf.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void goodStudiesArriveWithAnErrorForTheBadOne() throws Exception {
    QueryResponse r = ipf.query(IpfInitiatingGateway.findDocuments("98890234",
        GatewayRig.IDENTITY.assigningAuthorityOid()), QueryReturnType.LEAF_CLASS);
    assertThat(r.getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(r.getDocumentEntries()).hasSize(4);
    assertThat(r.getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.REGISTRY_ERROR);
      assertThat(e.getSeverity()).isEqualTo(Severity.ERROR);
      assertThat(e.getCodeContext()).contains(BAD_STUDY).contains("1.2.03.4");
      assertThat(e.getLocation()).isEqualTo(GatewayRig.IDENTITY.homeCommunityId());
    });
  }
}
