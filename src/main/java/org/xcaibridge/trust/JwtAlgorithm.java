package org.xcaibridge.trust;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * The JWS signature algorithms the front door accepts (RFC 7518 §3.3, §3.4, §3.5): asymmetric only.
 * {@code none} and the HMAC family are not members, so no configuration can allow them and a token
 * naming them never reaches a key (RFC 8725 §3.1, §3.2: no algorithm confusion).
 */
public enum JwtAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  RS256,
  /** RSASSA-PSS with SHA-256, MGF1 with SHA-256, 32-byte salt. */
  PS256,
  /** ECDSA on P-256 with SHA-256; the signature is R ‖ S, 64 bytes. */
  ES256;

  /** RSA keys shorter than this are refused (RFC 7518 §3.3). */
  static final int MIN_RSA_BITS = 2048;
  private static final int ES256_SIGNATURE_BYTES = 64;
  /** The P-256 curve (secp256r1), the only one ES256 uses. */
  static final ECParameterSpec P256 = p256();

  /** The algorithm with exactly this JWS name, if it is one the bridge accepts. */
  public static Optional<JwtAlgorithm> named(String alg) {
    for (JwtAlgorithm a : values()) {
      if (a.name().equals(alg)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Whether the key is of the type and size this algorithm needs. */
  boolean fits(PublicKey key) {
    if (this == ES256) {
      if (!(key instanceof ECPublicKey)) {
        return false;
      }
      ECParameterSpec p = ((ECPublicKey) key).getParams();
      return p.getCurve().equals(P256.getCurve()) && p.getOrder().equals(P256.getOrder())
          && p.getGenerator().equals(P256.getGenerator());
    }
    return key instanceof RSAPublicKey && ((RSAPublicKey) key).getModulus().bitLength() >= MIN_RSA_BITS;
  }

  /** Whether signature is this algorithm's signature of input under key (which must fit). */
  boolean verify(PublicKey key, byte[] input, byte[] signature) {
    if (!fits(key)) {
      return false;
    }
    try {
      Signature s;
      switch (this) {
        case RS256:
          s = Signature.getInstance("SHA256withRSA");
          break;
        case PS256:
          s = Signature.getInstance("RSASSA-PSS");
          s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
          break;
        default:
          if (signature.length != ES256_SIGNATURE_BYTES) {
            return false;
          }
          // JWS carries R ‖ S (RFC 7518 §3.4), which the JDK reads as "P1363 format"
          s = Signature.getInstance("SHA256withECDSAinP1363Format");
          break;
      }
      s.initVerify(key);
      s.update(input);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // a malformed signature is a signature that does not verify
      return false;
    }
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
