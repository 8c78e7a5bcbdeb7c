package org.xcaibridge.trust;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Public keys that may sign front-door tokens: from a JWK Set (RFC 7517 §5) or from PEM (a
 * {@code PUBLIC KEY} or a {@code CERTIFICATE}). Only signature keys of the kinds {@link JwtAlgorithm}
 * accepts are kept; symmetric ({@code oct}) keys, encryption keys and unknown kinds are dropped, so an
 * HMAC secret can never be confused with a public key.
 */
public final class JwtKeySet {
  /** A JWK Set may not hold more keys than this; real ones hold a handful. */
  static final int MAX_KEYS = 100;

  /** One key; kid and algorithm are null when the source did not say. */
  record JwtKey(String kid, PublicKey key, JwtAlgorithm algorithm) {
    JwtKey {
      Objects.requireNonNull(key, "key");
    }

    boolean usableFor(String tokenKid, JwtAlgorithm alg) {
      return (tokenKid == null || tokenKid.equals(kid)) && (algorithm == null || algorithm == alg) && alg.fits(key);
    }
  }

  private final List<JwtKey> keys;

  private JwtKeySet(List<JwtKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Parses a JWK Set document; keys it cannot use are skipped, a malformed document is refused. */
  public static JwtKeySet fromJwks(String json) {
    Object keys;
    try {
      keys = new JsonObject(json).getValue("keys");
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JWK Set: not a JSON object", e);
    }
    if (!(keys instanceof JsonArray)) {
      throw new IllegalArgumentException("not a JWK Set: no \"keys\" array");
    }
    JsonArray array = (JsonArray) keys;
    if (array.size() > MAX_KEYS) {
      throw new IllegalArgumentException("JWK Set holds " + array.size() + " keys, more than " + MAX_KEYS);
    }
    List<JwtKey> out = new ArrayList<>();
    for (Object o : array) {
      if (o instanceof JsonObject) {
        JwtKey k = jwk((JsonObject) o);
        if (k != null) {
          out.add(k);
        }
      }
    }
    return new JwtKeySet(out);
  }

  /** One JWK (RFC 7517 §4) given in the configuration, e.g. copied from the issuer's key set. */
  public static JwtKeySet fromJwk(String json) {
    try {
      return fromJwks(new JsonObject().put("keys", new JsonArray().add(new JsonObject(json))).encode());
    } catch (DecodeException e) {
      throw new IllegalArgumentException("not a JWK: not a JSON object", e);
    }
  }

  /** One key from PEM text holding a {@code PUBLIC KEY} (SPKI) or a {@code CERTIFICATE}. */
  public static JwtKeySet fromPem(String kid, String pem, JwtAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    PublicKey key = null;
    try {
      for (TlsPem.Block b : TlsPem.blocks(pem)) {
        if (b.label().equals("PUBLIC KEY")) {
          key = spki(b.der());
        }
      }
      if (key == null) {
        List<java.security.cert.X509Certificate> certs = TlsPem.certificates(pem);
        if (!certs.isEmpty()) {
          key = certs.get(0).getPublicKey();
        }
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("cannot read the PEM certificate: " + e.getMessage(), e);
    }
    if (key == null) {
      throw new IllegalArgumentException("PEM holds no PUBLIC KEY or CERTIFICATE");
    }
    if (!algorithm.fits(key)) {
      throw new IllegalArgumentException("the PEM key (" + key.getAlgorithm() + ") cannot verify " + algorithm
          + " signatures: RS256/PS256 need RSA of at least 2048 bits, ES256 a P-256 key");
    }
    return new JwtKeySet(List.of(new JwtKey(kid, key, algorithm)));
  }

  /** This set and the other's keys together. */
  public JwtKeySet plus(JwtKeySet other) {
    List<JwtKey> all = new ArrayList<>(keys);
    all.addAll(other.keys);
    return new JwtKeySet(all);
  }

  public int size() {
    return keys.size();
  }

  /** The keys a token with this kid (null: any) and algorithm may be verified with. */
  List<JwtKey> candidates(String kid, JwtAlgorithm alg) {
    List<JwtKey> out = new ArrayList<>();
    for (JwtKey k : keys) {
      if (k.usableFor(kid, alg)) {
        out.add(k);
      }
    }
    return out;
  }

  private static JwtKey jwk(JsonObject o) {
    String use = string(o, "use");
    if (use != null && !use.equals("sig")) {
      return null;
    }
    String alg = string(o, "alg");
    JwtAlgorithm algorithm = null;
    if (alg != null) {
      algorithm = JwtAlgorithm.named(alg).orElse(null);
      if (algorithm == null) {
        return null;
      }
    }
    String kid = string(o, "kid");
    String kty = string(o, "kty");
    try {
      PublicKey key;
      if ("RSA".equals(kty)) {
        key = KeyFactory.getInstance("RSA").generatePublic(
            new RSAPublicKeySpec(unsigned(o, "n"), unsigned(o, "e")));
      } else if ("EC".equals(kty) && "P-256".equals(string(o, "crv"))) {
        key = ec(coordinate(o, "x"), coordinate(o, "y"));
      } else {
        return null;
      }
      return new JwtKey(kid, key, algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("JWK " + kid + " is not a valid " + kty + " key: " + e.getMessage(), e);
    }
  }

  private static PublicKey ec(BigInteger x, BigInteger y) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), JwtAlgorithm.P256));
  }

  private static PublicKey spki(byte[] der) {
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next kind
      }
    }
    throw new IllegalArgumentException("the PEM PUBLIC KEY is neither RSA nor EC");
  }

  private static String string(JsonObject o, String member) {
    Object v = o.getValue(member);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("JWK member \"" + member + "\" is not a string");
    }
    return (String) v;
  }

  private static BigInteger unsigned(JsonObject o, String member) {
    String v = string(o, member);
    if (v == null) {
      throw new IllegalArgumentException("JWK lacks \"" + member + "\"");
    }
    return new BigInteger(1, JwtToken.base64Url(v, "JWK " + member));
  }

  private static BigInteger coordinate(JsonObject o, String member) {
    String v = string(o, member);
    byte[] b = v == null ? new byte[0] : JwtToken.base64Url(v, "JWK " + member);
    if (b.length != 32) {
      throw new IllegalArgumentException("JWK P-256 coordinate \"" + member + "\" must be 32 bytes, is " + b.length);
    }
    return new BigInteger(1, b);
  }
}
