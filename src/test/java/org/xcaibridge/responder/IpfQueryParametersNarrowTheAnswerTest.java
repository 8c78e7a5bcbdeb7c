package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.CXiAssigningAuthority;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.LocalizedString;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ReferenceId;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsByReferenceIdQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryList;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * IPF's {@code xca-iti38} producer against our gateway over the DICOMDIR study sets: Doe^Peter (98890234) has a
 * CT study of 2001-01-01 and three MR studies of 2003-05-05 (02:51, 04:53, 05:07; accession 2 is shared by the CT
 * and the 04:53 MR). Each query parameter narrows the answer to exactly the studies it names — event codes,
 * service start and stop and creation time ranges, status, format/class/type codes, entry type — and
 * FindDocumentsByReferenceId and GetDocuments (by uniqueId and by entryUUID) find exactly the manifests asked for.
 */
class IpfQueryParametersNarrowTheAnswerTest {
  private static final String AA = GatewayRig.IDENTITY.assigningAuthorityOid();
  private static final String PETER = "98890234";
  private static final String CT = "1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.1";
  private static final String MR_0251 = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.133";
  private static final String MR_0453 = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1";
  private static final String MR_0507 = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.427";
  private static final String DCM = "1.2.840.10008.2.16.4";
  @TempDir
  static Path temp;
  private static GatewayRig rig;
  private static IpfInitiatingGateway ipf;

