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
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * What IPF's {@code xca-iti38} producer gets for patients we do not hold: a patient id of our assigning authority
 * that no file carries is an empty Success (the community simply has nothing for the patient); a patient id of
 * another authority, even one whose id value we do hold, is Failure with XDSUnknownPatientId located at our
 * homeCommunityId, whose text names the authority patients are identified in here. Both answers pass IPF's
 * validator, and a query for a known patient still works after them.
 */
class UnknownAndForeignPatientsGetXdsAnswersTest {
  private static final String AA = GatewayRig.IDENTITY.assigningAuthorityOid();
  @TempDir
  static Path temp;
  private static GatewayRig rig;
  private static IpfInitiatingGateway ipf;

  @BeforeAll
  static void start() throws Exception {
    rig = GatewayRig.overFolder(ArchiveTestSupport.studySets(), temp);
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
  void unknownPatientOfOurDomainIsAnEmptySuccess() throws Exception {
    for (QueryReturnType type : List.of(QueryReturnType.LEAF_CLASS, QueryReturnType.OBJECT_REF)) {
      QueryResponse r = ipf.query(IpfInitiatingGateway.findDocuments("NOBODY-42", AA), type);
      assertThat(r.getStatus()).isEqualTo(Status.SUCCESS);
      assertThat(r.getErrors()).isEmpty();
      assertThat(r.getDocumentEntries()).isEmpty();
      assertThat(r.getReferences()).isEmpty();
    }
    assertThat(ipf.query(IpfInitiatingGateway.findDocuments("77654033", AA), QueryReturnType.LEAF_CLASS)
        .getDocumentEntries()).hasSize(2);
  }

  @Test
  void patientOfAnotherDomainIsUnknown() throws Exception {
    QueryResponse r = ipf.query(IpfInitiatingGateway.findDocuments("77654033", "1.2.840.114350.1.13.99997.2.3412"),
        QueryReturnType.LEAF_CLASS);
    assertThat(r.getStatus()).isEqualTo(Status.FAILURE);
    assertThat(r.getDocumentEntries()).isEmpty();
    assertThat(r.getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.UNKNOWN_PATIENT_ID);
      assertThat(e.getLocation()).isEqualTo(GatewayRig.IDENTITY.homeCommunityId());
      assertThat(e.getCodeContext()).contains("1.2.840.114350.1.13.99997.2.3412").contains(AA).contains("ITI-55");
    });
    assertThat(ipf.query(IpfInitiatingGateway.findDocuments("77654033", AA), QueryReturnType.LEAF_CLASS)
        .getDocumentEntries()).hasSize(2);
  }
}
