package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * A CXi value of DocumentEntry.referenceIdList ({@code urn:ihe:iti:xds:2013:referenceIdList}, protocol.md
 * §2.5): {@code value^^^&authorityOid&ISO^type} or {@code value^^^^type}. Generators differ in the
 * authority part, so parsing takes component 1 as the value, component 4 as the (optional) authority
 * and component 5 as the type, and ignores the rest.
 *
 * @param value e.g. a Study Instance UID or an accession number
 * @param assigningAuthority universal id of the assigning authority, null when absent
 * @param type the CXi type URN, e.g. {@link #STUDY_INSTANCE_UID}; null when absent
 */
public record ReferenceId(String value, String assigningAuthority, String type) {
  public static final String UNIQUE_ID = "urn:ihe:iti:xds:2013:uniqueId";
  public static final String ACCESSION = "urn:ihe:iti:xds:2013:accession";
  public static final String REFERRAL = "urn:ihe:iti:xds:2013:referral";
  public static final String ORDER = "urn:ihe:iti:xds:2013:order";
  public static final String WORKFLOW_INSTANCE_ID = "urn:ihe:iti:xdw:2013:workflowInstanceId";
  public static final String ENCOUNTER_ID = "urn:ihe:iti:xds:2015:encounterId";
  public static final String STUDY_INSTANCE_UID = "urn:ihe:iti:xds:2016:studyInstanceUID";

  public ReferenceId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("CXi value must not be blank");
    }
  }

  public static ReferenceId studyInstanceUid(String uid) {
    return new ReferenceId(uid, null, STUDY_INSTANCE_UID);
  }

  public static ReferenceId accession(String number, String issuerOid) {
    return new ReferenceId(number, issuerOid, ACCESSION);
  }

  public boolean isStudyInstanceUid() {
    return STUDY_INSTANCE_UID.equals(type);
  }

  public boolean isAccession() {
    return ACCESSION.equals(type);
  }

  public String encode() {
    String authority = assigningAuthority == null ? "" : "&" + Hl7v2.escape(assigningAuthority) + "&ISO";
    return Hl7v2.escape(value) + "^^^" + authority + (type == null ? "" : "^" + type);
  }

  /** @throws IllegalArgumentException when the value component is empty */
  public static ReferenceId parse(String cxi) {
    Objects.requireNonNull(cxi, "cxi");
    List<String> c = Hl7v2.split(cxi.trim(), '^');
    return new ReferenceId(Hl7v2.unescape(Hl7v2.part(c, 0).trim()), Cx.authority(Hl7v2.part(c, 3)),
        Hl7v2.emptyToNull(Hl7v2.part(c, 4)));
  }

  @Override
  public String toString() {
    return encode();
  }
}
