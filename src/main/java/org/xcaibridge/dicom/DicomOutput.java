package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes element headers, items and delimiters in one of the native little-endian syntaxes (PS3.5 §7).
 * Sequences and items are written with undefined length, so nothing has to be measured in advance and
 * output can stream.
 */
final class DicomOutput {
  private static final long UNDEFINED = 0xFFFFFFFFL;

  private final OutputStream out;
  private final byte[] header = new byte[12];
  private long written;

  DicomOutput(OutputStream out) {
    this.out = out;
  }

  long written() {
    return written;
  }

  /**
   * The VR to write for a value of {@code length} bytes: values too long for a 16-bit length field
   * become UN in explicit syntaxes (PS3.5 §6.2.2 note), as dcmtk does.
   */
  static VR wireVr(VR vr, long length) {
    return !vr.longHeader() && length > 0xFFFF ? VR.UN : vr;
  }

  void header(int tag, VR vr, long length, boolean explicit) throws IOException {
    Values.writeLe(header, 0, 2, tag >>> 16);
    Values.writeLe(header, 2, 2, tag & 0xFFFF);
    if (!explicit) {
      Values.writeLe(header, 4, 4, length);
      write(header, 0, 8);
      return;
    }
    VR w = wireVr(vr, length);
    header[4] = (byte) w.name().charAt(0);
    header[5] = (byte) w.name().charAt(1);
    if (w.longHeader()) {
      header[6] = 0;
      header[7] = 0;
      Values.writeLe(header, 8, 4, length);
      write(header, 0, 12);
    } else {
      Values.writeLe(header, 6, 2, length);
      write(header, 0, 8);
    }
  }

  void value(int tag, VR vr, byte[] bytes, boolean explicit) throws IOException {
    boolean odd = (bytes.length & 1) == 1;
    header(tag, vr, bytes.length + (odd ? 1 : 0), explicit);
    write(bytes, 0, bytes.length);
    if (odd) {
      out.write(vr.padding());
      written++;
    }
  }

  void startSequence(int tag, boolean explicit) throws IOException {
    // an undefined-length UN (CP-246) is written as SQ: its items are now encoded in the output syntax
    header(tag, VR.SQ, UNDEFINED, explicit);
  }

  void startUndefined(int tag, VR vr, boolean explicit) throws IOException {
    header(tag, vr, UNDEFINED, explicit);
  }

  void item(long length) throws IOException {
    marker(Tag.Item, length);
  }

  void endItem() throws IOException {
    marker(Tag.ItemDelimitationItem, 0);
  }

  void endSequence() throws IOException {
    marker(Tag.SequenceDelimitationItem, 0);
  }

  private void marker(int tag, long length) throws IOException {
    Values.writeLe(header, 0, 2, tag >>> 16);
    Values.writeLe(header, 2, 2, tag & 0xFFFF);
    Values.writeLe(header, 4, 4, length);
    write(header, 0, 8);
  }

  void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    written += len;
  }

  void flush() throws IOException {
    out.flush();
  }
}
