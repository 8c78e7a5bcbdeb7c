package org.xcaibridge.dicom;

/**
 * UIDs as PS3.5 §9.1 defines them — components of digits separated by dots, no leading zero in a component of
 * more than one digit, at most 64 characters — checked in one place for what we write and what we are configured
 * with. (Readers of other systems' UIDs are more tolerant on purpose and keep their own checks.)
 */
public final class Uids {
  /** PS3.5 §9.1: the longest UID, in characters. */
  public static final int MAX_LENGTH = 64;

  private Uids() {}

  /** True when {@code uid} is a UID we may write: PS3.5 §9.1 to the letter. */
  public static boolean isValid(String uid) {
    if (uid == null || uid.isEmpty() || uid.length() > MAX_LENGTH) {
      return false;
    }
    int componentStart = 0;
    for (int i = 0; i <= uid.length(); i++) {
      if (i == uid.length() || uid.charAt(i) == '.') {
        int length = i - componentStart;
        if (length == 0 || (length > 1 && uid.charAt(componentStart) == '0')) {
          return false;
        }
        componentStart = i + 1;
      } else if (uid.charAt(i) < '0' || uid.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** True when {@code oid} is a valid UID of at least two components, as ISO/IEC 8824 OIDs are. */
  public static boolean isOid(String oid) {
    return isValid(oid) && oid.indexOf('.') > 0;
  }
}
