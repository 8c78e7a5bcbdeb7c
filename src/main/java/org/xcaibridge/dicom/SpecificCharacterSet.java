package org.xcaibridge.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The character repertoire of a dataset, from Specific Character Set (0008,0005), PS3.3 §C.12.1.1.2.
 * (Placeholder-free minimal form: single-byte and Unicode sets; code extensions are added with
 * ISO 2022 support.)
 */
public final class SpecificCharacterSet {
  public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), StandardCharsets.ISO_8859_1);

  private final List<String> terms;
  private final Charset charset;

  private SpecificCharacterSet(List<String> terms, Charset charset) {
    this.terms = terms;
    this.charset = charset;
  }

  public static SpecificCharacterSet of(List<String> terms) {
    if (terms.isEmpty()) {
      return DEFAULT;
    }
    String t = terms.get(0);
    Charset cs = switch (t) {
      case "ISO_IR 192" -> StandardCharsets.UTF_8;
      case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
      default -> StandardCharsets.ISO_8859_1;
    };
    return new SpecificCharacterSet(List.copyOf(terms), cs);
  }

  public List<String> terms() {
    return terms;
  }

  public String decode(byte[] b, int off, int len, VR vr) {
    return new String(b, off, len, charset);
  }

  public byte[] encode(String s) {
    return s.getBytes(charset);
  }
}
