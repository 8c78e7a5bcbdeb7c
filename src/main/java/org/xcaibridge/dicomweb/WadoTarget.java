package org.xcaibridge.dicomweb;

/** The kinds of WADO-RS resource whose media types differ (PS3.18 §10.4.1, Table 8.7.3-1). */
public enum WadoTarget {
  /** Study, series or instance: {@code multipart/related; type="application/dicom"}. */
  INSTANCES,
  /** {@code /metadata}: {@code application/dicom+json}. */
  METADATA,
  /** {@code /frames/{list}}: one part per frame, uncompressed or in the stored compressed syntax. */
  FRAMES,
  /** A BulkDataURI: the value's bytes, multipart or (dicomweb-client {@code singlepart}) single part. */
  BULKDATA
}
