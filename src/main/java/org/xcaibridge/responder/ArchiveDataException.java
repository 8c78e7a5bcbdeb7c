package org.xcaibridge.responder;

/**
 * What the archive holds cannot be served as asked: an origin's answer that is not what PS3.18 promises, a
 * stored object that is not DICOM, or attributes a manifest cannot be made from (an invalid UID, say).
 */
public final class ArchiveDataException extends ArchiveException {
  public ArchiveDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
