package org.xcaibridge.trust;

import io.vertx.core.net.KeyCertOptions;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client key manager that presents its certificate whatever CAs the server asks for. The JDK's own
 * one sends nothing when its issuer is not among the server's certificate_authorities, which would
 * hide the server's trust decision behind an "empty certificate chain"; an intruder's client is not
 * that polite.
 */
final class AnyIssuerKeyManager extends X509ExtendedKeyManager {
  private final X509ExtendedKeyManager delegate;

  private AnyIssuerKeyManager(X509ExtendedKeyManager delegate) {
    this.delegate = delegate;
  }

  static KeyCertOptions options(TestCerts.Issued issued) throws GeneralSecurityException, java.io.IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("key", issued.key(), "x".toCharArray(), issued.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "x".toCharArray());
    return KeyCertOptions.wrap(new AnyIssuerKeyManager((X509ExtendedKeyManager) kmf.getKeyManagers()[0]));
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return delegate.chooseEngineClientAlias(keyType, null, engine);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseClientAlias(keyType, null, socket);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return delegate.getClientAliases(keyType, null);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return delegate.getServerAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return delegate.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return delegate.getPrivateKey(alias);
  }
}
