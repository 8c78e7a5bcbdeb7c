package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.1 is refused both ways. The server gets a TLS 1.1 ClientHello written byte by byte here (the
 * JDK's own client will not even offer 1.1, so it could not prove anything) and from openssl; the
 * client meets an openssl server that speaks only 1.1 and finds nothing it could accept. A good handshake follows each refusal.
 */
class TlsRefusesTls11Test {
  private static final int ALERT = 0x15;
  private static final int PROTOCOL_VERSION = 70;
  private Vertx vertx;
  private TlsRig server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = TlsRig.start(vertx, TlsSetup.load(TestPki.shared().serverTls()).httpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(vertx.close());
  }

  @Test
  void serverAnswersATls11ClientHelloWithAProtocolVersionAlert() throws Exception {
    byte[] answer;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(tls11ClientHello());
      out.flush();
      answer = new byte[7];
      new DataInputStream(s.getInputStream()).readFully(answer);
    }
    // record: type alert, version, length 2, level fatal (2), description protocol_version (70)
    assertThat(answer[0] & 0xff).isEqualTo(ALERT);
    assertThat(answer[5] & 0xff).isEqualTo(2);
    assertThat(answer[6] & 0xff).isEqualTo(PROTOCOL_VERSION);
    assertThat(server.answered()).isZero();

    assertGoodClientWorks();
  }

  @Test
  void serverRefusesOpensslOfferingOnlyTls11() throws Exception {
    TrustTools.requireOpenssl();
    PkiFiles pki = TestPki.shared();
    var r = TrustTools.run("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-tls1_1",
        "-cipher", "DEFAULT@SECLEVEL=0", "-CAfile", pki.file(PkiFiles.CA_CERT).toString(),
        "-cert", pki.file(PkiFiles.CLIENT_CHAIN).toString(), "-key", pki.file(PkiFiles.CLIENT_KEY).toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr() + r.out()).contains("alert protocol version");
    assertThat(server.answered()).isZero();

    assertGoodClientWorks();
  }

  @Test
  void clientOffersNothingAServerSpeakingOnlyTls11CouldAccept() throws Exception {
    TrustTools.requireOpenssl();
    PkiFiles pki = TestPki.shared();
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process openssl = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-tls1_1",
        "-cipher", "DEFAULT@SECLEVEL=0", "-cert", pki.file(PkiFiles.SERVER_CHAIN).toString(),
        "-key", pki.file(PkiFiles.SERVER_KEY).toString(), "-www").redirectErrorStream(true).start();
    try {
      awaitLine(openssl, "ACCEPT");
      var client = TlsSetup.load(pki.clientTls()).httpClientOptions();
      // openssl would have negotiated 1.1 had the client offered it; it alerts because nothing fits
      assertThat(TlsRig.refusal(vertx, client, "127.0.0.1", port)).contains("protocol_version");
    } finally {
      openssl.destroy();
      if (!openssl.waitFor(10, TimeUnit.SECONDS)) {
        openssl.destroyForcibly();
      }
    }
    assertGoodClientWorks();
  }

  private void assertGoodClientWorks() throws Exception {
    var good = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();
    assertThat(TlsRig.get(vertx, good, "127.0.0.1", server.port())).startsWith("CN=XCA-I Bridge client");
  }

  private static void awaitLine(Process p, String wanted) throws Exception {
    CompletableFuture<Void> seen = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.contains(wanted)) {
            seen.complete(null);
          }
        }
        seen.completeExceptionally(new AssertionError("openssl s_server ended without " + wanted));
      } catch (Exception e) {
        seen.completeExceptionally(e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    seen.get(30, TimeUnit.SECONDS);
  }

  /** A TLS 1.1 ClientHello (RFC 4346 §7.4.1.2) offering CBC suites, no extensions. */
  static byte[] tls11ClientHello() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(3);
    body.write(2);
    for (int i = 0; i < 32; i++) {
      body.write(i * 7);
    }
    body.write(0); // no session id
    int[] suites = {0xC013, 0xC014, 0x002F, 0x0035, 0x00FF};
    u16(body, suites.length * 2);
    for (int suite : suites) {
      u16(body, suite);
    }
    body.write(1); // one compression method: null
    body.write(0);
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(0x16); // handshake
    record.write(3);
    record.write(2);
    u16(record, body.size() + 4);
    record.write(1); // client_hello
    record.write(0);
    u16(record, body.size());
    record.writeBytes(body.toByteArray());
    return record.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8);
    out.write(v & 0xff);
  }
}
