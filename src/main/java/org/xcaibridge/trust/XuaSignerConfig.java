package org.xcaibridge.trust;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableEntryException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How this gateway signs its assertions, validated when built.
 *
 * @param issuer            {@code saml2:Issuer} text and its Format URN
 * @param homeCommunityId   our community's OID ({@code urn:nhin:names:saml:homeCommunityId}), dotted or
 *                          {@code urn:oid:…}
 * @param key               the signing key and its certificate chain
 * @param confirmation      holder-of-key (the signer's key proves the subject) or sender-vouches
 * @param clockSkew         how far back {@code NotBefore} is put, for peers whose clocks run behind:
 *                          0 to 10 minutes
 * @param assertionLifetime from issue to {@code NotOnOrAfter}: 1 second to 8 hours
 * @param timestampLifetime from {@code wsu:Created} to {@code wsu:Expires}: 1 second to 1 hour
 * @param locality          {@code saml2:SubjectLocality} (address, DNS name) if it should be sent
 */
public record XuaSignerConfig(Issuer issuer, String homeCommunityId, SigningKey key,
    Confirmation confirmation, Duration clockSkew, Duration assertionLifetime,
    Duration timestampLifetime, Optional<Locality> locality) {

  public static final Duration MAX_SKEW = Duration.ofMinutes(10);

  /** The SAML subject confirmation method. */
  public enum Confirmation {
    HOLDER_OF_KEY(SamlNames.CM_HOLDER_OF_KEY),
    SENDER_VOUCHES(SamlNames.CM_SENDER_VOUCHES);

    final String urn;

    Confirmation(String urn) {
      this.urn = urn;
    }
  }

  /** {@code saml2:Issuer} and its Format. */
  public record Issuer(String value, String format) {
    public Issuer {
      XuaCode.requireText(value, "issuer");
      XuaCode.requireText(format, "issuer format");
    }

    /** An issuer named by an e-mail address, as Carequality gateways send it (protocol.md §7.2). */
    public static Issuer email(String address) {
      return new Issuer(address, SamlNames.NAMEID_EMAIL);
    }

    /** An issuer named by a certificate subject DN. */
    public static Issuer x509(String subjectDn) {
      return new Issuer(subjectDn, SamlNames.NAMEID_X509);
    }
  }

  /** {@code saml2:SubjectLocality}. */
  public record Locality(String address, String dnsName) {
    public Locality {
      XuaCode.requireText(address, "locality address");
      XuaCode.requireText(dnsName, "locality dnsName");
    }
  }

  /**
   * An RSA signing key (at least 2048 bits) and its certificate chain, signer first.
   */
  public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {
    public SigningKey {
      Objects.requireNonNull(privateKey, "privateKey");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the signing key needs its certificate");
      }
      if (!"RSA".equals(privateKey.getAlgorithm()) || !(chain.get(0).getPublicKey() instanceof RSAPublicKey)) {
        throw new IllegalArgumentException("the signing key must be RSA (RSA-SHA256 signatures), was "
            + privateKey.getAlgorithm());
      }
      int bits = ((RSAPublicKey) chain.get(0).getPublicKey()).getModulus().bitLength();
      if (bits < 2048) {
        throw new IllegalArgumentException("the signing key must have at least 2048 bits, had " + bits);
      }
    }

    /** The signing certificate. */
    public X509Certificate certificate() {
      return chain.get(0);
    }

    /**
     * The key and chain of a TLS key store description (PEM pair or PKCS#12 with one key), read and checked as
     * {@link TlsSetup#load} does: a configured signing key and a TLS client key are read the same way. Blocking.
     *
     * @throws TlsConfigException naming the file and what to fix
     * @throws IllegalArgumentException if the key is no RSA key of at least 2048 bits
     */
    public static SigningKey load(TlsKeyStore store) {
      TlsStores.KeyMaterial km = TlsStores.key(Objects.requireNonNull(store, "store"));
      return new SigningKey(km.privateKey(), km.chain());
    }

    /**
     * The private key entry {@code alias} of a loaded key store (PKCS#12 in production).
     *
     * @throws IllegalArgumentException if there is no such private key entry or it cannot be read
     */
    public static SigningKey fromKeyStore(KeyStore store, String alias, char[] password) {
      try {
        if (!store.isKeyEntry(alias)) { // also keeps getEntry from refusing a password on a certificate entry
          throw new IllegalArgumentException("key store entry '" + alias + "' is not a private key entry");
        }
        KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
        if (!(entry instanceof KeyStore.PrivateKeyEntry)) {
          throw new IllegalArgumentException("key store entry '" + alias + "' is not a private key entry");
        }
        KeyStore.PrivateKeyEntry key = (KeyStore.PrivateKeyEntry) entry;
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : key.getCertificateChain()) {
          chain.add((X509Certificate) c);
        }
        return new SigningKey(key.getPrivateKey(), chain);
      } catch (KeyStoreException | NoSuchAlgorithmException | UnrecoverableEntryException e) {
        throw new IllegalArgumentException("cannot read key store entry '" + alias + "': " + e.getMessage(), e);
      }
    }
  }

  public XuaSignerConfig {
    Objects.requireNonNull(issuer, "issuer");
    homeCommunityId = XuaSubject.oid(homeCommunityId, "homeCommunityId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(confirmation, "confirmation");
    requireBetween("clockSkew", clockSkew, Duration.ZERO, MAX_SKEW);
    requireBetween("assertionLifetime", assertionLifetime, Duration.ofSeconds(1), Duration.ofHours(8));
    requireBetween("timestampLifetime", timestampLifetime, Duration.ofSeconds(1), Duration.ofHours(1));
    Objects.requireNonNull(locality, "locality");
  }

  /**
   * Holder-of-key, 2 minutes skew, 5 minutes assertion and timestamp lifetime, no locality.
   */
  public static XuaSignerConfig of(Issuer issuer, String homeCommunityId, SigningKey key) {
    return new XuaSignerConfig(issuer, homeCommunityId, key, Confirmation.HOLDER_OF_KEY,
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(5), Optional.empty());
  }

  public XuaSignerConfig withConfirmation(Confirmation value) {
    return new XuaSignerConfig(issuer, homeCommunityId, key, value, clockSkew, assertionLifetime,
        timestampLifetime, locality);
  }

  public XuaSignerConfig withClockSkew(Duration value) {
    return new XuaSignerConfig(issuer, homeCommunityId, key, confirmation, value, assertionLifetime,
        timestampLifetime, locality);
  }

  public XuaSignerConfig withLifetimes(Duration assertion, Duration timestamp) {
    return new XuaSignerConfig(issuer, homeCommunityId, key, confirmation, clockSkew, assertion, timestamp,
        locality);
  }

  public XuaSignerConfig withLocality(Locality value) {
    return new XuaSignerConfig(issuer, homeCommunityId, key, confirmation, clockSkew, assertionLifetime,
        timestampLifetime, Optional.of(value));
  }

  static void requireBetween(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
