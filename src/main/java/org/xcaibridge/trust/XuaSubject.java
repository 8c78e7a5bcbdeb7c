package org.xcaibridge.trust;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who asks and why, for one request: the XUA subject attributes of protocol.md §7.2. It comes from the
 * front-door identity of the viewer's user, or from a configured service identity.
 *
 * @param nameId         the {@code saml2:Subject/saml2:NameID}; empty means the signing certificate's
 *                       subject DN (format X509SubjectName), which is what a gateway acting for itself
 *                       sends under holder-of-key
 * @param subjectId      {@code subject:subject-id}: the requesting user's name (or the service's)
 * @param organization   {@code subject:organization}: the requesting organization's name
 * @param organizationId {@code subject:organization-id}: its OID, dotted or as {@code urn:oid:…}
 * @param role           {@code subject:role}: a SNOMED CT coded {@code hl7:Role}
 * @param purposeOfUse   {@code subject:purposeofuse}: an NHIN coded {@code hl7:PurposeOfUse}
 * @param npi            {@code subject:npi}: the user's US National Provider Identifier (10 digits)
 * @param resourceId     {@code resource:resource-id}: the patient id the request is about (HL7 CX)
 */
public record XuaSubject(Optional<NameId> nameId, String subjectId, String organization,
    String organizationId, XuaCode role, XuaCode purposeOfUse, Optional<String> npi,
    Optional<String> resourceId) {

  private static final Pattern NPI = Pattern.compile("[0-9]{10}");

  /** A NameID value and its format URN. */
  public record NameId(String value, String format) {
    public NameId {
      XuaCode.requireText(value, "nameId");
      XuaCode.requireText(format, "nameId format");
    }

    /** An e-mail address NameID (SAML 1.1 emailAddress format). */
    public static NameId email(String address) {
      return new NameId(address, SamlNames.NAMEID_EMAIL);
    }

    /** A NameID of unspecified format (a user name from the front door). */
    public static NameId unspecified(String value) {
      return new NameId(value, SamlNames.NAMEID_UNSPECIFIED);
    }
  }

  public XuaSubject {
    Objects.requireNonNull(nameId, "nameId");
    XuaCode.requireText(subjectId, "subjectId");
    XuaCode.requireText(organization, "organization");
    organizationId = oid(organizationId, "organizationId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(purposeOfUse, "purposeOfUse");
    Objects.requireNonNull(npi, "npi").ifPresent(n -> {
      if (!NPI.matcher(n).matches()) {
        throw new IllegalArgumentException("npi must be 10 digits, was '" + n + "'");
      }
    });
    Objects.requireNonNull(resourceId, "resourceId").ifPresent(r -> XuaCode.requireText(r, "resourceId"));
  }

  /** A subject without NameID override, NPI or resource id. */
  public static XuaSubject of(String subjectId, String organization, String organizationId, XuaCode role,
      XuaCode purposeOfUse) {
    return new XuaSubject(Optional.empty(), subjectId, organization, organizationId, role, purposeOfUse,
        Optional.empty(), Optional.empty());
  }

  public XuaSubject withNpi(String value) {
    return new XuaSubject(nameId, subjectId, organization, organizationId, role, purposeOfUse,
        Optional.of(value), resourceId);
  }

  public XuaSubject withResourceId(String value) {
    return new XuaSubject(nameId, subjectId, organization, organizationId, role, purposeOfUse, npi,
        Optional.of(value));
  }

  public XuaSubject withNameId(NameId value) {
    return new XuaSubject(Optional.of(value), subjectId, organization, organizationId, role, purposeOfUse,
        npi, resourceId);
  }

  /** The OID in dotted form, from either dotted form or {@code urn:oid:…}. */
  static String oid(String value, String name) {
    String s = value != null && value.startsWith("urn:oid:") ? value.substring(8) : value;
    XuaCode.requireOid(s, name);
    return s;
  }
}
