package org.xcaibridge.dicom;

/**
 * The header of one data element as the parser met it.
 *
 * @param tag         the tag
 * @param vr          the VR (from the stream, or from the dictionary for Implicit VR)
 * @param length      the value length in bytes, or {@link #UNDEFINED_LENGTH}
 * @param offset      stream offset of the first header byte
 * @param valueOffset stream offset of the first value byte
 * @param bigEndian   whether the value bytes in the stream are big endian (values handed to a
 *                    {@link DicomParserHandler} are always little endian)
 * @param depth       0 for the top-level dataset, +1 for each enclosing sequence
 */
public record ElementHeader(int tag, VR vr, long length, long offset, long valueOffset, boolean bigEndian, int depth) {
  public static final long UNDEFINED_LENGTH = -1;

  public boolean undefinedLength() {
    return length == UNDEFINED_LENGTH;
  }

  @Override
  public String toString() {
    return Tag.toString(tag) + " " + vr + " length " + (undefinedLength() ? "undefined" : length) + " at offset " + offset;
  }
}
