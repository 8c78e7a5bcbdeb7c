package org.xcaibridge.dicom;

/**
 * A DICOM JSON document (PS3.18 Annex F) is not valid JSON or not a valid DICOM JSON model; the offset
 * counts UTF-8 bytes from the start of the document.
 */
public class DicomJsonException extends DicomParseException {
  public DicomJsonException(String message, long offset) {
    super(message, offset);
  }

  public DicomJsonException(String message, long offset, Throwable cause) {
    super(message, offset, cause);
  }
}
