package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.RetrievedDocument;
import org.xcaibridge.gateway.RetrievedDocuments;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntry;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.Iti39Service;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.Rad75Service;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapWriter;

/**
 * End to end over real HTTP on loopback: our gateway client against our own responding gateway over a
 * {@link FolderArchive} of a copy of the shared DICOM corpus. For every patient in the corpus: ITI-38 finds one
 * KOS entry per study, ITI-39 fetches each manifest, and RAD-75 — asked for every instance the manifests
 * reference, at the series' Retrieve Location UID, in batches of 5, accepting the stored transfer syntaxes —
 * streams every instance, in request order, byte-identical to its file (SHA-256). Together the manifests
 * reference exactly the instances of the corpus that name a patient.
 */
class GatewayAgainstOurResponderTest {
  private static final ResponderIdentity IDENTITY = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.120",
      "1.3.6.1.4.1.21367.13.80.120", "1.3.6.1.4.1.21367.13.20.120");
  @TempDir
  static Path temp;
  private static Vertx responderVertx;
  private static FolderArchive archive;
  private static RespondingGateway gateway;
  private static HttpServer server;
  private static GatewayHarness harness;
  private static CommunityClient client;
  /**
   * The corpus read with our Part 10 reader: SHA-256 of the files by SOP Instance UID (a set: the corpus has two
   * different pydicom test files that share one UID, and the archive serves one of them), and the patients.
   */
  private static final Map<String, Set<String>> FILES = new HashMap<>();
  private static final Map<String, Set<String>> INSTANCES_BY_PATIENT = new LinkedHashMap<>();
  private static final Set<String> TRANSFER_SYNTAXES = new TreeSet<>();

  @BeforeAll
  static void start() throws Exception {
    Path folder = temp.resolve("dicom");
    copy(Fixtures.sharedDicom(), folder);
    inventory(folder);
    responderVertx = Vertx.vertx();
    archive = GatewayHarness.get(FolderArchive.start(responderVertx, new FolderArchive.Options(folder,
        temp.resolve("work"), new ManifestSettings(IDENTITY.repositoryUniqueId(), "XCAI_E2E"), Duration.ZERO)));
    gateway = new RespondingGateway(responderVertx, archive, IDENTITY, ResponderSettings.DEFAULT);
    SoapHttpEndpoint endpoint = new SoapHttpEndpoint(MtomLimits.DEFAULT, 1 << 20, new SoapWriter(UUID::randomUUID),
        new SecureRandom());
    Iti39Service iti39 = new Iti39Service(archive, IDENTITY, endpoint);
    Rad75Service rad75 = new Rad75Service(archive, IDENTITY, endpoint);
    Router router = gateway.router();
    router.post("/xca/iti39").handler(ctx -> iti39.handle(ctx.request()));
    router.post("/xcai/rad75").handler(ctx -> rad75.handle(ctx.request()));
    server = GatewayHarness.get(responderVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
        .setPort(0)).requestHandler(router).listen());
    String base = "http://127.0.0.1:" + server.actualPort();
    harness = new GatewayHarness();
    client = harness.client(CommunityEndpoints.of(IDENTITY.homeCommunityId(), "Our responder",
        URI.create(base + RespondingGateway.ITI55_PATH), URI.create(base + RespondingGateway.ITI38_PATH),
        URI.create(base + "/xca/iti39"), URI.create(base + "/xcai/rad75")),
        CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(5));
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
    if (server != null) {
      GatewayHarness.get(server.close());
    }
    if (archive != null) {
      GatewayHarness.get(archive.close());
    }
    if (responderVertx != null) {
      GatewayHarness.get(responderVertx.close());
    }
  }

  @Test
  void everyInstanceOfEveryPatientArrivesIdenticalToItsFile() throws Exception {
    assertThat(INSTANCES_BY_PATIENT).isNotEmpty();
    Set<String> referenced = new LinkedHashSet<>();
    Set<String> expected = new LinkedHashSet<>();
    int studies = 0;
    for (Map.Entry<String, Set<String>> patient : INSTANCES_BY_PATIENT.entrySet()) {
      expected.addAll(patient.getValue());
      AdhocQueryRequest q = new AdhocQueryRequest(new StoredQuery.FindDocuments(
          new Cx(patient.getKey(), IDENTITY.assigningAuthorityOid()), DocumentEntryFilter.approvedImagingManifests()),
          ReturnType.LEAF_CLASS, IDENTITY.homeCommunityId());
      AdhocQueryResponse found = harness.await(() -> client.query(q));
      assertThat(found.status()).as("patient %s: %s", patient.getKey(), found.errors()).isEqualTo(ResponseStatus.SUCCESS);
      assertThat(found.documentEntries()).isNotEmpty().allSatisfy(e -> assertThat(e.isImagingManifest()).isTrue());
      studies += found.documentEntries().size();

      List<DocumentEntry> entries = found.documentEntries();
      RetrievedDocuments manifests = harness.await(() -> client.retrieveDocuments(new RetrieveDocumentSetRequest(
          entries.stream().map(e -> new DocumentRequest(e.home(), e.repositoryUniqueId(), e.uniqueId())).toList())));
      assertThat(manifests.documents()).hasSameSizeAs(entries);
      for (RetrievedDocument m : manifests.documents()) {
        KosManifest kos = KosManifest.read(DicomReader.read(m.content().getBytes(), ReadOptions.ALL).dataset());
        RetrieveImagingDocumentSetRequest request = rad75Request(kos);
        request.documentRequests().forEach(d -> referenced.add(d.documentUniqueId()));
        ImagingRetrieval r = harness.await(() -> client.retrieveImages(request));
        GatewayHarness.Collected got = harness.collect(r);
        assertThat(got.streamFailure()).isNull();
        assertThat(got.outcome().status()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(got.outcome().calls()).isEqualTo((request.documentRequests().size() + 4) / 5);
        assertThat(got.instances()).extracting(GatewayHarness.Received::documentUniqueId)
            .containsExactlyElementsOf(request.documentRequests().stream().map(d -> d.documentUniqueId()).toList());
        for (GatewayHarness.Received i : got.instances()) {
          assertThat(FILES.get(i.documentUniqueId())).as("instance %s", i.documentUniqueId()).contains(i.sha256());
        }
      }
    }
    assertThat(referenced).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(studies).isGreaterThan(1);
  }

  /** Every instance the manifest references, by study and series, at the series' Retrieve Location UID. */
  private static RetrieveImagingDocumentSetRequest rad75Request(KosManifest kos) {
    List<StudyRequest> studies = new ArrayList<>();
    for (KosManifest.StudyReference st : kos.evidence()) {
      List<SeriesRequest> series = new ArrayList<>();
      for (KosManifest.SeriesReference se : st.series()) {
        series.add(new SeriesRequest(se.seriesInstanceUid(), se.instances().stream().map(i -> new DocumentRequest(
            IDENTITY.homeCommunityId(), se.retrieveLocationUid(), i.sopInstanceUid())).toList()));
      }
      studies.add(new StudyRequest(st.studyInstanceUid(), series));
    }
    return new RetrieveImagingDocumentSetRequest(studies, List.copyOf(TRANSFER_SYNTAXES));
  }

  private static void inventory(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        DicomFile f;
        try {
          f = DicomReader.read(bytes, ReadOptions.HEADERS);
        } catch (RuntimeException notDicom) {
          continue;
        }
        String sop = f.dataset().string(Tag.SOPInstanceUID);
        String patient = f.dataset().string(Tag.PatientID);
        if (sop == null || patient == null || patient.isBlank()) {
          continue;
        }
        FILES.computeIfAbsent(sop, k -> new LinkedHashSet<>()).add(GatewayHarness.sha256(bytes));
        INSTANCES_BY_PATIENT.computeIfAbsent(patient.strip(), k -> new LinkedHashSet<>()).add(sop);
        TRANSFER_SYNTAXES.add(f.transferSyntax().uid());
      }
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
