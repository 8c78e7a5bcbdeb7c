package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * With {@code maxDocumentEntries} 2, a query that matches Doe^Peter's four studies is answered, as IPF reads it,
 * with Failure and XDSTooManyResults naming the setting and how to narrow the query; narrowed by service start
 * time to his two later MR studies, the same query is answered with both.
 */
class TooManyManifestsGiveTooManyResultsTest {
  @TempDir
  static Path temp;
  private static GatewayRig rig;
  private static IpfInitiatingGateway ipf;

  @BeforeAll
  static void start() throws Exception {
    Vertx vertx = Vertx.vertx();
    FolderArchive archive = ArchiveTestSupport.await(FolderArchive.start(vertx,
        ArchiveTestSupport.options(ArchiveTestSupport.studySets(), temp, Duration.ZERO)));
    ResponderSettings two = new ResponderSettings(ResponderSettings.DEFAULT.requestLimits(),
        ResponderSettings.DEFAULT.maxDiscardBytes(), 2, 10, 4);
    rig = GatewayRig.over(vertx, archive, two);
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
  void refusedThenNarrowed() throws Exception {
    String aa = GatewayRig.IDENTITY.assigningAuthorityOid();
    for (QueryReturnType type : new QueryReturnType[] {QueryReturnType.LEAF_CLASS, QueryReturnType.OBJECT_REF}) {
      QueryResponse r = ipf.query(IpfInitiatingGateway.findDocuments("98890234", aa), type);
      assertThat(r.getStatus()).isEqualTo(Status.FAILURE);
      assertThat(r.getErrors()).singleElement().satisfies(e -> {
        assertThat(e.getErrorCode()).isEqualTo(ErrorCode.TOO_MANY_RESULTS);
        assertThat(e.getCodeContext()).contains("4 manifests match").contains("maxDocumentEntries 2")
            .contains("$XDSDocumentEntryServiceStartTimeFrom");
      });
    }
    FindDocumentsQuery narrowed = IpfInitiatingGateway.findDocuments("98890234", aa);
    narrowed.getServiceStartTime().setFrom("20030505030000");
    QueryResponse r = ipf.query(narrowed, QueryReturnType.LEAF_CLASS);
    assertThat(r.getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(r.getDocumentEntries()).hasSize(2);
  }
}
