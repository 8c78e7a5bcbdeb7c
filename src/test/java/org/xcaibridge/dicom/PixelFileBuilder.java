package org.xcaibridge.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small Part 10 files with the Image Pixel attributes and pixel data a frames test needs, in
 * Explicit VR Little or Big Endian, byte by byte as PS3.5 §7.1.2 and §A.4 lay them out, so that the
 * positions of every table entry and fragment are known to the test.
 */
final class PixelFileBuilder {
  private String transferSyntax = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
  private int rows = 1;
  private int columns = 1;
  private int samplesPerPixel = 1;
  private int bitsAllocated = 8;
  private String photometric = "MONOCHROME2";
  private String numberOfFrames;
  private int planarConfiguration;
  private byte[] nativeData;
  private VR nativeVr = VR.OB;
  private byte[] basicOffsetTable = new byte[0];
  private final List<byte[]> fragments = new ArrayList<>();
  private long[] extendedOffsets;
  private long[] extendedLengths;

  /** Where the last {@link #build()} put things, as offsets in the file. */
  long basicOffsetTableValueOffset;
  final List<Long> fragmentValueOffsets = new ArrayList<>();

  PixelFileBuilder syntax(String uid) {
    transferSyntax = uid;
    return this;
  }

  PixelFileBuilder image(int rows, int columns, int samplesPerPixel, int bitsAllocated, String photometric) {
    this.rows = rows;
    this.columns = columns;
    this.samplesPerPixel = samplesPerPixel;
    this.bitsAllocated = bitsAllocated;
    this.photometric = photometric;
    return this;
  }

  PixelFileBuilder planar(int value) {
    planarConfiguration = value;
    return this;
  }

  /** The (0028,0008) value as written, or null to leave it out. */
  PixelFileBuilder frames(String value) {
    numberOfFrames = value;
    return this;
  }

  /** Native pixel data, given in the byte order of the transfer syntax. */
  PixelFileBuilder nativeData(VR vr, byte[] data) {
    nativeVr = vr;
    nativeData = data;
    return this;
  }

  PixelFileBuilder basicOffsetTable(long... offsets) {
    basicOffsetTable = new byte[4 * offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      Values.writeLe(basicOffsetTable, 4 * i, 4, offsets[i]);
    }
    return this;
  }

  PixelFileBuilder fragment(byte[] f) {
    fragments.add(f);
    return this;
  }

  PixelFileBuilder extendedOffsetTable(long[] offsets, long[] lengths) {
    extendedOffsets = offsets;
    extendedLengths = lengths;
    return this;
  }

  byte[] build() {
    boolean be = TransferSyntax.of(transferSyntax).bigEndian();
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    element(meta, false, 0x00020001, "OB", new byte[] {0, 1});
    element(meta, false, 0x00020002, "UI", uid("1.2.840.10008.5.1.4.1.1.7"));
    element(meta, false, 0x00020003, "UI", uid("1.2.826.0.1.3680043.2.1125.1"));
    element(meta, false, 0x00020010, "UI", uid(transferSyntax));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[128]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    byte[] groupLength = new byte[4];
    Values.writeLe(groupLength, 0, 4, meta.size());
    element(out, false, 0x00020000, "UL", groupLength);
    out.writeBytes(meta.toByteArray());

    element(out, be, 0x00080016, "UI", uid("1.2.840.10008.5.1.4.1.1.7"));
    element(out, be, 0x00080018, "UI", uid("1.2.826.0.1.3680043.2.1125.1"));
    element(out, be, Tag.SamplesPerPixel, "US", us(be, samplesPerPixel));
    element(out, be, Tag.PhotometricInterpretation, "CS", text(photometric));
    if (samplesPerPixel > 1) {
      element(out, be, Tag.PlanarConfiguration, "US", us(be, planarConfiguration));
    }
    if (numberOfFrames != null) {
      element(out, be, Tag.NumberOfFrames, "IS", text(numberOfFrames));
    }
    element(out, be, Tag.Rows, "US", us(be, rows));
    element(out, be, Tag.Columns, "US", us(be, columns));
    element(out, be, Tag.BitsAllocated, "US", us(be, bitsAllocated));
    element(out, be, 0x00280101, "US", us(be, bitsAllocated));
    element(out, be, 0x00280102, "US", us(be, bitsAllocated - 1));
    element(out, be, 0x00280103, "US", us(be, 0));
    if (extendedOffsets != null) {
      element(out, be, Tag.ExtendedOffsetTable, "OV", longs(extendedOffsets));
      element(out, be, Tag.ExtendedOffsetTableLengths, "OV", longs(extendedLengths));
    }
    fragmentValueOffsets.clear();
    if (nativeData != null) {
      element(out, be, Tag.PixelData, nativeVr.name(), nativeData);
    } else {
      header(out, false, Tag.PixelData, "OB", 0xFFFFFFFFL);
      item(out, basicOffsetTable);
      basicOffsetTableValueOffset = out.size() - basicOffsetTable.length;
      for (byte[] f : fragments) {
        item(out, f);
        fragmentValueOffsets.add((long) out.size() - f.length);
      }
      tag(out, false, 0xFFFEE0DD);
      out.writeBytes(new byte[4]);
    }
    return out.toByteArray();
  }

  private static void item(ByteArrayOutputStream out, byte[] value) {
    tag(out, false, 0xFFFEE000);
    out.writeBytes(u32(value.length, false));
    out.writeBytes(value);
  }

  private static void element(ByteArrayOutputStream out, boolean be, int tag, String vr, byte[] value) {
    byte[] v = value;
    if ((v.length & 1) != 0) {
      v = java.util.Arrays.copyOf(v, v.length + 1);
      v[v.length - 1] = (byte) (vr.equals("UI") || vr.startsWith("O") ? 0 : ' ');
    }
    header(out, be, tag, vr, v.length);
    out.writeBytes(v);
  }

  private static void header(ByteArrayOutputStream out, boolean be, int tag, String vr, long length) {
    tag(out, be, tag);
    out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
    if (VR.fromCode(vr).longHeader()) {
      out.writeBytes(new byte[2]);
      out.writeBytes(u32(length, be));
    } else {
      out.write(be ? (int) (length >> 8) : (int) length);
      out.write(be ? (int) length : (int) (length >> 8));
    }
  }

  private static void tag(ByteArrayOutputStream out, boolean be, int tag) {
    int g = tag >>> 16;
    int e = tag & 0xFFFF;
    out.writeBytes(be ? new byte[] {(byte) (g >> 8), (byte) g, (byte) (e >> 8), (byte) e}
        : new byte[] {(byte) g, (byte) (g >> 8), (byte) e, (byte) (e >> 8)});
  }

  private static byte[] u32(long v, boolean be) {
    byte[] b = new byte[4];
    Values.writeLe(b, 0, 4, v);
    if (be) {
      FrameBytes.swap(b, 4);
    }
    return b;
  }

  private static byte[] us(boolean be, int v) {
    return be ? new byte[] {(byte) (v >> 8), (byte) v} : new byte[] {(byte) v, (byte) (v >> 8)};
  }

  private static byte[] longs(long[] v) {
    byte[] b = new byte[8 * v.length];
    for (int i = 0; i < v.length; i++) {
      Values.writeLe(b, 8 * i, 8, v[i]);
    }
    return b;
  }

  private static byte[] uid(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
