package org.xcaibridge.dicom;

/**
 * Decodes one element header (PS3.5 §7.1) from the front of a {@link ParserInput}: tag, VR (from the
 * stream, or from the dictionary for Implicit VR) and length.
 */
final class ElementHeaderDecoder {
  private ElementHeaderDecoder() {}

  /**
   * Reads the next element header if enough bytes are present, consuming it. Item and delimitation
   * tags have no VR in any syntax.
   */
  static ElementHeader read(ParserInput in, boolean expl, boolean be, int depth, boolean signedPixels) {
    if (in.avail() < 8) {
      return null;
    }
    long offset = in.position();
    int tag = (in.u16(0, be) << 16) | in.u16(2, be);
    if (tag == Tag.Item || tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
      long len = in.u32(4, be);
      in.consume(8);
      return new ElementHeader(tag, null, len == 0xFFFFFFFFL ? ElementHeader.UNDEFINED_LENGTH : len, offset, in.position(), be, depth);
    }
    VR vr;
    long len;
    if (expl) {
      vr = VR.fromBytes(in.byteAt(4), in.byteAt(5));
      if (vr == null) {
        throw new DicomParseException("unknown VR bytes 0x" + Integer.toHexString(in.u16(4, true))
            + " in element " + Tag.toString(tag), offset);
      }
      if (vr.longHeader()) {
        if (in.avail() < 12) {
          return null;
        }
        len = in.u32(8, be);
        in.consume(12);
      } else {
        len = in.u16(6, be);
        in.consume(8);
      }
    } else {
      len = in.u32(4, be);
      // Pixel Data of undefined length is encapsulated, and encapsulated Pixel Data is OB (PS3.5 §A.4)
      vr = tag == Tag.PixelData ? (len == 0xFFFFFFFFL ? VR.OB : VR.OW) : ElementDictionary.standard().implicitVr(tag, signedPixels);
      in.consume(8);
    }
    return new ElementHeader(tag, vr, len == 0xFFFFFFFFL ? ElementHeader.UNDEFINED_LENGTH : len, offset, in.position(), be, depth);
  }
}
