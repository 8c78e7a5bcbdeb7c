package org.xcaibridge.dicom;

import java.util.Arrays;
import java.util.List;

/**
 * Serves a {@link FrameOffsetTable}'s ranges from an instance read into memory, as they lie in the
 * source: native ranges count from the start of the pixel data value and, for big endian syntaxes,
 * are turned back into the source's byte order (the reader made each VR unit little endian; the
 * table swaps per BitsAllocated, which is not always the same unit); encapsulated ranges are the
 * source positions of fragments kept in memory.
 */
final class InMemorySource implements RangeReader {
  private final DataElement pixelData;
  private final int unswap;

  InMemorySource(DicomFile file) {
    this.pixelData = file.pixelData();
    boolean be = file.transferSyntax().bigEndian();
    this.unswap = be && pixelData instanceof DataElement.Value v ? v.vr().unitSize() : 1;
  }

  @Override
  public byte[] read(long offset, int length) {
    if (pixelData instanceof DataElement.Value v) {
      return fromValue(v.bytes(), offset, length);
    }
    if (pixelData instanceof DataElement.Fragments f) {
      return fromFragments(f.fragments(), offset, length);
    }
    long at = pixelData instanceof DataElement.BulkData b ? b.offset() : PixelDataException.NO_OFFSET;
    throw new PixelDataException("pixel data was not read into memory: serve frames with a RangeReader", at);
  }

  private byte[] fromValue(byte[] value, long offset, int length) {
    if (offset < 0 || offset > value.length - (long) length) {
      throw new PixelDataException("range " + offset + "+" + length + " lies outside the " + value.length
          + "-byte pixel data value", offset);
    }
    int from = (int) offset;
    if (unswap <= 1) {
      return Arrays.copyOfRange(value, from, from + length);
    }
    // byte p of the source is byte p of its unit counted from the other end, units aligned to the value's start
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int p = from + i;
      int q = p - p % unswap + (unswap - 1 - p % unswap);
      out[i] = q < value.length ? value[q] : 0;
    }
    return out;
  }

  private static byte[] fromFragments(List<DataElement.Fragment> fragments, long offset, int length) {
    int lo = 0;
    int hi = fragments.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      DataElement.Fragment f = fragments.get(mid);
      if (offset < f.offset()) {
        hi = mid - 1;
      } else if (offset >= f.offset() + Math.max(f.length(), 1)) {
        lo = mid + 1;
      } else {
        if (f.bytes() == null || offset - f.offset() + length > f.bytes().length) {
          throw new PixelDataException("fragment bytes at " + f.offset() + " are not in memory", offset);
        }
        int from = (int) (offset - f.offset());
        return Arrays.copyOfRange(f.bytes(), from, from + length);
      }
    }
    throw new PixelDataException("no fragment holds the range " + offset + "+" + length, offset);
  }
}
