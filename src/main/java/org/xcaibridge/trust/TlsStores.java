package org.xcaibridge.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads and checks the stores of {@link TlsSettings}; every failure names the file and what to fix. */
final class TlsStores {
  private TlsStores() {}

  /** A private key and its chain, leaf first, known to belong together. */
  record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {}

  static KeyMaterial key(TlsKeyStore store) {
    KeyMaterial km;
    Path where;
    if (store instanceof TlsKeyStore.Pkcs12) {
      TlsKeyStore.Pkcs12 p = (TlsKeyStore.Pkcs12) store;
      where = p.path();
      km = fromPkcs12(p);
    } else {
      TlsKeyStore.Pem p = (TlsKeyStore.Pem) store;
      where = p.certificateChain();
      km = fromPem(p);
    }
    requireMatch(km, where);
    return km;
  }

  static List<X509Certificate> anchors(TlsTrustStore store) {
    List<X509Certificate> certs = new ArrayList<>();
    Path where;
    if (store instanceof TlsTrustStore.Pkcs12) {
      TlsTrustStore.Pkcs12 p = (TlsTrustStore.Pkcs12) store;
      where = p.path();
      KeyStore ks = loadPkcs12(where, p.password());
      try {
        for (String alias : Collections.list(ks.aliases())) {
          if (ks.isCertificateEntry(alias)) {
            certs.add((X509Certificate) ks.getCertificate(alias));
          }
        }
      } catch (GeneralSecurityException e) {
        throw new TlsConfigException("cannot read trust store " + where + ": " + e.getMessage(), e);
      }
      if (certs.isEmpty()) {
        // openssl writes PKCS#12 certificates without the trust attribute the JDK looks for
        throw new TlsConfigException("trust store " + where + " holds no trusted certificate entry: "
            + "import the CA with keytool -importcert, or give a PEM file");
      }
    } else {
      where = ((TlsTrustStore.Pem) store).certificates();
      try {
        certs.addAll(TlsPem.certificates(read(where)));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new TlsConfigException("cannot read the certificates in " + where + ": " + e.getMessage(), e);
      }
      if (certs.isEmpty()) {
        throw new TlsConfigException("trust file " + where + " holds no PEM CERTIFICATE");
      }
    }
    return List.copyOf(certs);
  }

  private static KeyMaterial fromPkcs12(TlsKeyStore.Pkcs12 p) {
    KeyStore ks = loadPkcs12(p.path(), p.password());
    try {
      List<String> keyAliases = new ArrayList<>();
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          keyAliases.add(alias);
        }
      }
      if (keyAliases.size() != 1) {
        throw new TlsConfigException("key store " + p.path() + " must hold exactly one private key, holds "
            + keyAliases.size() + (keyAliases.isEmpty() ? "" : " " + keyAliases));
      }
      String alias = keyAliases.get(0);
      Key key = ks.getKey(alias, p.password().toCharArray());
      Certificate[] chain = ks.getCertificateChain(alias);
      if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
        throw new TlsConfigException("entry '" + alias + "' of key store " + p.path()
            + " is not a private key with a certificate chain");
      }
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : chain) {
        certs.add((X509Certificate) c);
      }
      return new KeyMaterial((PrivateKey) key, List.copyOf(certs));
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException("cannot read the key in " + p.path() + ": " + e.getMessage(), e);
    }
  }

  private static KeyMaterial fromPem(TlsKeyStore.Pem p) {
    List<X509Certificate> chain;
    try {
      chain = TlsPem.certificates(read(p.certificateChain()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TlsConfigException("cannot read the certificates in " + p.certificateChain() + ": "
          + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new TlsConfigException("certificate file " + p.certificateChain() + " holds no PEM CERTIFICATE");
    }
    try {
      return new KeyMaterial(TlsPem.privateKey(read(p.privateKey())), List.copyOf(chain));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TlsConfigException("cannot read the private key in " + p.privateKey() + ": "
          + e.getMessage(), e);
    }
  }

  private static KeyStore loadPkcs12(Path path, String password) {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password.toCharArray());
      return ks;
    } catch (NoSuchFileException e) {
      throw new TlsConfigException("PKCS#12 store " + path + " does not exist", e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TlsConfigException("wrong password for PKCS#12 store " + path, e);
      }
      throw new TlsConfigException("cannot read PKCS#12 store " + path + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException("cannot read PKCS#12 store " + path + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new TlsConfigException("PEM file " + path + " does not exist", e);
    } catch (IOException e) {
      throw new TlsConfigException("cannot read PEM file " + path + ": " + e.getMessage(), e);
    }
  }

  /** A key that signs what the leaf certificate cannot verify would fail every handshake. */
  private static void requireMatch(KeyMaterial km, Path where) {
    String algorithm = km.privateKey().getAlgorithm();
    String signature;
    if (algorithm.equals("RSA")) {
      signature = "SHA256withRSA";
    } else if (algorithm.equals("EC")) {
      signature = "SHA256withECDSA";
    } else {
      throw new TlsConfigException("the key in " + where + " is " + algorithm + ": only RSA and EC keys are supported");
    }
    byte[] probe = "xcai-bridge key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature s = Signature.getInstance(signature);
      s.initSign(km.privateKey());
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(signature);
      v.initVerify(km.chain().get(0).getPublicKey());
      v.update(probe);
      if (!v.verify(sig)) {
        throw new TlsConfigException("the private key does not belong to the first certificate in " + where);
      }
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException("the private key does not belong to the first certificate in " + where
          + ": " + e.getMessage(), e);
    }
  }
}
