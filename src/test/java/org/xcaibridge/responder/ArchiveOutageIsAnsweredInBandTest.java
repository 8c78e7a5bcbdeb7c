package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.ihe.PatientDiscoveryResponse;
import org.xcaibridge.ihe.QueryResponseCode;

/**
 * A gateway in front of a DICOMweb origin that does not answer (nothing listens on its port) answers in each
 * transaction's own vocabulary rather than with a fault or silence: ITI-55 with acknowledgement AE, query response
 * AE and the InternalError issue, its detail saying the archive cannot answer; ITI-38, read by IPF's producer and
 * validator, with Failure and XDSRegistryNotAvailable saying to try again later.
 */
class ArchiveOutageIsAnsweredInBandTest {
  private GatewayRig rig;

  @BeforeEach
  void start() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    DicomWebArchive origin = DicomWebArchive.create(vertx, DicomWebArchive.Options.of(
        URI.create("http://127.0.0.1:" + closed + "/dicom-web"), ArchiveTestSupport.MANIFESTS));
    rig = GatewayRig.over(vertx, origin, ResponderSettings.DEFAULT);
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  void patientDiscoveryIsAnApplicationError() throws Exception {
    String peter = Iti55Exchange.fixtureRequest().replace("<family>Jones</family>", "<family>Doe</family>");
    PatientDiscoveryResponse r = Iti55Exchange.ask(rig, peter);
    assertThat(r.acknowledgementCode()).isEqualTo("AE");
    assertThat(r.queryResponseCode()).isEqualTo(QueryResponseCode.AE);
    assertThat(r.subjects()).isEmpty();
    assertThat(r.detectedIssueCodes()).containsExactly("InternalError");
    assertThat(r.acknowledgementDetails()).singleElement().asString().startsWith("patient discovery failed:");
  }

  @Test
  void queryIsRegistryNotAvailable() throws Exception {
    try (IpfInitiatingGateway ipf = new IpfInitiatingGateway(rig.port())) {
      QueryResponse r = ipf.query(IpfInitiatingGateway.findDocuments("98890234",
          GatewayRig.IDENTITY.assigningAuthorityOid()), QueryReturnType.LEAF_CLASS);
      assertThat(r.getStatus()).isEqualTo(Status.FAILURE);
      assertThat(r.getErrors()).singleElement().satisfies(e -> {
        assertThat(e.getErrorCode()).isEqualTo(ErrorCode.REGISTRY_NOT_AVAILABLE);
        assertThat(e.getCodeContext()).contains("try again later");
        assertThat(e.getLocation()).isEqualTo(GatewayRig.IDENTITY.homeCommunityId());
      });
    }
  }
}
