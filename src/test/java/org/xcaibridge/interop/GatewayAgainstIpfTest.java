package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.LocalizedString;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ReferenceId;
import org.openehealth.ipf.commons.ihe.xds.core.requests.DocumentReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.QueryRegistry;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveImagingDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.openehealth.ipf.platform.camel.ihe.xds.XdsCamelValidators;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.RetrievedDocuments;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;

/**
 * IPF 5.1.0 as the responding gateway (plain Camel context, {@link IpfCamel}): {@code xca-iti38},
 * {@code xca-iti39} and {@code xcai-rad75} routes validate our requests with IPF's own validators and answer from
 * IPF's model. Our client finds the patient's KOS entries (ITI-38), fetches the manifests (ITI-39, MTOM, bytes
 * equal), streams instances SHA-identical (RAD-75, several attachments, and split into consecutive calls when
 * the community takes fewer per call), and turns an all-unknown request into a Failure error.
 */
class GatewayAgainstIpfTest {
  private static final String PATIENT = "IPF-PAT-1";
  private static final String AUTHORITY = "1.3.6.1.4.1.21367.2005.13.20.1000";
  private static final String STUDY = IpfModels.STUDY;
  private static final Documents DOCS = new Documents().add("1.2.3.4.5.13.1", 120_000).add("1.2.3.4.5.13.2", 9)
      .add("1.2.3.4.5.13.3", 350_000).add("1.2.3.4.5.13.4", 64_000).add("1.2.3.4.5.13.5", 1_000)
      .add("1.2.3.4.5.13.90", 2_500).add("1.2.3.4.5.13.91", 3_100);
  private static final List<Integer> RAD75_CALLS = new CopyOnWriteArrayList<>();
  private static final List<FindDocumentsQuery> QUERIES = new CopyOnWriteArrayList<>();
  private static IpfCamel ipf;
  private static GatewayHarness harness;

  @BeforeAll
  static void start() throws Exception {
    ipf = IpfCamel.start(new RouteBuilder() {
      @Override
      public void configure() {
        from("xca-iti38:iti38-service?audit=false")
            .process(XdsCamelValidators.iti38RequestValidator())
            .process(e -> e.getMessage().setBody(query(e.getIn().getBody(QueryRegistry.class))));
        from("xca-iti39:iti39-service?audit=false")
            .process(XdsCamelValidators.iti39RequestValidator())
            .process(e -> e.getMessage().setBody(retrieve(e.getIn().getBody(RetrieveDocumentSet.class)
                .getDocuments())))
            .process(XdsCamelValidators.iti39ResponseValidator());
        from("xcai-rad75:rad75-service?audit=false")
            .process(XdsCamelValidators.rad75RequestValidator())
            .process(e -> {
              List<DocumentReference> refs = new ArrayList<>();
              e.getIn().getBody(RetrieveImagingDocumentSet.class).getRetrieveStudies().forEach(st ->
                  st.getRetrieveSerieses().forEach(se -> refs.addAll(se.getDocuments())));
              RAD75_CALLS.add(refs.size());
              e.getMessage().setBody(retrieve(refs));
            })
            .process(XdsCamelValidators.rad75ResponseValidator());
      }
    }, true);
    harness = new GatewayHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
    ipf.close();
  }

  @BeforeEach
  void clear() {
    RAD75_CALLS.clear();
    QUERIES.clear();
  }

  /** Two KOS entries for the patient, built with IPF's model. */
  private static QueryResponse query(QueryRegistry request) {
    QUERIES.add((FindDocumentsQuery) request.getQuery());
    QueryResponse response = new QueryResponse(Status.SUCCESS);
    for (String uid : List.of("1.2.3.4.5.13.90", "1.2.3.4.5.13.91")) {
      DocumentEntry e = new DocumentEntry();
      e.setEntryUuid("urn:uuid:0b1c2d3e-0000-4000-8000-0000000000" + uid.substring(uid.length() - 2));
      e.setUniqueId(uid);
      e.setHomeCommunityId(IpfModels.HOME);
      e.setRepositoryUniqueId(IpfModels.REPOSITORY);
      e.setPatientId(new Identifiable(PATIENT, new org.openehealth.ipf.commons.ihe.xds.core.metadata
          .AssigningAuthority(AUTHORITY)));
      e.setMimeType("application/dicom");
      e.setAvailabilityStatus(AvailabilityStatus.APPROVED);
      e.setType(DocumentEntryType.STABLE);
      e.setFormatCode(new Code("1.2.840.10008.5.1.4.1.1.88.59", new LocalizedString("Key Object Selection"),
          "1.2.840.10008.2.6.1"));
      e.getReferenceIdList().add(new ReferenceId(STUDY, null, ReferenceId.ID_TYPE_STUDY_INSTANCE_ID));
      response.getDocumentEntries().add(e);
    }
    return response;
  }

