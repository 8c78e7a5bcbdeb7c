package org.xcaibridge.trust;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A JWS in compact serialization (RFC 7515 §7.1), split and decoded but not yet trusted: header,
 * claims, the bytes that were signed, and the signature.
 */
final class JwtToken {
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

  final JsonObject header;
  final JsonObject claims;
  final byte[] signingInput;
  final byte[] signature;

  private JwtToken(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature) {
    this.header = header;
    this.claims = claims;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  static JwtToken parse(String token, int maxChars) {
    if (token.length() > maxChars) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.TOKEN_TOO_LONG,
          token.length() + " characters, the limit is " + maxChars);
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      // five parts would be a JWE: encrypted tokens are not accepted either
      throw malformed(parts.length + " parts instead of 3");
    }
    for (String p : parts) {
      if (!BASE64URL.matcher(p).matches()) {
        throw malformed("a part is not unpadded base64url");
      }
    }
    JsonObject header = json(parts[0], "header");
    JsonObject claims = json(parts[1], "claims");
    byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    return new JwtToken(header, claims, input, decode(parts[2], "signature"));
  }

  /** The header member as a string, null if absent; any other type is malformed. */
  String headerString(String member) {
    Object v = header.getValue(member);
    if (v != null && !(v instanceof String)) {
      throw malformed("header \"" + member + "\" is not a string");
    }
    return (String) v;
  }

  /** Strict unpadded base64url (RFC 7515 §2), for token parts and JWK members. */
  static byte[] base64Url(String s, String what) {
    if (!BASE64URL.matcher(s).matches() || s.length() % 4 == 1) {
      throw new IllegalArgumentException(what + " is not unpadded base64url");
    }
    return Base64.getUrlDecoder().decode(s);
  }

  private static byte[] decode(String part, String what) {
    try {
      return base64Url(part, what);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static JsonObject json(String part, String what) {
    byte[] bytes = decode(part, what);
    try {
      return new JsonObject(Buffer.buffer(bytes));
    } catch (DecodeException | ClassCastException e) {
      throw malformed("the " + what + " is not a JSON object");
    }
  }

  static FrontDoorAuthException malformed(String detail) {
    return new FrontDoorAuthException(FrontDoorAuthException.Reason.MALFORMED_TOKEN, detail);
  }
}
