package org.xcaibridge.trust;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TCPSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS door: loads the stores named by {@link TlsSettings} once, checks them, and builds Vert.x
 * options from them. Every option set it returns speaks TLS 1.2/1.3 only with the configured cipher
 * suites; clients verify the server's host name (RFC 6125 via the JDK's "HTTPS" algorithm) and present
 * the key store's certificate if there is one; servers require a client certificate signed by the
 * trust store (Carequality's two-way TLS, protocol.md §7.1).
 *
 * <p>{@link #load} reads files and decrypts keys: call it at start-up or on a worker thread, never on
 * an event loop. The options it builds hold the loaded material, so Vert.x reads no file itself.
 */
public final class TlsSetup {
  /** Protects the in-memory key store only; it never leaves this object. */
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private final TlsSettings settings;
  private final List<X509Certificate> chain;
  private final List<X509Certificate> anchors;
  private final PrivateKey privateKey;
  private final KeyManagerFactory keyManagers;
  private final TrustManagerFactory trustManagers;

  private TlsSetup(TlsSettings settings, TlsStores.KeyMaterial key, List<X509Certificate> anchors)
      throws GeneralSecurityException {
    this.settings = settings;
    this.chain = key == null ? List.of() : key.chain();
    this.privateKey = key == null ? null : key.privateKey();
    this.anchors = anchors;
    if (key == null) {
      keyManagers = null;
    } else {
      KeyStore ks = emptyStore();
      ks.setKeyEntry("key", key.privateKey(), IN_MEMORY, key.chain().toArray(new X509Certificate[0]));
      keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(ks, IN_MEMORY);
    }
    if (anchors.isEmpty()) {
      trustManagers = null;
    } else {
      KeyStore ts = emptyStore();
      for (int i = 0; i < anchors.size(); i++) {
        ts.setCertificateEntry("anchor-" + i, anchors.get(i));
      }
      trustManagers = TrustManagerFactory.getInstance("PKIX");
      trustManagers.init(ts);
    }
  }

  /**
   * Reads and checks the stores: files readable, passwords right, exactly one private key matching
   * its certificate, at least one trusted certificate. Blocking.
   *
   * @throws TlsConfigException naming the store and what to fix
   */
  public static TlsSetup load(TlsSettings settings) {
    Objects.requireNonNull(settings, "settings");
    TlsStores.KeyMaterial key = settings.keyStore() == null ? null : TlsStores.key(settings.keyStore());
    List<X509Certificate> anchors =
        settings.trustStore() == null ? List.of() : TlsStores.anchors(settings.trustStore());
    try {
      return new TlsSetup(settings, key, anchors);
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException("the JDK refused the loaded TLS material: " + e.getMessage(), e);
    }
  }

  /** Options for an HTTP client: TLS, host name verification, this side's certificate if any. */
  public HttpClientOptions httpClientOptions() {
    HttpClientOptions o = new HttpClientOptions();
    applyCommon(o);
    o.setTrustAll(false);
    o.setVerifyHost(true);
    return o;
  }

  /** Options for a TCP client (syslog over TLS): as for HTTP, host name verification included. */
  public NetClientOptions netClientOptions() {
    NetClientOptions o = new NetClientOptions();
    applyCommon(o);
    o.setTrustAll(false);
    // unlike the HTTP client, a Vert.x NetClient verifies no host name unless told which algorithm
    o.setHostnameVerificationAlgorithm("HTTPS");
    return o;
  }

  /** Options for an HTTP server that requires a client certificate signed by the trust store. */
  public HttpServerOptions httpServerOptions() {
    requireServerMaterial();
    HttpServerOptions o = new HttpServerOptions();
    applyCommon(o);
    o.setClientAuth(ClientAuth.REQUIRED);
    return o;
  }

  /** Options for a TCP server that requires a client certificate signed by the trust store. */
  public NetServerOptions netServerOptions() {
    requireServerMaterial();
    NetServerOptions o = new NetServerOptions();
    applyCommon(o);
    o.setClientAuth(ClientAuth.REQUIRED);
    return o;
  }

  /**
   * The certificates of both stores that are expired, not yet valid, or expire within the settings'
   * warning window, at the clock's instant. Pure: the same clock gives the same findings.
   */
  public List<TlsExpiryFinding> expiryFindings(Clock clock) {
    List<TlsExpiryFinding> out = new ArrayList<>();
    TlsExpiryFinding.check("key store", chain, clock.instant(), settings.expiryWarning(), out);
    TlsExpiryFinding.check("trust store", anchors, clock.instant(), settings.expiryWarning(), out);
    return List.copyOf(out);
  }

  /** This side's certificate chain, leaf first; empty for a client without a certificate. */
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  /** The configured trust anchors; empty when the JDK's defaults are used. */
  public List<X509Certificate> trustAnchors() {
    return anchors;
  }

  public TlsSettings settings() {
    return settings;
  }

  /** The key of {@link #certificateChain()}, for signers in this package (XUA holder-of-key). */
  PrivateKey privateKey() {
    return privateKey;
  }

  private void applyCommon(TCPSSLOptions o) {
    o.setSsl(true);
    if (keyManagers != null) {
      o.setKeyCertOptions(KeyCertOptions.wrap(keyManagers));
    }
    if (trustManagers != null) {
      o.setTrustOptions(TrustOptions.wrap(trustManagers));
    }
    o.setEnabledSecureTransportProtocols(settings.protocols());
    for (String suite : settings.cipherSuites()) {
      o.addEnabledCipherSuite(suite);
    }
    o.setSslHandshakeTimeout(settings.handshakeTimeout().toMillis());
    o.setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  private void requireServerMaterial() {
    if (keyManagers == null) {
      throw new TlsConfigException("a TLS server needs a key store: none is configured");
    }
    if (trustManagers == null) {
      // the JDK's public anchors would let anyone with a public certificate in
      throw new TlsConfigException("a TLS server that requires client certificates needs its own trust store");
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    return ks;
  }
}
