package org.xcaibridge.studies;

import org.xcaibridge.dicom.BulkDataUriBuilder;

/**
 * The front's BulkDataURIs (PS3.18 §F.2.6) for one instance's metadata: the URLs are the front's own, so it makes
 * them. The series metadata is cached once built, so the same instance and element must always get the same URI
 * (a fixed base URL, or URIs relative to the series).
 */
@FunctionalInterface
public interface InstanceUris {
  BulkDataUriBuilder forInstance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid);
}
