package org.xcaibridge.dicom;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A transfer syntax (PS3.5 §10): how a dataset is encoded. Every syntax not named here is treated as an
 * encapsulated Explicit VR Little Endian syntax, which PS3.5 §A.4 requires of all compressed syntaxes.
 */
public record TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated,
                             boolean encapsulated, String name) {
  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2", false, false, false, false, "Implicit VR Little Endian");
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.1", true, false, false, false, "Explicit VR Little Endian");
  public static final TransferSyntax ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.1.98", true, false, false, true, "Encapsulated Uncompressed Explicit VR Little Endian");
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.1.99", true, false, true, false, "Deflated Explicit VR Little Endian");
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.2", true, true, false, false, "Explicit VR Big Endian");
  public static final TransferSyntax JPEG_BASELINE =
      new TransferSyntax("1.2.840.10008.1.2.4.50", true, false, false, true, "JPEG Baseline (Process 1)");
  public static final TransferSyntax JPEG_EXTENDED =
      new TransferSyntax("1.2.840.10008.1.2.4.51", true, false, false, true, "JPEG Extended (Process 2 & 4)");
  public static final TransferSyntax JPEG_LOSSLESS =
      new TransferSyntax("1.2.840.10008.1.2.4.57", true, false, false, true, "JPEG Lossless, Non-Hierarchical (Process 14)");
  public static final TransferSyntax JPEG_LOSSLESS_SV1 =
      new TransferSyntax("1.2.840.10008.1.2.4.70", true, false, false, true, "JPEG Lossless, First-Order Prediction");
  public static final TransferSyntax JPEG_LS_LOSSLESS =
      new TransferSyntax("1.2.840.10008.1.2.4.80", true, false, false, true, "JPEG-LS Lossless");
  public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS =
      new TransferSyntax("1.2.840.10008.1.2.4.81", true, false, false, true, "JPEG-LS Lossy (Near-Lossless)");
  public static final TransferSyntax JPEG_2000_LOSSLESS =
      new TransferSyntax("1.2.840.10008.1.2.4.90", true, false, false, true, "JPEG 2000 (Lossless Only)");
  public static final TransferSyntax JPEG_2000 =
      new TransferSyntax("1.2.840.10008.1.2.4.91", true, false, false, true, "JPEG 2000");
  public static final TransferSyntax RLE_LOSSLESS =
      new TransferSyntax("1.2.840.10008.1.2.5", true, false, false, true, "RLE Lossless");

  private static final Map<String, TransferSyntax> KNOWN = Stream.of(
          IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN,
          DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS,
          JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS, JPEG_2000_LOSSLESS, JPEG_2000, RLE_LOSSLESS)
      .collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

  /** The syntax with this UID; unknown UIDs are taken to be encapsulated Explicit VR Little Endian. */
  public static TransferSyntax of(String uid) {
    TransferSyntax ts = KNOWN.get(uid);
    return ts != null ? ts : new TransferSyntax(uid, true, false, false, true, "Unknown (" + uid + ")");
  }

  /** True for the uncompressed syntaxes this codebase can transcode between. */
  public boolean isNative() {
    return !encapsulated;
  }
}
