package org.xcaibridge.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link FrameOffsetTable} from a parsed instance. For encapsulated pixel data (PS3.5 §A.4)
 * frames are found, in order of preference, from the Extended Offset Table (7FE0,0001), the Basic
 * Offset Table, one fragment per frame when the counts agree, all fragments for a single frame, and
 * finally the codec's start-of-frame markers. Whatever it uses is checked against the fragments found
 * in the data; a table that points elsewhere is an error, never a guess.
 */
final class FrameTableBuilder {
  private FrameTableBuilder() {}

  /** Builds the table; {@code reader} (may be null) supplies what the file did not keep in memory. */
  static FrameOffsetTable build(DicomFile file, RangeReader reader) throws IOException {
    DataElement px = file.pixelData();
    if (px == null) {
      throw new PixelDataException("the instance has no pixel data");
    }
    PixelDescription d = PixelDescription.of(file.dataset());
    TransferSyntax ts = file.transferSyntax();
    if (px instanceof DataElement.Value v) {
      return FrameOffsetTable.ofNative(FrameOffsetTable.Anchor.PIXEL_DATA_VALUE, ts.uid(), ts.bigEndian(),
          d.bitsAllocated(), d.numberOfFrames(), 0, v.bytes().length, d.frameBits());
    }
    if (px instanceof DataElement.BulkData b) {
      if (ts.deflated()) {
        throw new PixelDataException("pixel data of a deflated dataset lies in the inflated stream, not in the "
            + "source: read it into memory instead", b.offset());
      }
      return FrameOffsetTable.ofNative(FrameOffsetTable.Anchor.SOURCE, ts.uid(), b.bigEndian(),
          d.bitsAllocated(), d.numberOfFrames(), b.offset(), b.length(), d.frameBits());
    }
    if (px instanceof DataElement.Fragments f) {
      return new Encapsulated(file.dataset(), f.fragments(), d.numberOfFrames(), ts.uid(), reader).build(d.bitsAllocated());
    }
    throw new PixelDataException("pixel data is a sequence, not pixel data");
  }

  /** The fragments after the Basic Offset Table, and the ways to find where frames start among them. */
  private static final class Encapsulated {
    private final Dataset ds;
    private final DataElement.Fragment bot;
    private final List<DataElement.Fragment> data;
    private final long[] off;
    private final long[] len;
    private final int frames;
    private final String uid;
    private final RangeReader reader;

    Encapsulated(Dataset ds, List<DataElement.Fragment> all, int frames, String uid, RangeReader reader) {
      if (all.isEmpty()) {
        throw new PixelDataException("encapsulated pixel data has no Basic Offset Table item");
      }
      this.ds = ds;
      this.bot = all.get(0);
      this.data = all.subList(1, all.size());
      if (data.isEmpty()) {
        throw new PixelDataException("encapsulated pixel data has no fragment after the Basic Offset Table",
            bot.offset() + bot.length());
      }
      this.off = data.stream().mapToLong(DataElement.Fragment::offset).toArray();
      this.len = data.stream().mapToLong(DataElement.Fragment::length).toArray();
      this.frames = frames;
      this.uid = uid;
      this.reader = reader;
    }

    FrameOffsetTable build(int bitsAllocated) throws IOException {
      if (frames > data.size()) {
        // checked first: it also bounds what the offset tables below may make us read
        throw new PixelDataException("NumberOfFrames is " + frames + " but there are only " + data.size()
            + " fragments: a fragment never holds more than one frame", off[0]);
      }
      int[] first;
      if (hasValue(ds.get(Tag.ExtendedOffsetTable))) {
        first = fromExtendedOffsetTable();
      } else if (bot.length() > 0) {
        first = fromBasicOffsetTable();
      } else if (data.size() == frames) {
        first = new int[frames];
        for (int i = 0; i < frames; i++) {
          first[i] = i;
        }
      } else if (frames == 1) {
        first = new int[] {0};
      } else {
        first = fromMarkers();
      }
      return FrameOffsetTable.ofEncapsulated(uid, bitsAllocated, off, len, first);
    }

    /** An empty Extended Offset Table is taken as absent, as an empty Basic Offset Table is. */
    private static boolean hasValue(DataElement e) {
      return e instanceof DataElement.Value v ? v.bytes().length > 0 : e instanceof DataElement.BulkData b && b.length() > 0;
    }

