package org.xcaibridge.studies;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of the study core that are not per community. Validated when built; each names its unit.
 *
 * @param patientMappingTtl     how long a patient id learnt from XCPD is reused before asking again (a "no
 *                              such patient" answer is kept for a tenth of it, at least one second)
 * @param maxPatientMappings    most XCPD answers kept in memory
 * @param prefetchConcurrency   most series retrieved at once in the background when a study is opened;
 *                              0 turns prefetching off
 * @param maxInlineBinaryBytes  in series metadata, binary values up to this many bytes are written inline
 *                              (InlineBinary), longer ones and all pixel data by BulkDataURI
 * @param maxLocatedStudies     most studies the locator remembers; the least recently found are forgotten
 *                              first (a deep link to one of them then needs a search again)
 * @param maxHeaderFacts        most instance headers' attribute summaries kept in memory
 * @param bridgeHomeCommunityId the bridge's own {@code urn:oid:…}, sent as the sender of XCPD requests; null
 *                              when no community uses XCPD
 * @param bridgeDeviceOid       the bridge's device OID for XCPD messages; null when no community uses XCPD
 */
public record StudySettings(Duration patientMappingTtl, int maxPatientMappings, int prefetchConcurrency,
    long maxInlineBinaryBytes, int maxLocatedStudies, int maxHeaderFacts, String bridgeHomeCommunityId,
    String bridgeDeviceOid) {
  private static final Pattern URN_OID = Pattern.compile("urn:oid:[0-2](\\.(0|[1-9][0-9]*))+");
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  public StudySettings {
    if (patientMappingTtl == null || patientMappingTtl.toMillis() < 1000) {
      throw new IllegalArgumentException("patientMappingTtl must be at least 1 s, was " + patientMappingTtl);
    }
    if (maxPatientMappings < 1) {
      throw new IllegalArgumentException("maxPatientMappings must be ≥ 1, was " + maxPatientMappings);
    }
    if (prefetchConcurrency < 0 || prefetchConcurrency > 64) {
      throw new IllegalArgumentException("prefetchConcurrency must be 0–64 series, was " + prefetchConcurrency);
    }
    if (maxInlineBinaryBytes < 0 || maxInlineBinaryBytes > 1 << 20) {
      throw new IllegalArgumentException("maxInlineBinaryBytes must be 0–1048576 bytes, was " + maxInlineBinaryBytes);
    }
    if (maxLocatedStudies < 1) {
      throw new IllegalArgumentException("maxLocatedStudies must be ≥ 1, was " + maxLocatedStudies);
    }
    if (maxHeaderFacts < 1) {
      throw new IllegalArgumentException("maxHeaderFacts must be ≥ 1, was " + maxHeaderFacts);
    }
    if (bridgeHomeCommunityId != null && !URN_OID.matcher(bridgeHomeCommunityId).matches()) {
      throw new IllegalArgumentException("bridgeHomeCommunityId must be urn:oid:<dotted OID>, was '"
          + bridgeHomeCommunityId + "'");
    }
    if (bridgeDeviceOid != null && !OID.matcher(bridgeDeviceOid).matches()) {
      throw new IllegalArgumentException("bridgeDeviceOid must be a dotted OID, was '" + bridgeDeviceOid + "'");
    }
  }

  /**
   * XCPD answers kept 1 h (100,000 of them), 2 series prefetched at once, binary values up to 64 KiB inline (palette tables, icons),
   * 1,000,000 studies located, 200,000 header summaries; no XCPD identity.
   */
  public static final StudySettings DEFAULT = new StudySettings(Duration.ofHours(1), 100_000, 2, 64 << 10, 1_000_000,
      200_000, null, null);

  public StudySettings withXcpdIdentity(String homeCommunityId, String deviceOid) {
    return new StudySettings(patientMappingTtl, maxPatientMappings, prefetchConcurrency, maxInlineBinaryBytes,
        maxLocatedStudies, maxHeaderFacts, homeCommunityId, deviceOid);
  }

  public StudySettings withPrefetchConcurrency(int series) {
    return new StudySettings(patientMappingTtl, maxPatientMappings, series, maxInlineBinaryBytes, maxLocatedStudies,
        maxHeaderFacts, bridgeHomeCommunityId, bridgeDeviceOid);
  }

  public StudySettings withMaxLocatedStudies(int studies) {
    return new StudySettings(patientMappingTtl, maxPatientMappings, prefetchConcurrency, maxInlineBinaryBytes,
        studies, maxHeaderFacts, bridgeHomeCommunityId, bridgeDeviceOid);
  }
}
