package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.ihe.IheTransaction;

/**
 * Stored queries that break a rule of ITI TF-2a 3.18.4.1.2.3 — posted as hand-written XML, since no conformant
 * client sends them — are answered in ITI-38's own vocabulary, as IPF reads the answer (its ITI-38 response
 * validator accepts each): status Failure and one RegistryError with the code the rule names
 * (XDSStoredQueryMissingParam, XDSStoredQueryParamNumber, XDSUnknownStoredQuery, XDSMissingHomeCommunityId,
 * XDSRegistryError), located at our homeCommunityId, whose text names the parameter to fix. After each, a good
 * query is answered.
 */
class MalformedQueriesGetActionableRegistryErrorsTest {
  private static final String FIND = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
  private static final String GET = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
  private static final String PATIENT = slot("$XDSDocumentEntryPatientId",
      "'98890234^^^&amp;" + GatewayRig.IDENTITY.assigningAuthorityOid() + "&amp;ISO'");
  private static final String APPROVED = slot("$XDSDocumentEntryStatus",
      "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')");
  @TempDir
  static Path temp;
  private static GatewayRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = GatewayRig.overFolder(ArchiveTestSupport.studySets(), temp);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  static String slot(String name, String... values) {
    StringBuilder b = new StringBuilder("<rim:Slot name=\"" + name + "\"><rim:ValueList>");
    for (String v : values) {
      b.append("<rim:Value>").append(v).append("</rim:Value>");
    }
    return b.append("</rim:ValueList></rim:Slot>").toString();
  }

  static String query(String returnType, String id, String home, String... slots) {
    return "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" "
        + "xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
        + "<query:ResponseOption returnComposedObjects=\"true\" returnType=\"" + returnType + "\"/>"
        + "<rim:AdhocQuery id=\"" + id + "\"" + (home == null ? "" : " home=\"" + home + "\"") + ">"
        + String.join("", slots) + "</rim:AdhocQuery></query:AdhocQueryRequest>";
  }

  private static QueryResponse ask(String body) throws Exception {
    GatewayRig.Answer a = rig.post(RespondingGateway.ITI38_PATH, GatewayRig.SOAP,
        GatewayRig.envelope(IheTransaction.ITI_38.requestAction(), rig.url(RespondingGateway.ITI38_PATH), body));
    assertThat(PeerReads.wsa(PeerReads.saaj(a), "Action")).isEqualTo(IheTransaction.ITI_38.responseAction());
    return PeerReads.ipfQueryResponse(a);
  }

  private static void assertRefused(String body, ErrorCode code, String words) throws Exception {
    QueryResponse r = ask(body);
    assertThat(r.getStatus()).isEqualTo(Status.FAILURE);
    assertThat(r.getDocumentEntries()).isEmpty();
    assertThat(r.getErrors()).hasSize(1);
    ErrorInfo e = r.getErrors().get(0);
    assertThat(e.getErrorCode()).as(e.getCodeContext()).isEqualTo(code);
    assertThat(e.getSeverity()).isEqualTo(Severity.ERROR);
    assertThat(e.getLocation()).isEqualTo(GatewayRig.IDENTITY.homeCommunityId());
    assertThat(e.getCodeContext()).contains(words);
    QueryResponse good = ask(query("LeafClass", FIND, null, PATIENT, APPROVED));
    assertThat(good.getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(good.getDocumentEntries()).hasSize(4);
  }

  @Test
  void missingParameters() throws Exception {
    assertRefused(query("LeafClass", FIND, null, PATIENT), ErrorCode.STORED_QUERY_MISSING_PARAM,
        "$XDSDocumentEntryStatus");
    assertRefused(query("LeafClass", FIND, null, APPROVED), ErrorCode.STORED_QUERY_MISSING_PARAM,
        "$XDSDocumentEntryPatientId");
    assertRefused(query("LeafClass", "urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492", null, PATIENT, APPROVED),
        ErrorCode.STORED_QUERY_MISSING_PARAM, "$XDSDocumentEntryReferenceIdList");
    assertRefused(query("LeafClass", GET, GatewayRig.IDENTITY.homeCommunityId()),
        ErrorCode.STORED_QUERY_MISSING_PARAM, "$XDSDocumentEntryUniqueId");
  }

  @Test
  void parametersGivenTooOften() throws Exception {
    assertRefused(query("LeafClass", FIND, null, PATIENT, PATIENT, APPROVED), ErrorCode.STORED_QUERY_PARAM_NUMBER,
        "$XDSDocumentEntryPatientId is given twice");
    assertRefused(query("LeafClass", FIND, null, slot("$XDSDocumentEntryPatientId", "'a^^^&amp;1.2&amp;ISO'",
        "'b^^^&amp;1.2&amp;ISO'"), APPROVED), ErrorCode.STORED_QUERY_PARAM_NUMBER, "takes one value");
    assertRefused(query("LeafClass", GET, GatewayRig.IDENTITY.homeCommunityId(),
        slot("$XDSDocumentEntryUniqueId", "('1.2.3')"),
        slot("$XDSDocumentEntryEntryUUID", "('urn:uuid:00000000-0000-4000-8000-000000000000')")),
        ErrorCode.STORED_QUERY_PARAM_NUMBER, "not both");
  }

  @Test
  void unknownQueryAndBadValues() throws Exception {
    assertRefused(query("LeafClass", "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3", null, PATIENT, APPROVED),
        ErrorCode.UNKNOWN_STORED_QUERY, "served are FindDocuments");
    assertRefused(query("LeafClass", FIND, null, PATIENT, APPROVED,
        slot("$XDSDocumentEntryServiceStartTimeFrom", "2003-05-05")), ErrorCode.REGISTRY_ERROR, "2003-05-05");
    assertRefused(query("LeafClass", FIND, null, PATIENT, slot("$XDSDocumentEntryStatus", "('Withdrawn')")),
        ErrorCode.REGISTRY_ERROR, "Withdrawn");
    assertRefused(query("LeafClassWithRepositoryItem", FIND, null, PATIENT, APPROVED), ErrorCode.REGISTRY_ERROR,
        "LeafClass or ObjectRef");
  }

  @Test
  void getDocumentsMustNameOurCommunity() throws Exception {
    String uid = slot("$XDSDocumentEntryUniqueId", "('1.2.3')");
    assertRefused(query("LeafClass", GET, null, uid), ErrorCode.MISSING_HOME_COMMUNITY_ID,
        GatewayRig.IDENTITY.homeCommunityId());
    assertRefused(query("LeafClass", GET, "urn:oid:1.2.3.4.5", uid), ErrorCode.UNKNOWN_COMMUNITY,
        "urn:oid:1.2.3.4.5");
    assertRefused(query("LeafClass", FIND, "urn:oid:1.2.3.4.5", PATIENT, APPROVED), ErrorCode.UNKNOWN_COMMUNITY,
        GatewayRig.IDENTITY.homeCommunityId());
  }
}
