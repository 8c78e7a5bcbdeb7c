package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo PKI is generated at first start only: a complete, valid directory is reused byte for byte;
 * a damaged, incomplete, foreign or expired one is reported and left untouched; an empty one is filled
 * (on a worker thread, with fresh random passwords). Secrets are readable by their owner only.
 */
class PkiGeneratorReusesOrRefusesTest {
  @TempDir Path tmp;

  @Test
  void aValidPkiIsReusedUnchanged() throws Exception {
    PkiFiles first = TestPki.shared();
    Map<String, String> before = hashes(first.directory());
    PkiFiles again = PkiGenerator.ensure(first.directory(), PkiSettings.demo(), Clock.systemUTC(), new SecureRandom());
    assertThat(again.generated()).isFalse();
    assertThat(again.passwords()).isEqualTo(first.passwords());
    assertThat(hashes(first.directory())).isEqualTo(before);
    assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(PkiFiles.ALL);
  }

  @Test
  void secretsAreOwnerOnlyAndPasswordsAreDistinct() throws Exception {
    PkiFiles pki = TestPki.shared();
    for (String name : PkiFiles.SECRET) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.file(name)))).as(name)
          .isEqualTo("rw-------");
    }
    assertThat(pki.passwords().values()).doesNotHaveDuplicates().allMatch(p -> p.length() == 24);
    assertThat(pki.toString()).doesNotContain(pki.passwords().get(PkiFiles.SERVER_STORE));
  }

  @Test
  void aKeyThatIsNotTheStoresIsReportedAndLeftAlone() throws Exception {
    Path copy = copyOfShared();
    Files.copy(copy.resolve(PkiFiles.CLIENT_KEY), copy.resolve(PkiFiles.SERVER_KEY), StandardCopyOption.REPLACE_EXISTING);
    Map<String, String> before = hashes(copy);
    assertThatThrownBy(() -> PkiGenerator.ensure(copy, PkiSettings.demo(), Clock.systemUTC(), new SecureRandom()))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("server-key.pem is not the key in its PKCS#12 store")
        .hasMessageContaining("move it away");
    assertThat(hashes(copy)).isEqualTo(before);
  }

  @Test
  void aMissingFileOrAWrongPasswordIsReported() throws Exception {
    Path copy = copyOfShared();
    Files.delete(copy.resolve(PkiFiles.CLIENT_STORE));
    assertThatThrownBy(() -> PkiGenerator.ensure(copy, PkiSettings.demo(), Clock.systemUTC(), new SecureRandom()))
        .isInstanceOf(PkiException.class).hasMessageContaining("missing [client.p12]");

    Path other = copyOfShared();
    String passwords = Files.readString(other.resolve(PkiFiles.PASSWORDS))
        .replace(TestPki.shared().passwords().get(PkiFiles.SERVER_STORE), "not-the-password");
    Files.writeString(other.resolve(PkiFiles.PASSWORDS), passwords);
    assertThatThrownBy(() -> PkiGenerator.ensure(other, PkiSettings.demo(), Clock.systemUTC(), new SecureRandom()))
        .isInstanceOf(PkiException.class).hasMessageContaining("wrong password for PKCS#12 store");
  }

  @Test
  void aDirectoryOfSomethingElseIsNotTouched() throws Exception {
    Path foreign = Files.createDirectory(tmp.resolve("pki"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> PkiGenerator.ensure(foreign, PkiSettings.demo(), Clock.systemUTC(), new SecureRandom()))
        .isInstanceOf(PkiException.class).hasMessageContaining("missing");
    try (Stream<Path> s = Files.list(foreign)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
  }

  @Test
  void anExpiredPkiIsReported() throws Exception {
    Path copy = copyOfShared();
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
    assertThatThrownBy(() -> PkiGenerator.ensure(copy, PkiSettings.demo(), later, new SecureRandom()))
        .isInstanceOf(PkiException.class).hasMessageContaining("is valid only from");
  }

  @Test
  void anEmptyDirectoryIsFilledOnAWorkerThreadAndThenReused() throws Exception {
    Path empty = Files.createDirectory(tmp.resolve("pki"));
    Vertx vertx = Vertx.vertx();
    try {
      PkiFiles made = TlsRig.await(PkiGenerator.ensure(vertx, empty, PkiSettings.demo(), Clock.systemUTC()));
      assertThat(made.generated()).isTrue();
      assertThat(made.passwords().values()).doesNotContainAnyElementsOf(TestPki.shared().passwords().values());
      try (Stream<Path> s = Files.list(empty.getParent())) {
        // no work directory is left beside it, and no scratch file inside
        assertThat(s.map(p -> p.getFileName().toString())).containsExactly("pki");
      }
      assertThat(hashes(empty).keySet()).containsExactlyInAnyOrderElementsOf(PkiFiles.ALL);
      assertThat(TlsSetup.load(made.serverTls()).certificateChain().get(1))
          .isNotEqualTo(TestPki.caCertificate());
      PkiFiles reused = TlsRig.await(PkiGenerator.ensure(vertx, empty, PkiSettings.demo(), Clock.systemUTC()));
      assertThat(reused.generated()).isFalse();
      assertThat(reused.passwords()).isEqualTo(made.passwords());
    } finally {
      TlsRig.await(vertx.close());
    }
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> new PkiSettings(Duration.ofDays(0), 2048, List.of("localhost"), List.of(), "o"))
        .hasMessageContaining("validity must be 1 to 3650 whole days");
    assertThatThrownBy(() -> new PkiSettings(Duration.ofHours(36), 2048, List.of("localhost"), List.of(), "o"))
        .hasMessageContaining("whole days");
    assertThatThrownBy(() -> new PkiSettings(Duration.ofDays(1), 1024, List.of("localhost"), List.of(), "o"))
        .hasMessageContaining("rsaKeyBits must be 2048, 3072 or 4096");
    assertThatThrownBy(() -> new PkiSettings(Duration.ofDays(1), 2048, List.of("bad,host"), List.of(), "o"))
        .hasMessageContaining("not a DNS name");
    assertThatThrownBy(() -> new PkiSettings(Duration.ofDays(1), 2048, List.of(), List.of("300.1.1.1"), "o"))
        .hasMessageContaining("not an IP address literal");
    assertThatThrownBy(() -> new PkiSettings(Duration.ofDays(1), 2048, List.of(), List.of(), "o"))
        .hasMessageContaining("at least one DNS name or IP address");
    assertThatThrownBy(() -> new PkiSettings(Duration.ofDays(1), 2048, List.of("localhost"), List.of(), "A, CN=evil"))
        .hasMessageContaining("organization must be");
    assertThat(new PkiSettings(Duration.ofDays(2), 3072, List.of("gw.example.org"), List.of("::1", "10.0.0.1"), "Org-1")
        .subjectAltNames()).isEqualTo("san=dns:gw.example.org,ip:::1,ip:10.0.0.1");
  }

  private Path copyOfShared() throws Exception {
    Path copy = Files.createTempDirectory(tmp, "copy");
    try (Stream<Path> s = Files.list(TestPki.shared().directory())) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    return copy;
  }

  private static Map<String, String> hashes(Path dir) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        out.put(p.getFileName().toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
