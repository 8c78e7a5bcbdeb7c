package org.xcaibridge.trust;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A coded value as XUA carries it in an attribute value: an HL7 v3 CE element ({@code hl7:Role} for
 * the subject's role, {@code hl7:PurposeOfUse} for the purpose of use, protocol.md §7.2).
 *
 * @param code           the code, e.g. {@code 224608005} or {@code TREATMENT}
 * @param codeSystem     the code system OID in dotted form
 * @param codeSystemName the code system's name ({@code SNOMED_CT}, {@code nhin-purpose}), if any
 * @param displayName    the human-readable meaning, if any
 */
public record XuaCode(String code, String codeSystem, Optional<String> codeSystemName,
    Optional<String> displayName) {

  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  /** NHIN purpose of use "TREATMENT", the one Carequality imaging queries use (protocol.md §7.4). */
  public static final XuaCode TREATMENT = nhinPurpose("TREATMENT", "Treatment");

  public XuaCode {
    requireText(code, "code");
    requireOid(codeSystem, "codeSystem");
    Objects.requireNonNull(codeSystemName, "codeSystemName").ifPresent(s -> requireText(s, "codeSystemName"));
    Objects.requireNonNull(displayName, "displayName").ifPresent(s -> requireText(s, "displayName"));
  }

  /** A SNOMED CT role code, e.g. {@code 224608005} "Administrative AND/OR managerial worker". */
  public static XuaCode snomedRole(String code, String displayName) {
    return new XuaCode(code, SamlNames.SNOMED_CT, Optional.of("SNOMED_CT"), Optional.of(displayName));
  }

  /** An NHIN purpose of use code, e.g. {@code TREATMENT}. */
  public static XuaCode nhinPurpose(String code, String displayName) {
    return new XuaCode(code, SamlNames.NHIN_PURPOSE, Optional.of("nhin-purpose"), Optional.of(displayName));
  }

  static boolean isOid(String s) {
    return s != null && s.length() <= 200 && OID.matcher(s).matches();
  }

  static void requireOid(String s, String name) {
    if (!isOid(s)) {
      throw new IllegalArgumentException(name + " must be an OID in dotted form, was '" + s + "'");
    }
  }

  /** Non-blank, at most 1024 chars, no control characters (XML 1.0 cannot carry most of them). */
  static void requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (s.length() > 1024) {
      throw new IllegalArgumentException(name + " must be at most 1024 chars, was " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new IllegalArgumentException(name + " must not contain control characters");
      }
    }
  }
}
