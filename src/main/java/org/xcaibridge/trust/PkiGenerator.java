package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates the secure demo's test PKI once (issue 7 point 7): a CA, a server certificate and a client
 * certificate, all RSA with SHA-256, the server and client ones carrying subjectAltNames for the
 * configured host names and addresses. It runs the JDK's {@code keytool} (no third-party crypto in the
 * product), then reads the PKCS#12 stores with {@link java.security.KeyStore} to write the PEM files
 * keytool cannot (private keys). Passwords are random (a supplied {@link SecureRandom}).
 *
 * <p>Idempotent: a directory that already holds a complete, valid PKI is reused; one that holds
 * anything else is reported and left untouched. A new PKI is built in a sibling temporary directory and
 * renamed into place in one step, so a crash or a concurrent start never leaves half a PKI behind.
 */
public final class PkiGenerator {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int PASSWORD_CHARS = 24;

  private PkiGenerator() {}

  /** {@link #ensure(Path, PkiSettings, Clock, SecureRandom)} on a worker thread. */
  public static Future<PkiFiles> ensure(Vertx vertx, Path dir, PkiSettings settings, Clock clock) {
    return vertx.executeBlocking(() -> ensure(dir, settings, clock, new SecureRandom()));
  }

  /**
   * The PKI in dir: the existing one if it is complete and valid at the clock's instant, a new one if
   * dir is absent or empty. Blocking (keytool takes seconds).
   *
   * @throws PkiException if dir holds something else, or generating fails
   */
  public static PkiFiles ensure(Path dir, PkiSettings settings, Clock clock, SecureRandom random) {
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(target) || !isEmpty(target)) {
        return PkiCheck.check(target, clock.instant());
      }
      delete(target);
    }
    Path work = createWorkDir(target);
    try {
      Map<String, String> passwords = generate(work, settings, random);
      try {
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (Files.isDirectory(target)) {
          // another process won the race: use its PKI, as a restart would
          return PkiCheck.check(target, clock.instant());
        }
        throw new PkiException("cannot move the new PKI to " + target + ": " + e.getMessage(), e);
      }
      return new PkiFiles(target, true, passwords);
    } finally {
      if (Files.exists(work)) {
        deleteTree(work);
      }
    }
  }

  private static Map<String, String> generate(Path work, PkiSettings s, SecureRandom random) {
    Map<String, String> passwords = new LinkedHashMap<>();
    for (String store : PkiFiles.STORES) {
      passwords.put(store, password(random));
    }
    String caPass = passwords.get(PkiFiles.CA_STORE);
    PkiKeytool keytool = new PkiKeytool(work);
    String days = Long.toString(s.validity().toDays());
    String bits = Integer.toString(s.rsaKeyBits());
    // certificates start an hour early so that a peer whose clock lags a little accepts them
    keytool.run(Map.of(PkiKeytool.STORE_PASS, caPass), "-genkeypair", "-alias", "ca",
        "-keyalg", "RSA", "-keysize", bits, "-sigalg", "SHA256withRSA",
        "-dname", "CN=XCA-I Bridge Test CA, O=" + s.organization(), "-validity", days, "-startdate", "-1H",
        "-ext", "bc:c=ca:true,pathlen:0", "-ext", "ku:c=keyCertSign,cRLSign",
        "-keystore", PkiFiles.CA_STORE, "-storetype", "PKCS12", "-storepass:env", PkiKeytool.STORE_PASS);
    keytool.run(Map.of(PkiKeytool.STORE_PASS, caPass), "-exportcert", "-rfc", "-alias", "ca",
        "-keystore", PkiFiles.CA_STORE, "-storepass:env", PkiKeytool.STORE_PASS, "-file", PkiFiles.CA_CERT);
    leaf(keytool, work, s, "server", "CN=" + commonName(s) + ", O=" + s.organization(), "serverAuth",
        "digitalSignature,keyEncipherment", passwords.get(PkiFiles.SERVER_STORE), caPass);
    leaf(keytool, work, s, "client", "CN=XCA-I Bridge client, O=" + s.organization(), "clientAuth",
        "digitalSignature", passwords.get(PkiFiles.CLIENT_STORE), caPass);
    keytool.run(Map.of(PkiKeytool.STORE_PASS, passwords.get(PkiFiles.TRUST_STORE)), "-importcert", "-noprompt",
        "-alias", "ca", "-file", PkiFiles.CA_CERT, "-keystore", PkiFiles.TRUST_STORE, "-storetype", "PKCS12",
        "-storepass:env", PkiKeytool.STORE_PASS);
    write(work, PkiFiles.PASSWORDS, passwordsFile(passwords));
    restrict(work);
    return passwords;
  }

  /** Key pair, CSR, certificate signed by the CA, chain imported back; then the PEM files. */
  private static void leaf(PkiKeytool keytool, Path work, PkiSettings s, String name, String dname,
      String extendedKeyUsage, String keyUsage, String storePass, String caPass) {
    Map<String, String> env = Map.of(PkiKeytool.STORE_PASS, storePass, PkiKeytool.CA_PASS, caPass);
    String store = name + ".p12";
    String csr = name + ".csr";
    String cert = name + ".crt";
    keytool.run(env, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize",
        Integer.toString(s.rsaKeyBits()), "-sigalg", "SHA256withRSA", "-dname", dname,
        "-validity", Long.toString(s.validity().toDays()), "-keystore", store, "-storetype", "PKCS12",
        "-storepass:env", PkiKeytool.STORE_PASS);
    keytool.run(env, "-certreq", "-alias", name, "-keystore", store, "-storepass:env", PkiKeytool.STORE_PASS,
        "-file", csr);
    keytool.run(env, "-gencert", "-alias", "ca", "-keystore", PkiFiles.CA_STORE,
        "-storepass:env", PkiKeytool.CA_PASS, "-infile", csr, "-outfile", cert, "-rfc", "-sigalg", "SHA256withRSA",
        "-validity", Long.toString(s.validity().toDays()), "-startdate", "-1H",
        "-ext", s.subjectAltNames(), "-ext", "eku=" + extendedKeyUsage, "-ext", "ku:c=" + keyUsage);
    // a certificate reply that carries the whole chain installs without trusting the CA in this store
    write(work, name + "-reply.pem", read(work, cert) + read(work, PkiFiles.CA_CERT));
    keytool.run(env, "-importcert", "-noprompt", "-alias", name, "-file", name + "-reply.pem",
        "-keystore", store, "-storepass:env", PkiKeytool.STORE_PASS);
    for (String scratch : new String[] {csr, cert, name + "-reply.pem"}) {
      delete(work.resolve(scratch));
    }
    TlsSetup loaded = TlsSetup.load(TlsSettings.of(new TlsKeyStore.Pkcs12(work.resolve(store), storePass), null));
    try {
      write(work, name + ".pem", TlsPem.certificateChain(loaded.certificateChain()));
    } catch (java.security.cert.CertificateException e) {
      throw new PkiException("cannot encode the " + name + " certificate chain: " + e.getMessage(), e);
    }
    write(work, name + "-key.pem", TlsPem.encode("PRIVATE KEY", loaded.privateKey().getEncoded()));
  }

  private static String commonName(PkiSettings s) {
    return s.dnsNames().isEmpty() ? s.ipAddresses().get(0) : s.dnsNames().get(0);
  }

  private static String password(SecureRandom random) {
    StringBuilder sb = new StringBuilder(PASSWORD_CHARS);
    for (int i = 0; i < PASSWORD_CHARS; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static String passwordsFile(Map<String, String> passwords) {
    StringBuilder sb = new StringBuilder()
        .append("# Passwords of the demo PKI's PKCS#12 stores (random, generated once; test use only).\n")
        .append("# The PEM files need none, e.g.:\n")
        .append("#   curl --cacert ca.pem --cert client.pem --key client-key.pem https://127.0.0.1:<port>/\n")
        .append("#   openssl pkcs12 -in server.p12 -passin pass:<server.p12 below> -nodes\n");
    passwords.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  /** Keys, stores and passwords readable by their owner only, where the file system knows owners. */
  private static void restrict(Path work) {
    try {
      if (!Files.getFileStore(work).supportsFileAttributeView("posix")) {
        return;
      }
      for (String name : PkiFiles.SECRET) {
        Files.setPosixFilePermissions(work.resolve(name), PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new PkiException("cannot restrict the permissions of the PKI's secret files: " + e.getMessage(), e);
    }
  }

  private static Path createWorkDir(Path target) {
    try {
      Path parent = target.getParent();
      Files.createDirectories(parent);
      // created owner-only on POSIX file systems; keeps that mode when renamed
      return Files.createTempDirectory(parent, "." + target.getFileName() + "-");
    } catch (IOException e) {
      throw new PkiException("cannot create a directory beside " + target + ": " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new PkiException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path dir, String name) {
    try {
      return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PkiException("cannot read " + name + " that keytool wrote: " + e.getMessage(), e);
    }
  }

  private static void write(Path dir, String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PkiException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new PkiException("cannot delete " + p + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover hidden work directory is harmless and named after the PKI
    }
  }
}