  @BeforeAll
  static void start() throws Exception {
    Path folder = temp.resolve("dicom");
    ArchiveTestSupport.copyTree(ArchiveTestSupport.studySets(), folder);
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

  private static Set<String> find(Consumer<FindDocumentsQuery> narrow) throws Exception {
    FindDocumentsQuery q = IpfInitiatingGateway.findDocuments(PETER, AA);
    narrow.accept(q);
    return studies(ipf.query(q, QueryReturnType.LEAF_CLASS));
  }

  private static Set<String> studies(QueryResponse r) {
    assertThat(r.getStatus()).as("%s", r.getErrors()).isEqualTo(Status.SUCCESS);
    return r.getDocumentEntries().stream().map(IpfFindsEveryStudyOfTheFolderTest::studyOf).collect(Collectors.toSet());
  }

  private static Code code(String code, String scheme) {
    return new Code(code, new LocalizedString(code), scheme);
  }

  @Test
  void withoutFilterEveryStudyOfThePatient() throws Exception {
    assertThat(find(q -> { })).containsExactlyInAnyOrder(CT, MR_0251, MR_0453, MR_0507);
  }

  @Test
  void eventCodesSelectByModality() throws Exception {
    assertThat(find(q -> q.setEventCodes(new QueryList<>(code("MR", DCM))))).containsExactlyInAnyOrder(MR_0251,
        MR_0453, MR_0507);
    assertThat(find(q -> q.setEventCodes(new QueryList<>(code("CT", DCM))))).containsExactly(CT);
    assertThat(find(q -> q.setEventCodes(new QueryList<>(code("MR", "1.2.3.4"))))).isEmpty();
  }

  @Test
  void timeRangesTakeFromInclusiveToExclusive() throws Exception {
    assertThat(find(q -> q.getServiceStartTime().setFrom("2003"))).containsExactlyInAnyOrder(MR_0251, MR_0453,
        MR_0507);
    assertThat(find(q -> q.getServiceStartTime().setTo("2003"))).containsExactly(CT);
    assertThat(find(q -> {
      q.getServiceStartTime().setFrom("20030505030000");
      q.getServiceStartTime().setTo("20030505050743");
    })).containsExactly(MR_0453);
    assertThat(find(q -> q.getServiceStartTime().setFrom("20030505050743"))).containsExactly(MR_0507);
    // the stop time is the latest series: 04:57:47 and 05:09:30 for the two later MR studies
    assertThat(find(q -> q.getServiceStopTime().setFrom("20030505045600"))).containsExactlyInAnyOrder(MR_0453,
        MR_0507);
    assertThat(find(q -> q.getCreationTime().setFrom("200305050300"))).containsExactlyInAnyOrder(MR_0453, MR_0507);
  }

  @Test
  void statusCodesAndEntryTypeMustMatch() throws Exception {
    assertThat(find(q -> q.setStatus(List.of(AvailabilityStatus.DEPRECATED)))).isEmpty();
    assertThat(find(q -> q.setStatus(List.of(AvailabilityStatus.DEPRECATED, AvailabilityStatus.APPROVED))))
        .hasSize(4);
    assertThat(find(q -> q.setFormatCodes(List.of(code("1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.2.6.1")))))
        .hasSize(4);
    assertThat(find(q -> q.setFormatCodes(List.of(code("urn:ihe:iti:xds-sd:pdf:2008", "1.3.6.1.4.1.19376.1.2.3")))))
        .isEmpty();
    assertThat(find(q -> q.setClassCodes(List.of(code("IMAGES", "1.3.6.1.4.1.19376.1.2.6.1"))))).hasSize(4);
    assertThat(find(q -> q.setClassCodes(List.of(code("REPORTS", "1.3.6.1.4.1.19376.1.2.6.1"))))).isEmpty();
    assertThat(find(q -> q.setTypeCodes(List.of(code("18748-4", "2.16.840.1.113883.6.1"))))).hasSize(4);
    assertThat(find(q -> q.setDocumentEntryTypes(List.of(DocumentEntryType.ON_DEMAND)))).isEmpty();
    assertThat(find(q -> q.setDocumentEntryTypes(List.of(DocumentEntryType.STABLE)))).hasSize(4);
  }

  @Test
  void referenceIdsFindTheStudyOrItsAccession() throws Exception {
    assertThat(byReference(new ReferenceId(MR_0251, null, ReferenceId.ID_TYPE_STUDY_INSTANCE_ID)))
        .containsExactly(MR_0251);
    assertThat(byReference(new ReferenceId("2", null, ReferenceId.ID_TYPE_CODE_ACCESSION)))
        .containsExactlyInAnyOrder(CT, MR_0453);
    assertThat(byReference(new ReferenceId("2", new CXiAssigningAuthority(null, "1.2.3.4", "ISO"),
        ReferenceId.ID_TYPE_CODE_ACCESSION))).containsExactlyInAnyOrder(CT, MR_0453);
    assertThat(byReference(new ReferenceId("1.2.3.4.5.6", null, ReferenceId.ID_TYPE_STUDY_INSTANCE_ID))).isEmpty();
    assertThat(byReference(new ReferenceId(MR_0251, null, ReferenceId.ID_TYPE_CODE_ORDER))).isEmpty();
  }

  private static Set<String> byReference(ReferenceId ref) throws Exception {
    FindDocumentsByReferenceIdQuery q = new FindDocumentsByReferenceIdQuery();
    FindDocumentsQuery base = IpfInitiatingGateway.findDocuments(PETER, AA);
    q.setPatientId(base.getPatientId());
    q.setStatus(base.getStatus());
    q.setTypedReferenceIds(new QueryList<>(ref));
    return studies(ipf.query(q, QueryReturnType.LEAF_CLASS));
  }

  @Test
  void getDocumentsByUniqueIdAndByEntryUuid() throws Exception {
    QueryResponse all = ipf.query(IpfInitiatingGateway.findDocuments(PETER, AA), QueryReturnType.LEAF_CLASS);
    List<DocumentEntry> two = all.getDocumentEntries().stream()
        .filter(e -> Set.of(CT, MR_0507).contains(IpfFindsEveryStudyOfTheFolderTest.studyOf(e))).toList();
    assertThat(two).hasSize(2);

    GetDocumentsQuery byUid = new GetDocumentsQuery();
    byUid.setHomeCommunityId(GatewayRig.IDENTITY.homeCommunityId());
    byUid.setUniqueIds(List.of(two.get(0).getUniqueId(), "1.2.3.999", two.get(1).getUniqueId()));
    QueryResponse got = ipf.query(byUid, QueryReturnType.LEAF_CLASS);
    assertThat(studies(got)).containsExactlyInAnyOrder(CT, MR_0507);
    assertThat(got.getDocumentEntries()).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyInAnyOrderElementsOf(two);

    GetDocumentsQuery byUuid = new GetDocumentsQuery();
    byUuid.setHomeCommunityId(GatewayRig.IDENTITY.homeCommunityId());
    byUuid.setUuids(List.of(two.get(1).getEntryUuid(), "urn:uuid:00000000-0000-4000-8000-000000000000"));
    assertThat(studies(ipf.query(byUuid, QueryReturnType.LEAF_CLASS)))
        .containsExactly(IpfFindsEveryStudyOfTheFolderTest.studyOf(two.get(1)));

    GetDocumentsQuery unknown = new GetDocumentsQuery();
    unknown.setHomeCommunityId(GatewayRig.IDENTITY.homeCommunityId());
    unknown.setUniqueIds(List.of("1.2.3.999"));
    assertThat(studies(ipf.query(unknown, QueryReturnType.LEAF_CLASS))).isEmpty();
  }
}
