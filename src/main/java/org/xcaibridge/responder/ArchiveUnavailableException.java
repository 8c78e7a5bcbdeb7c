package org.xcaibridge.responder;

/**
 * The archive cannot answer now: the folder cannot be read, the DICOMweb origin is unreachable, slow or
 * answers with a server error. Trying again later may work.
 */
public final class ArchiveUnavailableException extends ArchiveException {
  public ArchiveUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
