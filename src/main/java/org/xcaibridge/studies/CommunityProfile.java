package org.xcaibridge.studies;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What the study core needs to know about one community besides its endpoints: how its patients are named
 * and how long it may take. Built from configuration (by {@code ops}); validated here.
 *
 * @param homeCommunityId       {@code urn:oid:…}, the community this profile is for
 * @param assigningAuthorityOid the community's patient identity domain: the assigning authority of the
 *                              patient ids its registry knows ({@code id^^^&oid&ISO}, protocol.md §2.2).
 *                              Required unless {@code xcpd}; with XCPD it is the domain whose ids are taken
 *                              from the answer (null: the first id the answer gives)
 * @param issuerOfPatientId     the DICOM Issuer of Patient ID (0010,0021) text that names the same domain in
 *                              queries, or null; a query's issuer matches the domain when it equals this or
 *                              the OID
 * @param xcpd                  whether the patient's id in this community is learnt with ITI-55 XCPD
 *                              (protocol.md §6) instead of being the configured domain's id
 * @param xcpdMinimumScore      an XCPD match scored below this (0–100) is not taken: an ambiguous patient
 *                              is reported as not found rather than guessed
 * @param queryDeadline         how long a study search waits for this community (ITI-55, ITI-38 and the
 *                              ITI-39 of its manifests together) before answering without it
 * @param attributeBudget       how long a series or instance query may wait for this community's instances
 *                              to learn attributes the manifest lacks (Modality, Rows, …)
 * @param narrowByStudyUid      a search naming Study Instance UIDs asks FindDocumentsByReferenceId (needs
 *                              the community's Reference ID option, protocol.md §2.5)
 * @param narrowByModality      a search naming modalities sends them as eventCodeList codes (entries
 *                              without modality codes are then not returned by the community)
 */
public record CommunityProfile(String homeCommunityId, String assigningAuthorityOid, String issuerOfPatientId,
    boolean xcpd, int xcpdMinimumScore, Duration queryDeadline, Duration attributeBudget, boolean narrowByStudyUid,
    boolean narrowByModality) {
  private static final Pattern URN_OID = Pattern.compile("urn:oid:[0-2](\\.(0|[1-9][0-9]*))+");
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  /** 10 s per search, 5 s to learn missing attributes, XCPD matches scored 90 or more. */
  public static final Duration DEFAULT_QUERY_DEADLINE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_ATTRIBUTE_BUDGET = Duration.ofSeconds(5);
  public static final int DEFAULT_XCPD_MINIMUM_SCORE = 90;

  public CommunityProfile {
    if (homeCommunityId == null || !URN_OID.matcher(homeCommunityId).matches()) {
      throw new IllegalArgumentException("homeCommunityId must be urn:oid:<dotted OID>, was '" + homeCommunityId + "'");
    }
    if (assigningAuthorityOid != null && !OID.matcher(assigningAuthorityOid).matches()) {
      throw new IllegalArgumentException("assigningAuthorityOid of " + homeCommunityId
          + " must be a dotted OID, was '" + assigningAuthorityOid + "'");
    }
    if (!xcpd && assigningAuthorityOid == null) {
      throw new IllegalArgumentException("community " + homeCommunityId
          + " needs either a patient identity domain (assigningAuthorityOid) or XCPD");
    }
    if (issuerOfPatientId != null && issuerOfPatientId.isBlank()) {
      issuerOfPatientId = null;
    }
    if (xcpdMinimumScore < 0 || xcpdMinimumScore > 100) {
      throw new IllegalArgumentException("xcpdMinimumScore of " + homeCommunityId + " must be 0–100, was "
          + xcpdMinimumScore);
    }
    positive(queryDeadline, "queryDeadline", homeCommunityId);
    positive(attributeBudget, "attributeBudget", homeCommunityId);
  }

  /** A community whose patients are known in {@code assigningAuthorityOid}, with the default times. */
  public static CommunityProfile ofDomain(String homeCommunityId, String assigningAuthorityOid) {
    return new CommunityProfile(homeCommunityId, assigningAuthorityOid, null, false, DEFAULT_XCPD_MINIMUM_SCORE,
        DEFAULT_QUERY_DEADLINE, DEFAULT_ATTRIBUTE_BUDGET, true, false);
  }

  /** A community asked with XCPD; ids of {@code assigningAuthorityOid} are taken from its answers (null: any). */
  public static CommunityProfile ofXcpd(String homeCommunityId, String assigningAuthorityOid) {
    return new CommunityProfile(homeCommunityId, assigningAuthorityOid, null, true, DEFAULT_XCPD_MINIMUM_SCORE,
        DEFAULT_QUERY_DEADLINE, DEFAULT_ATTRIBUTE_BUDGET, true, false);
  }

  public CommunityProfile withIssuerOfPatientId(String issuer) {
    return new CommunityProfile(homeCommunityId, assigningAuthorityOid, issuer, xcpd, xcpdMinimumScore, queryDeadline,
        attributeBudget, narrowByStudyUid, narrowByModality);
  }

  public CommunityProfile withTimes(Duration query, Duration attributes) {
    return new CommunityProfile(homeCommunityId, assigningAuthorityOid, issuerOfPatientId, xcpd, xcpdMinimumScore,
        query, attributes, narrowByStudyUid, narrowByModality);
  }

  public CommunityProfile withNarrowing(boolean byStudyUid, boolean byModality) {
    return new CommunityProfile(homeCommunityId, assigningAuthorityOid, issuerOfPatientId, xcpd, xcpdMinimumScore,
        queryDeadline, attributeBudget, byStudyUid, byModality);
  }

  /** Whether a query's Issuer of Patient ID (text or OID) names this community's domain. */
  boolean namesDomain(String issuer) {
    return issuer != null && (issuer.equals(assigningAuthorityOid) || issuer.equals(issuerOfPatientId));
  }

  private static void positive(Duration d, String name, String home) {
    if (d == null || d.isNegative() || d.isZero() || d.toMillis() < 1) {
      throw new IllegalArgumentException(name + " of " + home + " must be at least 1 ms, was " + d);
    }
  }
}
