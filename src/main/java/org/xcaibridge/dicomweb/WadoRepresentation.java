package org.xcaibridge.dicomweb;

/**
 * What one WADO-RS answer (or each part of it) will be: the media type, the transfer syntax of the
 * content (null for metadata), and whether it is wrapped in {@code multipart/related}.
 */
public record WadoRepresentation(String mediaType, String transferSyntaxUid, boolean multipart) {
  /** The Content-Type of one part (or of a single-part body): the media type with its transfer-syntax. */
  public String partContentType() {
    return transferSyntaxUid == null ? mediaType : mediaType + "; transfer-syntax=" + transferSyntaxUid;
  }
}