    /**
     * The fragment whose item tag lies {@code rel} bytes after the first byte of the first fragment's
     * item tag following the Basic Offset Table: the origin of both offset tables (PS3.5 §A.4,
     * PS3.3 §C.7.6.3.1.8). A fragment's value starts 8 bytes after its item tag. −1 if none does.
     */
    private int fragmentAt(long rel) {
      long base = off[0] - 8;
      int lo = 0;
      int hi = off.length - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        long at = off[mid] - 8 - base;
        if (at == rel) {
          return mid;
        } else if (at < rel) {
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return -1;
    }

    /** Maps one table entry to a fragment, checking that frames start in rising fragments from the first. */
    private int entry(String table, int i, long rel, int previous, long entryOffset) {
      long lastStart = off[off.length - 1] - off[0];
      if (rel < 0 || rel > lastStart) {
        throw new PixelDataException(table + " entry " + (i + 1) + " is " + Long.toUnsignedString(rel)
            + ", beyond the last fragment (which starts at " + lastStart + ")", entryOffset);
      }
      int k = fragmentAt(rel);
      if (k < 0) {
        throw new PixelDataException(table + " entry " + (i + 1) + " is " + rel
            + ", which is not the start of a fragment's item tag", entryOffset);
      }
      if (i == 0 ? k != 0 : k <= previous) {
        throw new PixelDataException(table + " entry " + (i + 1) + " is " + rel + (i == 0
            ? ": the first frame must start at the first fragment (offset 0)" : ": offsets must rise"), entryOffset);
      }
      return k;
    }

    private int[] fromBasicOffsetTable() throws IOException {
      if (bot.length() % 4 != 0 || bot.length() / 4 != frames) {
        throw new PixelDataException("the Basic Offset Table holds " + bot.length() + " bytes; " + frames
            + (frames == 1 ? " frame needs " : " frames need ") + 4L * frames, bot.offset());
      }
      byte[] b = bytes(bot.bytes(), bot.offset(), (int) bot.length());
      int[] first = new int[frames];
      for (int i = 0; i < frames; i++) {
        first[i] = entry("Basic Offset Table", i, Values.readLe(b, 4 * i, 4, false), i == 0 ? -1 : first[i - 1],
            bot.offset() + 4L * i);
      }
      return first;
    }

    private int[] fromExtendedOffsetTable() throws IOException {
      DataElement e = ds.get(Tag.ExtendedOffsetTable);
      long where = e instanceof DataElement.BulkData bd ? bd.offset() : PixelDataException.NO_OFFSET;
      byte[] b = eightByteValues(e, "Extended Offset Table");
      int[] first = new int[frames];
      for (int i = 0; i < frames; i++) {
        first[i] = entry("Extended Offset Table", i, Values.readLe(b, 8 * i, 8, false), i == 0 ? -1 : first[i - 1],
            where == PixelDataException.NO_OFFSET ? where : where + 8L * i);
      }
      DataElement lengths = ds.get(Tag.ExtendedOffsetTableLengths);
      if (lengths != null) {
        // Type 1C with the offsets; not needed to cut frames, but a length longer than its frame's fragments means the table is wrong
        byte[] l = eightByteValues(lengths, "Extended Offset Table Lengths");
        for (int i = 0; i < frames; i++) {
          long frameLength = Values.readLe(l, 8 * i, 8, false);
          int to = i + 1 < frames ? first[i + 1] : off.length;
          long span = 0;
          for (int k = first[i]; k < to; k++) {
            span += len[k];
          }
          if (frameLength < 0 || frameLength > span) {
            throw new PixelDataException("Extended Offset Table Lengths entry " + (i + 1) + " is "
                + Long.toUnsignedString(frameLength) + " but the frame's fragments hold " + span + " bytes", off[first[i]]);
          }
        }
      }
      return first;
    }

    /** The value of an OV element with one 8-byte entry per frame, from memory or the source. */
    private byte[] eightByteValues(DataElement e, String name) throws IOException {
      long expected = 8L * frames;
      if (e instanceof DataElement.Value v && v.bytes().length == expected) {
        return v.bytes();
      }
      if (e instanceof DataElement.BulkData b && b.length() == expected) {
        byte[] raw = bytes(null, b.offset(), (int) expected);
        if (b.bigEndian()) {
          raw = raw.clone();
          FrameBytes.swap(raw, 8);
        }
        return raw;
      }
      long actual = e instanceof DataElement.Value v ? v.bytes().length : e instanceof DataElement.BulkData b ? b.length() : -1;
      throw new PixelDataException(name + " " + Tag.toString(e.tag()) + " holds " + actual + " bytes; "
          + frames + " frames need " + expected, e instanceof DataElement.BulkData b ? b.offset() : PixelDataException.NO_OFFSET);
    }

    private int[] fromMarkers() throws IOException {
      CodecMarkers markers = CodecMarkers.forSyntax(uid);
      if (markers == null) {
        throw new PixelDataException("no offset table, " + data.size() + " fragments for " + frames
            + " frames, and frames of transfer syntax " + uid + " have no start marker to split on", off[0]);
      }
      List<Integer> starts = new ArrayList<>();
      for (int k = 0; k < data.size(); k++) {
        DataElement.Fragment f = data.get(k);
        int n = (int) Math.min(markers.headLength, f.length());
        byte[] head = bytes(f.bytes(), f.offset(), n);
        if (markers.startsFrame(head)) {
          starts.add(k);
        }
      }
      if (starts.size() != frames || starts.get(0) != 0) {
        throw new PixelDataException("no offset table, and " + markers + " start markers begin " + starts.size()
            + " of " + data.size() + " fragments" + (starts.isEmpty() || starts.get(0) == 0 ? "" : ", not the first")
            + "; NumberOfFrames is " + frames, off[0]);
      }
      return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The first {@code n} bytes at {@code offset}: from memory when kept, else from the source. */
    private byte[] bytes(byte[] inMemory, long offset, int n) throws IOException {
      if (inMemory != null) {
        return inMemory;
      }
      if (reader == null) {
        throw new PixelDataException("pixel data bytes are not in memory: build the table with a RangeReader", offset);
      }
      byte[] b = reader.read(offset, n);
      if (b == null || b.length != n) {
        throw new PixelDataException("the source gave " + (b == null ? "nothing" : b.length + " bytes") + " for "
            + n + " bytes (truncated?)", offset);
      }
      return b;
    }
  }
}
