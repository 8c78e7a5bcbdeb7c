package org.xcaibridge.trust;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.xcaibridge.dicom.ExternalTools;

/**
 * Tokens signed by implementations other than the JDK's that {@link JwtValidator} verifies with:
 * BouncyCastle's lightweight signers and {@code openssl dgst -sign}. Also the JWK and PEM forms of
 * the test keys, written here from the key numbers.
 */
final class TestTokens {
  static final String ISSUER = "https://idp.example.org/realms/imaging";
  static final String AUDIENCE = "xcai-bridge";
  static final B64 B64 = new B64();

  private TestTokens() {}

  /** Unpadded base64url, written out here so that the test does not lean on the code under test. */
  static final class B64 {
    String encode(byte[] b) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String encode(String s) {
      return encode(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Something that signs the JWS signing input. */
  interface Signer {
    byte[] sign(byte[] input) throws Exception;
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CipherParameters bc(KeyPair kp) throws IOException {
    return PrivateKeyFactory.createKey(kp.getPrivate().getEncoded());
  }

  static Signer bcRs256(KeyPair kp) {
    return input -> {
      RSADigestSigner s = new RSADigestSigner(new SHA256Digest());
      s.init(true, bc(kp));
      s.update(input, 0, input.length);
      return s.generateSignature();
    };
  }

  static Signer bcPs256(KeyPair kp) {
    return input -> {
      PSSSigner s = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), 32);
      s.init(true, bc(kp));
      s.update(input, 0, input.length);
      return s.generateSignature();
    };
  }

  static Signer bcEs256(KeyPair kp) {
    return input -> {
      ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      s.init(true, bc(kp));
      SHA256Digest d = new SHA256Digest();
      d.update(input, 0, input.length);
      byte[] hash = new byte[32];
      d.doFinal(hash, 0);
      BigInteger[] rs = s.generateSignature(hash);
      return concat(fixed(rs[0]), fixed(rs[1]));
    };
  }

  /** openssl dgst signs; for ES256 its DER signature is turned into R ‖ S. */
  static Signer openssl(KeyPair kp, String alg, Path dir) {
    return input -> {
      Path key = dir.resolve(alg + "-key.pem");
      Files.writeString(key, TlsPem.encode("PRIVATE KEY", kp.getPrivate().getEncoded()));
      Path in = dir.resolve(alg + ".in");
      Path out = dir.resolve(alg + ".sig");
      Files.write(in, input);
      List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "dgst", "-sha256", "-sign", key.toString()));
      if (alg.equals("PS256")) {
        cmd.addAll(List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"));
      }
      cmd.addAll(List.of("-out", out.toString(), in.toString()));
      ExternalTools.Result r = ExternalTools.run(cmd, new byte[0], 60);
      if (r.exitCode() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + ": " + r.stderr());
      }
      byte[] sig = Files.readAllBytes(out);
      return alg.equals("ES256") ? derToRaw(sig) : sig;
    };
  }

  /** Claims a good token carries: our issuer and audience, five minutes to live. */
  static JsonObject claims(Instant now) {
    return new JsonObject()
        .put("iss", ISSUER)
        .put("aud", new JsonArray().add("account").add(AUDIENCE))
        .put("sub", "f1a2b3")
        .put("name", "Dr. Alice Example")
        .put("org", new JsonObject().put("name", "General Hospital"))
        .put("role", "112247003")
        .put("iat", now.getEpochSecond())
        .put("exp", now.getEpochSecond() + 300);
  }

  static String token(JsonObject header, JsonObject claims, Signer signer) {
    try {
      String input = B64.encode(header.encode()) + "." + B64.encode(claims.encode());
      return input + "." + B64.encode(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject header(String alg, String kid) {
    JsonObject h = new JsonObject().put("alg", alg).put("typ", "JWT");
    return kid == null ? h : h.put("kid", kid);
  }

  static JsonObject rsaJwk(KeyPair kp, String kid) {
    RSAPublicKey k = (RSAPublicKey) kp.getPublic();
    return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig")
        .put("n", B64.encode(unsigned(k.getModulus()))).put("e", B64.encode(unsigned(k.getPublicExponent())));
  }

  static JsonObject ecJwk(KeyPair kp, String kid) {
    ECPublicKey k = (ECPublicKey) kp.getPublic();
    return new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", kid)
        .put("x", B64.encode(fixed(k.getW().getAffineX()))).put("y", B64.encode(fixed(k.getW().getAffineY())));
  }

  static String jwks(JsonObject... keys) {
    JsonArray a = new JsonArray();
    for (JsonObject k : keys) {
      a.add(k);
    }
    return new JsonObject().put("keys", a).encode();
  }

  static String publicPem(KeyPair kp) {
    return TlsPem.encode("PUBLIC KEY", kp.getPublic().getEncoded());
  }

  /** The standard mapping: subject-id from name, organization from org.name, role, purpose fixed. */
  static JwtClaimMapping mapping() {
    return new JwtClaimMapping(JwtClaimMapping.Rule.claim("name"),
        JwtClaimMapping.Rule.claim("org", "name").orElse("Bridge Org"),
        JwtClaimMapping.Rule.claim("role"),
        JwtClaimMapping.Rule.claim("purpose").orElse("TREATMENT"));
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = unsigned(v);
    byte[] out = new byte[32];
    System.arraycopy(b, 0, out, 32 - b.length, b.length);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (short lengths: P-256 fits). */
  static byte[] derToRaw(byte[] der) {
    if (der[0] != 0x30) {
      throw new IllegalArgumentException("not a DER SEQUENCE");
    }
    int i = 2;
    BigInteger[] rs = new BigInteger[2];
    for (int n = 0; n < 2; n++) {
      if (der[i] != 0x02) {
        throw new IllegalArgumentException("not a DER INTEGER");
      }
      int len = der[i + 1];
      rs[n] = new BigInteger(1, Arrays.copyOfRange(der, i + 2, i + 2 + len));
      i += 2 + len;
    }
    return concat(fixed(rs[0]), fixed(rs[1]));
  }

  /** A PEM file written for openssl. */
  static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
