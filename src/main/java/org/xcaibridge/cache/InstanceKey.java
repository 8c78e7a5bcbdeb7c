package org.xcaibridge.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names one cached instance by its Study, Series and SOP Instance UID (PS3.3 C.7.2.1, C.7.3.1, C.12.1).
 * UIDs are checked against PS3.5 §9.1's character set and length, but leading zeros in a component are
 * tolerated because real archives send them.
 */
public record InstanceKey(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
  public InstanceKey {
    checkUid("studyInstanceUid", studyInstanceUid);
    checkUid("seriesInstanceUid", seriesInstanceUid);
    checkUid("sopInstanceUid", sopInstanceUid);
  }

  public SeriesKey series() {
    return new SeriesKey(studyInstanceUid, seriesInstanceUid);
  }

  /** 32 hex digits naming the entry on disk: file names never carry UIDs, so a UID never becomes a path. */
  String fileStem() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] h = d.digest((studyInstanceUid + '/' + seriesInstanceUid + '/' + sopInstanceUid)
          .getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static void checkUid(String name, String uid) {
    if (uid == null || uid.isEmpty() || uid.length() > 64) {
      throw new IllegalArgumentException(name + " must be 1 to 64 characters (PS3.5 §9.1), was "
          + (uid == null ? "null" : uid.length() + " characters"));
    }
    for (int i = 0; i < uid.length(); i++) {
      char c = uid.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        throw new IllegalArgumentException(name + " may hold only digits and dots (PS3.5 §9.1); character "
            + i + " is U+" + String.format("%04X", (int) c));
      }
    }
  }
}
