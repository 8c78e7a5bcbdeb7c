package org.xcaibridge.dicom;

/**
 * The value rules of the DICOM JSON model shared by {@link DicomJsonWriter} and {@link DicomJsonReader}:
 * which DS/IS/SV/UV values are JSON numbers (PS3.18 §F.2.3.1) and how Person Name groups map to the
 * members of a PN object (§F.2.2).
 */
final class DicomJsonValues {
  private DicomJsonValues() {}

  /** Largest integer a JSON number carries exactly in IEEE 754 binary64, the precision RFC 8259 §6 advises. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  static final String[] PN_GROUPS = {"Alphabetic", "Ideographic", "Phonetic"};

  /**
   * A DS value as a JSON number, or null when it is not a valid Decimal String (PS3.5 §6.2: at most 16
   * characters of {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)}). dcm2json makes the same
   * decision and writes invalid values as strings; so do we, since a JSON String keeps them unchanged
   * (PS3.18 §F.2.3.1 note). The digits are kept as written; only what JSON forbids is changed: a '+'
   * sign, leading zeros, a missing 0 before or after the decimal point.
   */
  static String decimalNumber(String s) {
    int n = s.length();
    if (n == 0 || n > 16) {
      return null;
    }
    StringBuilder out = new StringBuilder(n + 2);
    int i = 0;
    if (s.charAt(i) == '+' || s.charAt(i) == '-') {
      if (s.charAt(i) == '-') {
        out.append('-');
      }
      i++;
    }
    int intStart = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    int intEnd = i;
    int fracStart = -1;
    int fracEnd = -1;
    if (i < n && s.charAt(i) == '.') {
      fracStart = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      fracEnd = i;
    }
    boolean hasFrac = fracStart >= 0 && fracEnd > fracStart;
    if (intEnd == intStart && !hasFrac) {
      return null;
    }
    appendWithoutLeadingZeros(out, s, intStart, intEnd);
    if (hasFrac) {
      out.append('.').append(s, fracStart, fracEnd);
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      out.append('e');
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        if (s.charAt(i) == '-') {
          out.append('-');
        }
        i++;
      }
      int expStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == expStart) {
        return null;
      }
      out.append(s, expStart, i);
    }
    return i == n ? out.toString() : null;
  }

  /**
   * An IS value as a JSON number, or null when it is not a valid Integer String (PS3.5 §6.2: at most 12
   * characters {@code [+-]?digits} in the range -2^31 .. 2^31-1); dcm2json writes those as strings too.
   */
  static String integerNumber(String s) {
    int n = s.length();
    if (n == 0 || n > 12) {
      return null;
    }
    int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return null;
    }
    for (int j = i; j < n; j++) {
      if (!isDigit(s.charAt(j))) {
        return null;
      }
    }
    long v = Long.parseLong(s.substring(i));
    boolean negative = s.charAt(0) == '-';
    if (negative ? v > 1L << 31 : v > Integer.MAX_VALUE) {
      return null;
    }
    StringBuilder out = new StringBuilder(n);
    if (negative) {
      out.append('-');
    }
    appendWithoutLeadingZeros(out, s, i, n);
    return out.toString();
  }

  private static void appendWithoutLeadingZeros(StringBuilder out, String s, int from, int to) {
    while (from < to - 1 && s.charAt(from) == '0') {
      from++;
    }
    if (from == to) {
      out.append('0');
    } else {
      out.append(s, from, to);
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A Person Name value reduced to what DICOM JSON carries: at most three groups, each without trailing
   * '^' (trailing empty components mean nothing, PS3.5 §6.2.1.1), without trailing empty groups; "" when
   * nothing is left, so that "^^^^" is an empty value as dcm2json has it.
   */
  static String personName(String value) {
    String[] groups = value.split("=", -1);
    String[] kept = new String[Math.min(3, groups.length)];
    int last = -1;
    for (int g = 0; g < kept.length; g++) {
      String group = groups[g];
      int end = group.length();
      while (end > 0 && group.charAt(end - 1) == '^') {
        end--;
      }
      kept[g] = group.substring(0, end);
      if (end > 0) {
        last = g;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g <= last; g++) {
      sb.append(g > 0 ? "=" : "").append(kept[g]);
    }
    return sb.toString();
  }

  /** A float as a JSON number ("3" rather than "3.0"), or null for NaN and the infinities. */
  static String floatNumber(double v, boolean single) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    String s = single ? Float.toString((float) v) : Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /**
   * How a float that JSON numbers cannot carry is written: as the JSON String "NaN", "Infinity" or
   * "-Infinity" (dcm2json refuses such a file by default, PS3.18 gives no rule; a string keeps the value).
   */
  static String nonFiniteName(double v) {
    return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }
}
