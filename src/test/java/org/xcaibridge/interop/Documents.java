package org.xcaibridge.interop;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Source documents for the interop tests: seeded random bytes by document unique id, and their SHA-256. */
final class Documents {
  private final Map<String, byte[]> byUniqueId = new LinkedHashMap<>();

  /** Adds a document of {@code size} bytes, random from a seed derived from its id (so reruns match). */
  Documents add(String documentUniqueId, int size) {
    byte[] b = new byte[size];
    new Random(documentUniqueId.hashCode()).nextBytes(b);
    byUniqueId.put(documentUniqueId, b);
    return this;
  }

  byte[] get(String documentUniqueId) {
    return byUniqueId.get(documentUniqueId);
  }

  boolean has(String documentUniqueId) {
    return byUniqueId.containsKey(documentUniqueId);
  }

  /** SHA-256 (hex) of every source document, by id. */
  Map<String, String> digests() {
    Map<String, String> out = new LinkedHashMap<>();
    byUniqueId.forEach((id, b) -> out.put(id, sha256(b)));
    return out;
  }

  /** SHA-256 (hex) of the named documents, in the order given. */
  Map<String, String> digestsOf(java.util.List<String> ids) {
    Map<String, String> out = new LinkedHashMap<>();
    ids.forEach(id -> out.put(id, sha256(byUniqueId.get(id))));
    return out;
  }

  static String sha256(byte[] b) {
    return HexFormat.of().formatHex(newSha256().digest(b));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
