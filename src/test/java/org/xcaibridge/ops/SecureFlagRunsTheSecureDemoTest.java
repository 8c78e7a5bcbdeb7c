package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.TlsSetup;

/**
 * {@code --secure}: the first start generates a test PKI under the work directory and says in the log that it is one;
 * the responder then answers HTTPS only, to clients with a certificate of the test CA that send a signed assertion;
 * the bridge's own client of it does both and is answered (and proved so at start). A client without the test CA's
 * trust is refused in the handshake, one without an assertion gets {@code wsse:InvalidSecurity}. Both sides audit
 * to the repository named by {@code secure.audit*} (here a UDP receiver on loopback): start, each side's ITI-38, the
 * refused assertion. A second start, as the responder alone, reuses the PKI.
 */
class SecureFlagRunsTheSecureDemoTest {
  @TempDir
  Path temp;
  private Vertx vertx;
  private Launcher.Running running;
  private DemoSet demo;
  private String patientId;
  private DatagramSocket syslog;
  private final List<String> audits = new CopyOnWriteArrayList<>();
  private OpsLog log;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    log = OpsLog.watch();
    demo = DemoSet.generate(temp.resolve("dicom"), 1);
    patientId = demo.patientId();
    syslog = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20));
    syslog.handler(p -> audits.add(p.data().toString(StandardCharsets.UTF_8)));
    await(syslog.listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      await(running.close());
    }
    await(vertx.close());
    log.close();
  }

  private Map<String, String> auditEnv() {
    return Map.of("XCAI_SECURE_AUDIT_HOST", "127.0.0.1", "XCAI_SECURE_AUDIT_PORT",
        Integer.toString(syslog.localAddress().port()), "XCAI_SECURE_AUDIT_TRANSPORT", "udp");
  }

  private List<String> messages() {
    return log.messages();
  }

  @Test
  void theBridgeAndItsResponderSpeakTwoWayTlsWithSignedAssertionsAndAudit() throws Exception {
    Path work = temp.resolve("work");
    running = await(demo.startSecureBridge(vertx, work, auditEnv()));
    Path pki = work.resolve("pki");
    for (String f : List.of(PkiFiles.CA_CERT, PkiFiles.SERVER_STORE, PkiFiles.CLIENT_STORE, PkiFiles.CLIENT_KEY,
        PkiFiles.TRUST_STORE, PkiFiles.PASSWORDS)) {
      assertThat(pki.resolve(f)).isRegularFile();
    }
    assertThat(messages()).anyMatch(m -> m.startsWith("secure demo: generated a new TEST PKI in " + pki)
        && m.contains("never use it for real patient data"));
    assertThat(messages()).anyMatch(m -> m.startsWith("secure demo: the bridge asked its responder (ITI-38 over "
        + "two-way TLS with a signed XUA assertion): SUCCESS"));
    assertThat(messages()).noneMatch(m -> m.startsWith("security relaxed"));
    assertThat(running.responderUrl()).startsWith("https://127.0.0.1:");

    AdhocQueryResponse found = onContext(() -> running.responderClient.query(query()));
    assertThat(found.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(found.documentEntries()).hasSize(1);

    CommunityClient plain = client(InitiatorSetup.demo());
    assertThat(failure(() -> plain.query(query()))).isInstanceOf(GatewayException.Tls.class);
    PkiFiles files = new PkiFiles(pki, false, passwords(pki));
    CommunityClient unsigned = client(InitiatorSetup.demo().withTls(TlsSetup.load(files.clientTls())));
    Throwable refused = failure(() -> unsigned.query(query()));
    assertThat(refused).isInstanceOf(GatewayException.Fault.class);
    assertThat(((GatewayException.Fault) refused).fault().subcodes()).containsExactly(new QName(
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd", "InvalidSecurity"));

    waitFor("audit records of start, both sides' ITI-38 and the refusal", () ->
        audits.stream().anyMatch(a -> a.contains("csd-code=\"110120\""))
            && audits.stream().filter(a -> a.contains("csd-code=\"ITI-38\"") && a.contains(
                "EventOutcomeIndicator=\"0\"")).count() >= 4
            && audits.stream().anyMatch(a -> a.contains("csd-code=\"110114\"")));
    await(running.close());
    running = null;
    waitFor("the stop record", () -> audits.stream().anyMatch(a -> a.contains("csd-code=\"110121\"")));
  }

  @Test
  void aSecondStartReusesThePkiAndTheResponderAloneIsSecureToo() throws Exception {
    Path work = temp.resolve("work");
    running = await(demo.startSecureBridge(vertx, work, Map.of()));
    assertThat(messages()).anyMatch(m -> m.startsWith("secure demo: no audit record repository configured"));
    byte[] ca = Files.readAllBytes(work.resolve("pki").resolve(PkiFiles.CA_CERT));
    await(running.close());
    running = await(ServeCommand.start(vertx, LaunchOptions.Mode.RESPONDER, new String[] {"--secure", "--folder",
        demo.folder().toString(), "--port", "0", "--work-dir", work.toString()}, Map.of(), Clock.systemUTC()));
    assertThat(messages()).anyMatch(m -> m.startsWith("secure demo: using the existing TEST PKI in "));
    assertThat(Files.readAllBytes(work.resolve("pki").resolve(PkiFiles.CA_CERT))).isEqualTo(ca);
    assertThat(running.responderClient).as("no bridge in responder mode").isNull();
    assertThat(running.responderUrl()).startsWith("https://");
    CommunityClient plain = client(InitiatorSetup.demo());
    assertThat(failure(() -> plain.query(query()))).isInstanceOf(GatewayException.Tls.class);
  }

  private AdhocQueryRequest query() {
    ResponderIdentity id = running.config.responder().identity();
    return new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(patientId, id.assigningAuthorityOid()),
        DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS, id.homeCommunityId());
  }

  private CommunityClient client(InitiatorSetup setup) {
    String base = running.responderUrl();
    return CommunityClient.create(vertx, CommunityEndpoints.of(running.config.responder().homeCommunityId(),
        "test", URI.create(base + RespondingGateway.ITI55_PATH), URI.create(base + RespondingGateway.ITI38_PATH),
        URI.create(base + RespondingGateway.ITI39_PATH), URI.create(base + RespondingGateway.RAD75_PATH)),
        CommunitySettings.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofSeconds(120)), setup);
  }

  private static Map<String, String> passwords(Path pki) throws Exception {
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newInputStream(pki.resolve(PkiFiles.PASSWORDS))) {
      p.load(in);
    }
    Map<String, String> out = new java.util.HashMap<>();
    p.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }

  /** Runs a client call on a Vert.x context, as clients want, and waits for it. */
  private <T> T onContext(Supplier<Future<T>> call) throws Exception {
    Promise<T> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(p));
    return await(p.future());
  }

  private <T> Throwable failure(Supplier<Future<T>> call) throws Exception {
    try {
      onContext(call);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the call was answered but should have been refused");
  }

  private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
  }
}
