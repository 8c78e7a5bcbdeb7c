package org.xcaibridge.responder;

import java.util.List;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * How an instance goes out in a RAD-69/75 answer (RAD TF-3 4.69.4.2.3: "the pixel data shall be encoded using
 * one of the DICOM transfer syntaxes included in the request or an error status shall be returned"): as stored
 * when its syntax is accepted; otherwise transcoded, when it is stored uncompressed, into the first accepted
 * syntax this codebase writes (Explicit or Implicit VR Little Endian, the requester's preference order); otherwise
 * not at all. Compressed pixel data is never decoded or encoded here.
 */
sealed interface TransferSyntaxChoice {
  /** Send the stored bytes unchanged. */
  record AsStored() implements TransferSyntaxChoice {}

  /** Re-encode the stored native dataset into {@code target} while it streams. */
  record Transcode(TransferSyntax target) implements TransferSyntaxChoice {}

  /** No accepted syntax can be served. */
  record Impossible(TransferSyntax stored) implements TransferSyntaxChoice {}

  /**
   * @param stored   the stored syntax
   * @param accepted the requested syntaxes, preferred first
   */
  static TransferSyntaxChoice choose(TransferSyntax stored, List<String> accepted) {
    for (String uid : accepted) {
      if (uid.strip().equals(stored.uid())) {
        return new AsStored();
      }
    }
    if (stored.isNative()) { // includes Explicit VR Big Endian and Deflated, which the transcoder reads
      for (String uid : accepted) {
        TransferSyntax t = TransferSyntax.of(uid.strip());
        if (t.equals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN) || t.equals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
          return new Transcode(t);
        }
      }
    }
    return new Impossible(stored);
  }
}
