package org.xcaibridge.trust;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The demo PKI in its directory: a CA, a server and a client certificate, each as PEM (chain and
 * PKCS#8 key, for curl and openssl) and as a PKCS#12 store, a PKCS#12 trust store holding the CA, and
 * {@value #PASSWORDS} with the stores' passwords.
 *
 * @param directory where the files are
 * @param generated whether this start generated them (false: an existing PKI was reused)
 * @param passwords PKCS#12 file name → its password
 */
public record PkiFiles(Path directory, boolean generated, Map<String, String> passwords) {
  public static final String CA_CERT = "ca.pem";
  public static final String CA_STORE = "ca.p12";
  public static final String SERVER_CHAIN = "server.pem";
  public static final String SERVER_KEY = "server-key.pem";
  public static final String SERVER_STORE = "server.p12";
  public static final String CLIENT_CHAIN = "client.pem";
  public static final String CLIENT_KEY = "client-key.pem";
  public static final String CLIENT_STORE = "client.p12";
  public static final String TRUST_STORE = "truststore.p12";
  public static final String PASSWORDS = "passwords.properties";

  /** Every file of a complete PKI. */
  static final List<String> ALL = List.of(CA_CERT, CA_STORE, SERVER_CHAIN, SERVER_KEY, SERVER_STORE,
      CLIENT_CHAIN, CLIENT_KEY, CLIENT_STORE, TRUST_STORE, PASSWORDS);
  /** The files only their owner may read. */
  static final List<String> SECRET = List.of(CA_STORE, SERVER_KEY, SERVER_STORE, CLIENT_KEY, CLIENT_STORE,
      TRUST_STORE, PASSWORDS);
  static final List<String> STORES = List.of(CA_STORE, SERVER_STORE, CLIENT_STORE, TRUST_STORE);

  public PkiFiles {
    Objects.requireNonNull(directory, "directory");
    passwords = Map.copyOf(passwords);
    for (String store : STORES) {
      if (!passwords.containsKey(store)) {
        throw new IllegalArgumentException("no password for " + store);
      }
    }
  }

  public Path file(String name) {
    return directory.resolve(name);
  }

  /** TLS settings of the demo's responder: the server certificate, trusting the demo CA. */
  public TlsSettings serverTls() {
    return TlsSettings.of(new TlsKeyStore.Pkcs12(file(SERVER_STORE), passwords.get(SERVER_STORE)), trust());
  }

  /** TLS settings of the demo's bridge: the client certificate, trusting the demo CA. */
  public TlsSettings clientTls() {
    return TlsSettings.of(new TlsKeyStore.Pkcs12(file(CLIENT_STORE), passwords.get(CLIENT_STORE)), trust());
  }

  private TlsTrustStore trust() {
    return new TlsTrustStore.Pkcs12(file(TRUST_STORE), passwords.get(TRUST_STORE));
  }

  /** Never prints the passwords. */
  @Override
  public String toString() {
    return "PkiFiles[" + directory + (generated ? ", generated" : ", reused") + "]";
  }
}
