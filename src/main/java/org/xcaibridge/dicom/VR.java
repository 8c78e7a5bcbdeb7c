package org.xcaibridge.dicom;

/**
 * The value representations of DICOM PS3.5 §6.2 (current edition, including OV, SV, UV, UC, UR, UT).
 *
 * <p>{@code longHeader} says whether an explicit VR element uses the 12-byte header with a 32-bit length
 * (PS3.5 Table 7.1-1); {@code unitSize} is the size of the binary unit that is byte-swapped when
 * converting between little and big endian (1 for strings and bytes).
 */
public enum VR {
  AE(Kind.STRING, false, 1, ' '), AS(Kind.STRING, false, 1, ' '), AT(Kind.TAG, false, 2, 0),
  CS(Kind.STRING, false, 1, ' '), DA(Kind.STRING, false, 1, ' '), DS(Kind.DECIMAL_STRING, false, 1, ' '),
  DT(Kind.STRING, false, 1, ' '), FD(Kind.FLOAT, false, 8, 0), FL(Kind.FLOAT, false, 4, 0),
  IS(Kind.INTEGER_STRING, false, 1, ' '), LO(Kind.TEXT, false, 1, ' '), LT(Kind.TEXT, false, 1, ' '),
  OB(Kind.BINARY, true, 1, 0), OD(Kind.BINARY, true, 8, 0), OF(Kind.BINARY, true, 4, 0),
  OL(Kind.BINARY, true, 4, 0), OV(Kind.BINARY, true, 8, 0), OW(Kind.BINARY, true, 2, 0),
  PN(Kind.PERSON_NAME, false, 1, ' '), SH(Kind.TEXT, false, 1, ' '), SL(Kind.INT, false, 4, 0),
  SQ(Kind.SEQUENCE, true, 1, 0), SS(Kind.INT, false, 2, 0), ST(Kind.TEXT, false, 1, ' '),
  SV(Kind.INT, true, 8, 0), TM(Kind.STRING, false, 1, ' '), UC(Kind.TEXT, true, 1, ' '),
  UI(Kind.STRING, false, 1, 0), UL(Kind.INT, false, 4, 0), UN(Kind.BINARY, true, 1, 0),
  UR(Kind.URI, true, 1, ' '), US(Kind.INT, false, 2, 0), UT(Kind.TEXT, true, 1, ' '),
  UV(Kind.INT, true, 8, 0);

  /** How values of a VR are interpreted; decides their DICOM JSON form (PS3.18 F.2.3). */
  public enum Kind { STRING, TEXT, URI, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING, INT, FLOAT, TAG, BINARY, SEQUENCE }

  private static final VR[] BY_CODE = new VR[1 << 16];

  static {
    for (VR vr : values()) {
      BY_CODE[vr.code] = vr;
    }
  }

  private final Kind kind;
  private final boolean longHeader;
  private final int unitSize;
  private final int padding;
  private final int code;

  VR(Kind kind, boolean longHeader, int unitSize, int padding) {
    this.kind = kind;
    this.longHeader = longHeader;
    this.unitSize = unitSize;
    this.padding = padding;
    this.code = (name().charAt(0) << 8) | name().charAt(1);
  }

  public Kind kind() {
    return kind;
  }

  /** True when the explicit VR header has two reserved bytes and a 32-bit length. */
  public boolean longHeader() {
    return longHeader;
  }

  /** Bytes per binary unit to swap when the byte order changes; 1 means nothing to swap. */
  public int unitSize() {
    return unitSize;
  }

  /** The byte that pads a value to even length (space for text, NUL for UI and binary). */
  public int padding() {
    return padding;
  }

  /** True for VRs whose value is a character string (decoded with the Specific Character Set where it applies). */
  public boolean isString() {
    return switch (kind) {
      case STRING, TEXT, URI, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING -> true;
      default -> false;
    };
  }

  /** True for binary VRs (OB, OD, OF, OL, OV, OW, UN) that DICOM JSON writes as InlineBinary or BulkDataURI. */
  public boolean isBulk() {
    return kind == Kind.BINARY;
  }

  /** True for string VRs that are decoded with the Specific Character Set (PS3.5 §6.1.2.3). */
  public boolean usesCharacterSet() {
    return kind == Kind.TEXT || kind == Kind.PERSON_NAME;
  }

  /** The VR whose two ASCII bytes are {@code b0 b1}, or null when they name none. */
  public static VR fromBytes(int b0, int b1) {
    return BY_CODE[((b0 & 0xFF) << 8) | (b1 & 0xFF)];
  }

  /** Parses a dictionary or user-supplied VR code such as "US"; null when unknown. */
  public static VR fromCode(String code) {
    return code != null && code.length() == 2 ? fromBytes(code.charAt(0), code.charAt(1)) : null;
  }
}
