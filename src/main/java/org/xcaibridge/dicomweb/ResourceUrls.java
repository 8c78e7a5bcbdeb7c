package org.xcaibridge.dicomweb;

import org.xcaibridge.dicom.BulkDataUriBuilder;
import org.xcaibridge.studies.InstanceUris;

/**
 * The absolute URLs of the front's own resources (PS3.18 §10.4.1 Table 10.4.1-1), as RetrieveURL (0008,1190),
 * Content-Location and BulkDataURI (§F.2.6) name them. UIDs are digits and dots, so they need no escaping.
 */
final class ResourceUrls implements InstanceUris {
  private final String base;

  ResourceUrls(String publicBaseUrl) {
    this.base = publicBaseUrl;
  }

  String study(String study) {
    return base + "/studies/" + study;
  }

  String series(String study, String series) {
    return study(study) + "/series/" + series;
  }

  String instance(String study, String series, String sop) {
    return series(study, series) + "/instances/" + sop;
  }

  String frame(String study, String series, String sop, int frame) {
    return instance(study, series, sop) + "/frames/" + frame;
  }

  /**
   * {@code …/instances/{sop}/bulkdata/{path}}, the path as {@link BulkDataUriBuilder.Path#toString()} writes it
   * ({@code 7FE00010}, {@code 54000100/0/54001010}): readable, and enough to find the element again in the
   * instance whatever its transfer syntax (byte offsets would not survive a deflated file).
   */
  @Override
  public BulkDataUriBuilder forInstance(String study, String series, String sop) {
    String prefix = instance(study, series, sop) + "/bulkdata/";
    return (element, path) -> prefix + path;
  }
}
