package org.xcaibridge.trust;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Decides whether a directory holds a complete, consistent, currently valid demo PKI, so that a
 * restart reuses it (peers configured with its CA keep working) and anything else is reported, never
 * overwritten.
 */
final class PkiCheck {
  private PkiCheck() {}

  /** The PKI in dir, or a PkiException saying what is wrong with it. */
  static PkiFiles check(Path dir, Instant now) {
    List<String> missing = new ArrayList<>();
    for (String name : PkiFiles.ALL) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw unusable(dir, "missing " + missing);
    }
    PkiFiles files = new PkiFiles(dir, false, readPasswords(dir));
    try {
      X509Certificate ca = TlsPem.certificates(read(files, PkiFiles.CA_CERT)).get(0);
      TlsSetup caStore = TlsSetup.load(TlsSettings.of(
          new TlsKeyStore.Pkcs12(files.file(PkiFiles.CA_STORE), files.passwords().get(PkiFiles.CA_STORE)), null));
      require(caStore.certificateChain().get(0).equals(ca), dir, PkiFiles.CA_CERT + " is not the CA in " + PkiFiles.CA_STORE);
      require(ca.getBasicConstraints() >= 0, dir, PkiFiles.CA_CERT + " is not a CA certificate");
      ca.verify(ca.getPublicKey());
      TlsSetup server = TlsSetup.load(files.serverTls());
      TlsSetup client = TlsSetup.load(files.clientTls());
      require(server.trustAnchors().equals(List.of(ca)), dir, PkiFiles.TRUST_STORE + " does not hold exactly the CA");
      checkLeaf(files, server, ca, PkiFiles.SERVER_CHAIN, PkiFiles.SERVER_KEY);
      checkLeaf(files, client, ca, PkiFiles.CLIENT_CHAIN, PkiFiles.CLIENT_KEY);
      for (TlsSetup s : List.of(caStore, server, client)) {
        for (X509Certificate c : s.certificateChain()) {
          if (now.isAfter(c.getNotAfter().toInstant()) || now.isBefore(c.getNotBefore().toInstant())) {
            throw unusable(dir, "certificate " + c.getSubjectX500Principal().getName() + " is valid only from "
                + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant());
          }
        }
      }
    } catch (TlsConfigException e) {
      throw unusable(dir, e.getMessage());
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw unusable(dir, e.toString());
    }
    return files;
  }

  private static void checkLeaf(PkiFiles files, TlsSetup store, X509Certificate ca, String chainFile,
      String keyFile) throws GeneralSecurityException {
    Path dir = files.directory();
    List<X509Certificate> chain = store.certificateChain();
    require(chain.size() == 2 && chain.get(1).equals(ca), dir, "the chain in the " + chainFile
        + " store does not end at the CA");
    chain.get(0).verify(ca.getPublicKey());
    require(TlsPem.certificates(read(files, chainFile)).equals(chain), dir,
        chainFile + " does not hold the same chain as its PKCS#12 store");
    PrivateKey pem = TlsPem.privateKey(read(files, keyFile));
    require(Arrays.equals(pem.getEncoded(), store.privateKey().getEncoded()), dir,
        keyFile + " is not the key in its PKCS#12 store");
  }

  private static Map<String, String> readPasswords(Path dir) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(PkiFiles.PASSWORDS), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw unusable(dir, "cannot read " + PkiFiles.PASSWORDS + ": " + e.getMessage());
    }
    Map<String, String> out = new HashMap<>();
    for (String store : PkiFiles.STORES) {
      String pw = p.getProperty(store);
      if (pw == null || pw.isEmpty()) {
        throw unusable(dir, PkiFiles.PASSWORDS + " has no password for " + store);
      }
      out.put(store, pw);
    }
    return out;
  }

  private static String read(PkiFiles files, String name) {
    try {
      return Files.readString(files.file(name), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw unusable(files.directory(), "cannot read " + name + ": " + e.getMessage());
    }
  }

  private static void require(boolean ok, Path dir, String problem) {
    if (!ok) {
      throw unusable(dir, problem);
    }
  }

  static PkiException unusable(Path dir, String problem) {
    return new PkiException(dir + " is not a usable demo PKI (" + problem + "); it is left as it is: "
        + "move it away to have a new one generated");
  }
}