  /** Every known document as a DataHandler; an XDSDocumentUniqueIdError for each other one. */
  private static RetrievedDocumentSet retrieve(List<DocumentReference> refs) {
    RetrievedDocumentSet set = new RetrievedDocumentSet();
    for (DocumentReference d : refs) {
      if (!DOCS.has(d.getDocumentUniqueId())) {
        set.getErrors().add(new ErrorInfo(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR, d.getDocumentUniqueId(),
            Severity.ERROR, IpfModels.HOME, null));
        continue;
      }
      RetrievedDocument r = new RetrievedDocument();
      r.setRequestData(d);
      r.setMimeType("application/dicom");
      r.setDataHandler(new DataHandler(new ByteArrayDataSource(DOCS.get(d.getDocumentUniqueId()),
          "application/dicom")));
      set.getDocuments().add(r);
    }
    set.setStatus(set.getErrors().isEmpty() ? Status.SUCCESS
        : set.getDocuments().isEmpty() ? Status.FAILURE : Status.PARTIAL_SUCCESS);
    return set;
  }

  private static CommunityClient client(CommunitySettings settings) {
    return harness.client(CommunityEndpoints.of(IpfModels.HOME, "IPF", null, URI.create(ipf.url("iti38-service")),
        URI.create(ipf.url("iti39-service")), URI.create(ipf.url("rad75-service"))), settings);
  }

  @Test
  void findsTheKosEntriesThenFetchesTheManifests() throws Exception {
    CommunityClient client = client(CommunitySettings.DEFAULT);
    AdhocQueryRequest q = new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(PATIENT, AUTHORITY),
        DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS, IpfModels.HOME);
    AdhocQueryResponse answer = harness.await(() -> client.query(q));

    assertThat(answer.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(answer.documentEntries()).extracting(e -> e.uniqueId())
        .containsExactly("1.2.3.4.5.13.90", "1.2.3.4.5.13.91");
    assertThat(answer.documentEntries()).allSatisfy(e -> {
      assertThat(e.home()).isEqualTo(IpfModels.HOME);
      assertThat(e.isImagingManifest()).isTrue();
      assertThat(e.studyInstanceUid()).contains(STUDY);
      assertThat(e.patientId().id()).isEqualTo(PATIENT);
    });
    assertThat(QUERIES).singleElement().satisfies(f -> {
      assertThat(f.getPatientId().getId()).isEqualTo(PATIENT);
      assertThat(f.getFormatCodes()).extracting(c -> c.getCode()).containsExactly("1.2.840.10008.5.1.4.1.1.88.59");
    });

    RetrieveDocumentSetRequest manifests = new RetrieveDocumentSetRequest(answer.documentEntries().stream()
        .map(e -> new DocumentRequest(e.home(), e.repositoryUniqueId(), e.uniqueId())).toList());
    RetrievedDocuments docs = harness.await(() -> client.retrieveDocuments(manifests));
    assertThat(docs.registryResponse().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(docs.documents()).hasSize(2).allSatisfy(d ->
        assertThat(d.content().getBytes()).isEqualTo(DOCS.get(d.documentUniqueId())));
  }

  @Test
  void rad75InstancesStreamShaIdenticalAlsoWhenSplit() throws Exception {
    List<String> uids = List.of("1.2.3.4.5.13.1", "1.2.3.4.5.13.2", "1.2.3.4.5.13.3", "1.2.3.4.5.13.4",
        "1.2.3.4.5.13.5");
    for (int batch : new int[] {100, 2}) {
      RAD75_CALLS.clear();
      CommunityClient client = client(CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(batch));
      ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(uids)));
      GatewayHarness.Collected got = harness.collect(r);

      assertThat(got.streamFailure()).isNull();
      assertThat(got.instances()).extracting(GatewayHarness.Received::documentUniqueId).containsExactlyElementsOf(uids);
      assertThat(got.instances()).extracting(GatewayHarness.Received::sha256)
          .containsExactlyElementsOf(DOCS.digestsOf(uids).values());
      assertThat(RAD75_CALLS).containsExactlyElementsOf(batch == 2 ? List.of(2, 2, 1) : List.of(5));
      assertThat(got.outcome().status()).isEqualTo(ResponseStatus.SUCCESS);
    }
  }

  @Test
  void anAllUnknownRequestIsAFailure() throws Exception {
    CommunityClient client = client(CommunitySettings.DEFAULT);
    Throwable t = harness.failure(() -> client.retrieveImages(IpfModels.ourRad75Request(
        List.of("1.2.3.4.5.13.404", "1.2.3.4.5.13.405"))));

    assertThat(t).isInstanceOf(GatewayException.ErrorResponse.class);
    assertThat(((GatewayException.ErrorResponse) t).errors()).extracting(e -> e.errorCode())
        .containsOnly(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR.getOpcode());
  }
}
