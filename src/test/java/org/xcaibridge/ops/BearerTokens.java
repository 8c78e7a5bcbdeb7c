package org.xcaibridge.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Bearer tokens for the front-door tests, signed RS256 by BouncyCastle's RSA signer (not the JDK code the bridge
 * verifies with), and the issuer's public key written as a PEM file named by its kid, as {@code frontDoor.publicKeys}
 * takes it. The claims are the ones an OIDC provider issues for a logged-in radiologist.
 */
final class BearerTokens {
  static final String ISSUER = "https://idp.example.org/realms/imaging";
  static final String AUDIENCE = "xcai-bridge";
  static final String KID = "idp-1";
  static final String USER = "Dr. Alice Example";
  static final String ROLE = "309343006";

  final KeyPair key = rsa();
  final KeyPair other = rsa();

  /** Writes the issuer's public key to {@code dir/idp-1.pem}. */
  Path writePublicKey(Path dir) throws Exception {
    Files.createDirectories(dir);
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getPublic().getEncoded());
    return Files.writeString(dir.resolve(KID + ".pem"), "-----BEGIN PUBLIC KEY-----\n" + b64
        + "\n-----END PUBLIC KEY-----\n");
  }

  /** The environment that turns token validation on, for the key written by {@link #writePublicKey}. */
  static java.util.Map<String, String> env(Path pem) {
    return java.util.Map.of("XCAI_FRONT_DOOR_ISSUER", ISSUER, "XCAI_FRONT_DOOR_AUDIENCE", AUDIENCE,
        "XCAI_FRONT_DOOR_PUBLIC_KEYS", pem.toString(), "XCAI_FRONT_DOOR_ROLE_CLAIM", "role",
        "XCAI_FRONT_DOOR_ORGANIZATION_CLAIM", "org,name");
  }

  /** What a valid token says: our issuer and audience, five minutes left, the user's name and role. */
  static JsonObject claims(String name) {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("iss", ISSUER).put("aud", new JsonArray().add("account").add(AUDIENCE))
        .put("sub", "u-" + name.hashCode()).put("name", name)
        .put("org", new JsonObject().put("name", "General Hospital"))
        .put("role", ROLE).put("iat", now - 5).put("exp", now + 300);
  }

  String token(JsonObject claims) {
    return token(claims, key);
  }

  /** A compact JWS: header and claims base64url, signed with {@code signer}'s private key. */
  static String token(JsonObject claims, KeyPair signer) {
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", KID);
    String input = b64(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      RSADigestSigner s = new RSADigestSigner(new SHA256Digest());
      s.init(true, PrivateKeyFactory.createKey(signer.getPrivate().getEncoded()));
      byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
      s.update(bytes, 0, bytes.length);
      return input + "." + b64(s.generateSignature());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
