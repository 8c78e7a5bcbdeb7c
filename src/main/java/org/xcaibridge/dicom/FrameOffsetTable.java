package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where each frame of one instance lies in its source, so that frame N can be served with one seek
 * (PS3.18 §10.4 "frames" resources). Native pixel data (PS3.5 §8) is cut arithmetically: frame N is
 * one range, with a bit offset when 1-bit frames are not byte aligned. Encapsulated pixel data
 * (PS3.5 §A.4) is a list of fragments per frame, found from the Extended Offset Table, the Basic
 * Offset Table, the fragment count, or the codec's start-of-frame markers, in that order.
 *
 * <p>A table is immutable, compares by value, and can be kept beside the file it describes
 * ({@link #toBytes()}, {@link #fromBytes(byte[])}).
 */
public final class FrameOffsetTable {
  /** Largest frame handed out in one array: the Java array limit, less headroom for the VM. */
  public static final int MAX_FRAME_BYTES = Integer.MAX_VALUE - 16;

  public enum Kind { NATIVE, ENCAPSULATED }

  /** What range offsets are counted from. */
  public enum Anchor {
    /** positions in the source the instance was parsed from: a table to keep beside the file */
    SOURCE,
    /** positions in the pixel data value, when it was read into memory and its place is not known */
    PIXEL_DATA_VALUE
  }

  /** A run of bytes in the source. */
  public record Range(long offset, long length) {}

  /**
   * Where one frame lies: its ranges in order, and for native 1-bit data the bit of the first range's
   * first byte where the frame starts (bits are counted LSB first, PS3.5 §8.1.1) and its length in bits.
   */
  public record FrameLocation(int frame, List<Range> ranges, int bitOffset, long bitLength) {
    /** Sum of the ranges' lengths: the bytes to read. */
    public long bytesToRead() {
      return ranges.stream().mapToLong(Range::length).sum();
    }
  }

  final Kind kind;
  final Anchor anchor;
  final String transferSyntaxUid;
  final boolean bigEndian;
  final int bitsAllocated;
  final int numberOfFrames;
  // native: where the pixel data value lies and how long one frame is
  final long dataOffset;
  final long dataLength;
  final long frameBits;
  // encapsulated: value offset and length of each fragment after the Basic Offset Table, and for each frame its first fragment
  final long[] fragmentOffsets;
  final long[] fragmentLengths;
  final int[] firstFragment;

  private FrameOffsetTable(Kind kind, Anchor anchor, String transferSyntaxUid, boolean bigEndian, int bitsAllocated,
                           int numberOfFrames, long dataOffset, long dataLength, long frameBits,
                           long[] fragmentOffsets, long[] fragmentLengths, int[] firstFragment) {
    this.kind = kind;
    this.anchor = anchor;
    this.transferSyntaxUid = transferSyntaxUid;
    this.bigEndian = bigEndian;
    this.bitsAllocated = bitsAllocated;
    this.numberOfFrames = numberOfFrames;
    this.dataOffset = dataOffset;
    this.dataLength = dataLength;
    this.frameBits = frameBits;
    this.fragmentOffsets = fragmentOffsets;
    this.fragmentLengths = fragmentLengths;
    this.firstFragment = firstFragment;
    FrameTableChecks.check(this);
  }

  static FrameOffsetTable ofNative(Anchor anchor, String transferSyntaxUid, boolean bigEndian, int bitsAllocated,
                                   int numberOfFrames, long dataOffset, long dataLength, long frameBits) {
    return new FrameOffsetTable(Kind.NATIVE, anchor, transferSyntaxUid, bigEndian, bitsAllocated, numberOfFrames,
        dataOffset, dataLength, frameBits, new long[0], new long[0], new int[0]);
  }

  static FrameOffsetTable ofEncapsulated(String transferSyntaxUid, int bitsAllocated, long[] fragmentOffsets,
                                         long[] fragmentLengths, int[] firstFragment) {
    return new FrameOffsetTable(Kind.ENCAPSULATED, Anchor.SOURCE, transferSyntaxUid, false, bitsAllocated,
        firstFragment.length, 0, 0, 0, fragmentOffsets, fragmentLengths, firstFragment);
  }

  /**
   * The table of an instance whose pixel data is in memory (or, for encapsulated data, whose fragment
   * positions are known and whose offset tables are in memory).
   *
   * @throws PixelDataException when attributes, offset tables or data disagree, or something needed
   *                            is not in memory
   */
  public static FrameOffsetTable of(DicomFile file) {
    try {
      return FrameTableBuilder.build(file, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // without a reader nothing is read
    }
  }

  /**
   * The table of an instance read with its pixel data left in the source ({@link ReadOptions#HEADERS}):
   * what is needed and not in memory (the Basic Offset Table, the first bytes of fragments when frames
   * are found by markers, a bulk Extended Offset Table) is read through {@code source}.
   */
  public static FrameOffsetTable of(DicomFile file, RangeReader source) throws IOException {
    return FrameTableBuilder.build(file, Objects.requireNonNull(source, "source"));
  }

  public Kind kind() {
    return kind;
  }

  public Anchor anchor() {
    return anchor;
  }

  /** The transfer syntax the frames are encoded in: native frames are returned little endian whatever it says. */
  public String transferSyntaxUid() {
    return transferSyntaxUid;
  }

  public int numberOfFrames() {
    return numberOfFrames;
  }

  public int bitsAllocated() {
    return bitsAllocated;
  }

  /** True when native ranges hold big endian samples, which {@link #extract} swaps. */
  public boolean bigEndian() {
    return bigEndian;
  }

  /** Where frame {@code frame} (1-based) lies. */
  public FrameLocation locate(int frame) {
    if (frame < 1 || frame > numberOfFrames) {
      throw new FrameNotFoundException(frame, numberOfFrames);
    }
    if (kind == Kind.NATIVE) {
      long startBit = (frame - 1) * frameBits;
      int bitOffset = (int) (startBit % 8);
      long length = (bitOffset + frameBits + 7) / 8;
      return new FrameLocation(frame, List.of(new Range(dataOffset + startBit / 8, length)), bitOffset, frameBits);
    }
    int from = firstFragment[frame - 1];
    int to = frame < numberOfFrames ? firstFragment[frame] : fragmentOffsets.length;
    List<Range> ranges = new ArrayList<>(to - from);
    long total = 0;
    for (int k = from; k < to; k++) {
      ranges.add(new Range(fragmentOffsets[k], fragmentLengths[k]));
      total += fragmentLengths[k];
    }
    return new FrameLocation(frame, List.copyOf(ranges), 0, total * 8);
  }

  /**
   * The bytes of a frame from the bytes of its ranges (in the order {@link #locate} gave them):
   * native frames little endian and, for 1-bit data, repacked to start at bit 0; encapsulated frames as
   * the concatenation of their fragments.
   */
  public byte[] extract(FrameLocation location, List<byte[]> rangeBytes) {
    return FrameBytes.extract(this, location, rangeBytes);
  }

  /** A compact, versioned, checksummed form to keep beside the instance. */
  public byte[] toBytes() {
    return FrameTableCodec.encode(this);
  }

  /** Reads what {@link #toBytes()} wrote; anything else is a {@link PixelDataException} naming the offset. */
  public static FrameOffsetTable fromBytes(byte[] bytes) {
    return FrameTableCodec.decode(bytes);
  }

  static FrameOffsetTable decoded(Kind kind, Anchor anchor, String transferSyntaxUid, boolean bigEndian,
                                  int bitsAllocated, int numberOfFrames, long dataOffset, long dataLength,
                                  long frameBits, long[] fragmentOffsets, long[] fragmentLengths, int[] firstFragment) {
    return new FrameOffsetTable(kind, anchor, transferSyntaxUid, bigEndian, bitsAllocated, numberOfFrames,
        dataOffset, dataLength, frameBits, fragmentOffsets, fragmentLengths, firstFragment);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameOffsetTable t && kind == t.kind && anchor == t.anchor
        && transferSyntaxUid.equals(t.transferSyntaxUid) && bigEndian == t.bigEndian
        && bitsAllocated == t.bitsAllocated && numberOfFrames == t.numberOfFrames && dataOffset == t.dataOffset
        && dataLength == t.dataLength && frameBits == t.frameBits && Arrays.equals(fragmentOffsets, t.fragmentOffsets)
        && Arrays.equals(fragmentLengths, t.fragmentLengths) && Arrays.equals(firstFragment, t.firstFragment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, anchor, transferSyntaxUid, bigEndian, bitsAllocated, numberOfFrames, dataOffset,
        dataLength, frameBits, Arrays.hashCode(fragmentOffsets), Arrays.hashCode(fragmentLengths),
        Arrays.hashCode(firstFragment));
  }

  @Override
  public String toString() {
    return "FrameOffsetTable(" + kind + ", " + numberOfFrames + " frames, " + transferSyntaxUid
        + (kind == Kind.NATIVE ? ", " + frameBits + " bits per frame at " + dataOffset + " (" + anchor + ")"
        : ", " + fragmentOffsets.length + " fragments") + ")";
  }
}
