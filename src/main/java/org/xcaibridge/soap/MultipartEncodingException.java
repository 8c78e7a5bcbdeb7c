package org.xcaibridge.soap;

/**
 * A part declares a Content-Transfer-Encoding other than an identity one (7bit, 8bit, binary). MTOM sends
 * attachments as raw octets (XOP §5, SOAP MTOM §3.3); decoding base64 or quoted-printable parts would hide a
 * peer that does not speak MTOM, so such parts are refused.
 */
public final class MultipartEncodingException extends MultipartException {
  private final String encoding;

  public MultipartEncodingException(String encoding, int partIndex, long offset) {
    super("part " + partIndex + " has Content-Transfer-Encoding '" + encoding
        + "'; only binary, 8bit and 7bit are accepted", offset);
    this.encoding = encoding;
  }

  public String encoding() {
    return encoding;
  }
}
