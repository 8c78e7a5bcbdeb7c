package org.xcaibridge.dicomweb;

import io.vertx.ext.web.RoutingContext;

/** The UIDs and numbers of a resource path, checked before anything is asked of the study core. */
final class Paths {
  private Paths() {}

  /** The path parameter {@code name} as a UID; null when the route has none; a 400 when it is not a UID. */
  static String uid(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    if (v == null) {
      return null;
    }
    if (!MatchValues.isUid(v)) {
      String what = switch (name) {
        case "study" -> "StudyInstanceUID";
        case "series" -> "SeriesInstanceUID";
        default -> "SOPInstanceUID";
      };
      throw new DicomWebException.BadRequest(what, "'" + v + "' in the path is not a UID (digits and dots, at most"
          + " 64 characters)");
    }
    return v;
  }

  /** A {@code /frames/{list}} list (PS3.18 §10.4.1.1.7): 1-based frame numbers separated by commas. */
  static int[] frames(String list, int max) {
    String[] parts = list.split(",", -1);
    if (parts.length > max) {
      throw new DicomWebException.TooLarge("DicomWebSettings.maxFramesPerRequest", max, parts.length);
    }
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) < 1) {
        throw new DicomWebException.BadRequest("frames", "'" + list + "' is not a list of frame numbers (1, 2, … "
            + "separated by commas)");
      }
      out[i] = Integer.parseInt(p);
    }
    return out;
  }
}
