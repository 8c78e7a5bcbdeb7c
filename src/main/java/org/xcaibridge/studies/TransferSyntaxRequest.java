package org.xcaibridge.studies;

import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * The transfer syntaxes a retrieval asks the community for, as RAD-75's TransferSyntaxUIDList (protocol.md
 * §4.1–§4.2): as stored (every syntax the bridge knows, so a source serves what it has without transcoding), or
 * the caller's list in its order of preference with Explicit VR Little Endian appended as the fallback every
 * source can serve. What the cache holds is what the first retrieval of an instance brought; each
 * {@link StoredInstance} says which.
 *
 * @param preferred in order of preference; empty means as stored
 */
public record TransferSyntaxRequest(List<String> preferred) {
  private static final List<String> EVERY_KNOWN = List.of(
      TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.JPEG_BASELINE.uid(),
      TransferSyntax.JPEG_EXTENDED.uid(), TransferSyntax.JPEG_LOSSLESS.uid(), TransferSyntax.JPEG_LOSSLESS_SV1.uid(),
      TransferSyntax.JPEG_LS_LOSSLESS.uid(), TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid(),
      TransferSyntax.JPEG_2000_LOSSLESS.uid(), TransferSyntax.JPEG_2000.uid(), TransferSyntax.RLE_LOSSLESS.uid(),
      TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(),
      TransferSyntax.ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN.uid(),
      TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid());

  public static final TransferSyntaxRequest AS_STORED = new TransferSyntaxRequest(List.of());

  public TransferSyntaxRequest {
    preferred = List.copyOf(preferred);
    for (String uid : preferred) {
      if (uid == null || !uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
        throw new IllegalArgumentException("not a transfer syntax UID: '" + uid + "'");
      }
    }
  }

  public static TransferSyntaxRequest of(List<String> preferred) {
    return new TransferSyntaxRequest(preferred);
  }

  public boolean asStored() {
    return preferred.isEmpty();
  }

  /** The TransferSyntaxUIDList to send: never empty, Explicit VR Little Endian always among them. */
  public List<String> uidList() {
    if (preferred.isEmpty()) {
      return EVERY_KNOWN;
    }
    List<String> out = new ArrayList<>();
    for (String uid : preferred) {
      if (!out.contains(uid)) {
        out.add(uid);
      }
    }
    if (!out.contains(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())) {
      out.add(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    }
    return List.copyOf(out);
  }
}
