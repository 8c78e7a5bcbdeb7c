package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.gateway.RetrievedDocuments;
import org.xcaibridge.gateway.SecurityHeaderSource;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntry;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;

/**
 * The initiating side of the secure path: the product's {@link SecurityHeaderSource#xua} signs every request on a
 * worker thread, never on the event loop that makes the call (the signer's clock notes the thread asking it the
 * time), one fresh assertion per request; and a {@link CommunityClient} given an audit sink records each transaction
 * once it has ended — ITI-38 Query, ITI-39 and RAD-75 Import (the instances handed on), a refused query with a
 * failure outcome — naming the front-door user it spoke for and the responder it called. Each record is read back
 * from a syslog receiver and checked against the PS3.15 schema.
 */
class SecureInitiatorSignsOffTheLoopAndAuditsTest {
  private static final XuaSubject USER = XuaSubject.of("dr.house", "Princeton Plainsboro", "1.3.6.1.4.1.21367.13.90.1",
      XuaCode.snomedRole("309343006", "Physician"), XuaCode.TREATMENT);
  @TempDir
  static Path temp;
  private static SecureDoorRig rig;
  private static final SyslogTestReceiver initiatorSyslog = new SyslogTestReceiver();
  private static AuditTrail trail;
  private static final List<String> signingThreads = new CopyOnWriteArrayList<>();

  /** A fixed clock that notes whether it is asked on an event loop or a worker. */
  private static final class WatchedClock extends Clock {
    private final Instant at;

    WatchedClock(Instant at) {
      this.at = at;
    }

    @Override
    public Instant instant() {
      signingThreads.add(Context.isOnEventLoopThread() ? "event-loop" : Context.isOnWorkerThread() ? "worker"
          : "other:" + Thread.currentThread().getName());
      return at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    rig = new SecureDoorRig(temp);
    int port = initiatorSyslog.startUdp();
    trail = SecureDoorRig.await(AuditTrail.open(rig.harness.vertx, AuditTrailSettings.of(temp.resolve("bridge-spool"),
        SyslogHeader.ihe("bridge.test", "xcai-bridge", "88"), Clock.systemUTC())
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)), new SyslogUdpTransport(rig.harness.vertx,
        new DatagramSocketOptions(), "127.0.0.1", port, SyslogUdpTransport.MAX_IPV4_PAYLOAD)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (trail != null) {
      SecureDoorRig.await(trail.close());
    }
    if (rig != null) {
      rig.close();
    }
    initiatorSyslog.close();
  }

  private static InitiatorSetup setup(SecurityHeaderSource security) {
    AuditEvents events = new AuditEvents(new AuditNode("xcai-bridge-test", null,
        AuditCodes.APPLICATION_SERVER_PROCESS, "xcai-bridge", "88", "127.0.0.1"), Clock.systemUTC());
    return SecureDoorRig.clientTls().withSecurity(security).withAudit(AuditSink.of(events, trail));
  }

  @Test
  void signsOnWorkersAndAuditsQueryRetrieveImportAndARefusal() throws Exception {
    GatewayHarness h = rig.harness;
    XuaSigner signer = new XuaSigner(SecureDoorRig.signerConfig(SecureDoorRig.clientKey()), new WatchedClock(rig.now),
        UUID::randomUUID);
    CommunityClient client = rig.client(setup(rig.signed(signer))).forSubject(USER);

    AdhocQueryResponse found = h.await(() -> client.query(query()));
    DocumentEntry entry = found.documentEntries().get(0);
    RetrievedDocuments manifests = h.await(() -> client.retrieveDocuments(new RetrieveDocumentSetRequest(List.of(
        new DocumentRequest(entry.home(), entry.repositoryUniqueId(), entry.uniqueId())))));
    KosManifest kos = KosManifest.read(DicomReader.read(manifests.documents().get(0).content().getBytes(),
        ReadOptions.ALL).dataset());
    GatewayHarness.Collected got = h.collect(h.await(() -> client.retrieveImages(SecureExchangeEndToEndTest.rad75(kos))));
    assertThat(got.instances()).hasSize(rig.files.size());

    assertThat(signingThreads).as("one assertion per request, each signed on a worker").hasSize(3)
        .containsOnly("worker");

    Document query = awaitRecord("ITI-38", "0");
    assertThat(AuditChecks.text(query, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110112");
    assertRequestorAndResponder(query, rig.base() + "/xca/iti38");
    assertThat(AuditChecks.text(query, "/AuditMessage/ParticipantObjectIdentification[@ParticipantObjectTypeCodeRole='1']"
        + "/@ParticipantObjectID")).contains(rig.study.patient().id());
    assertThat(AuditChecks.base64Text(query, "/AuditMessage/ParticipantObjectIdentification/ParticipantObjectQuery"))
        .contains("AdhocQueryRequest").contains(rig.study.patient().id());

    Document manifest = awaitRecord("ITI-39", "0");
    assertThat(AuditChecks.text(manifest, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110107");
    assertThat(AuditChecks.text(manifest, "/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("C");

    Document images = awaitRecord("RAD-75", "0");
    assertThat(AuditChecks.text(images, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110107");
    assertRequestorAndResponder(images, rig.base() + "/xcai/rad75");
    List<String> objects = new ArrayList<>();
    int n = AuditChecks.count(images, "/AuditMessage/ParticipantObjectIdentification");
    for (int i = 1; i <= n; i++) {
      objects.add(AuditChecks.text(images, "/AuditMessage/ParticipantObjectIdentification[" + i
          + "]/@ParticipantObjectID"));
    }
    assertThat(objects).contains(rig.study.studyInstanceUid()).containsAll(rig.files.keySet());

    CommunityClient unsigned = rig.client(setup(SecurityHeaderSource.none()));
    assertThat(h.failure(() -> unsigned.query(query()))).isInstanceOf(GatewayException.Fault.class);
    Document refused = awaitRecord("ITI-38", "8");
    assertThat(AuditChecks.text(refused, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110112");
  }

  private static void assertRequestorAndResponder(Document d, String endpoint) {
    assertThat(AuditChecks.text(d, "/AuditMessage/ActiveParticipant[@UserName='dr.house']/@UserIsRequestor"))
        .isEqualTo("true");
    assertThat(AuditChecks.text(d, "/AuditMessage/ActiveParticipant[@UserID='" + endpoint
        + "']/@NetworkAccessPointID")).isEqualTo("127.0.0.1");
    assertThat(AuditChecks.text(d, "/AuditMessage/ActiveParticipant[@UserID='" + endpoint
        + "']/@UserIsRequestor")).isEqualTo("false");
  }

  private static AdhocQueryRequest query() {
    return new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(rig.study.patient().id(),
        SecureDoorRig.IDENTITY.assigningAuthorityOid()), DocumentEntryFilter.approvedImagingManifests()),
        ReturnType.LEAF_CLASS, SecureDoorRig.IDENTITY.homeCommunityId());
  }

  /** The initiator's record of a transaction with this outcome, schema-checked. */
  private static Document awaitRecord(String type, String outcome) throws InterruptedException {
    Document[] found = {null};
    AuditTrailHarness.waitUntil(type + " record, outcome " + outcome, 30, () -> {
      for (byte[] d : initiatorSyslog.datagrams()) {
        AuditChecks.Syslog s = AuditChecks.parse(d);
        AuditChecks.validate(s.xml());
        Document x = AuditChecks.dom(s.xml());
        if (type.equals(AuditChecks.text(x, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code"))
            && outcome.equals(AuditChecks.text(x, "/AuditMessage/EventIdentification/@EventOutcomeIndicator"))) {
          found[0] = x;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }
}
