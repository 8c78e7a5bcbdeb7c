package org.xcaibridge.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The layout of one entry file. The Part 10 bytes come first, at offset 0, so that a reader (or
 * {@code sendFile}) serves a region of the file as is; a trailer follows:
 * <pre>
 *   Part 10 bytes                                 part10Length
 *   summary (version 1, UIDs, counts)             summaryLength
 *   stored frame offset table (FrameOffsetTable.toBytes, may be empty)   tableLength
 *   footer, little endian, 32 bytes:
 *     "XCAICE01"  part10Length:i64  summaryLength:i32  tableLength:i32
 *     crc32c(Part 10 bytes):i32  crc32c(summary, table, footer up to here):i32
 * </pre>
 * Everything is written to a temporary file and renamed into place after an fsync, so a file with this
 * name is complete unless the disk damaged it; opening checks the footer and, optionally, the content.
 */
final class EntryFile {
  static final int FOOTER = 32;
  static final String SUFFIX = ".xce";
  static final String TEMP_SUFFIX = ".tmp";
  private static final byte[] MAGIC = "XCAICE01".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_SUMMARY = 64 << 10;
  private static final int MAX_TABLE = 64 << 20;

  private EntryFile() {}

  /** A complete entry as the index holds it. */
  record Entry(InstanceSummary summary, Path path, long fileBytes, long tableOffset, int tableLength) {
    InstanceKey key() {
      return summary.key();
    }
  }

  /** Why a file was not taken into the index. */
  static final class CorruptEntryException extends IOException {
    CorruptEntryException(Path p, String why) {
      super(p.getFileName() + ": " + why);
    }
  }

  /** The trailer to append after the Part 10 bytes. */
  static byte[] trailer(InstanceSummary s, byte[] table, int contentCrc) {
    byte[] summary = encodeSummary(s);
    ByteBuffer b = ByteBuffer.allocate(summary.length + table.length + FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    b.put(summary).put(table).put(MAGIC).putLong(s.part10Length()).putInt(summary.length).putInt(table.length)
        .putInt(contentCrc);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** Reads and checks the trailer of the entry file open on {@code ch}; the content is not read. */
  static Entry readTrailer(Path path, FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < FOOTER) {
      throw new CorruptEntryException(path, "shorter than a footer (" + size + " bytes)");
    }
    ByteBuffer f = readFully(ch, size - FOOTER, FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    f.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new CorruptEntryException(path, "no entry footer");
    }
    long part10 = f.getLong();
    int summaryLength = f.getInt();
    int tableLength = f.getInt();
    if (part10 < 0 || summaryLength < 1 || summaryLength > MAX_SUMMARY || tableLength < 0 || tableLength > MAX_TABLE
        || part10 + summaryLength + tableLength + FOOTER != size) {
      throw new CorruptEntryException(path, "footer lengths do not add up to the file size " + size);
    }
    ByteBuffer t = readFully(ch, part10, summaryLength + tableLength + FOOTER);
    CRC32C crc = new CRC32C();
    crc.update(t.array(), 0, t.capacity() - 4);
    if (t.order(ByteOrder.LITTLE_ENDIAN).getInt(t.capacity() - 4) != (int) crc.getValue()) {
      throw new CorruptEntryException(path, "trailer checksum does not match");
    }
    InstanceSummary s;
    try {
      s = decodeSummary(Arrays.copyOfRange(t.array(), 0, summaryLength), tableLength > 0);
    } catch (IOException | RuntimeException e) {
      throw new CorruptEntryException(path, "summary unreadable: " + e.getMessage());
    }
    if (s.part10Length() != part10) {
      throw new CorruptEntryException(path, "summary and footer disagree on the Part 10 length");
    }
    return new Entry(s, path, size, part10 + summaryLength, tableLength);
  }

  /** The content checksum the footer of this (already checked) entry records. */
  static int recordedContentCrc(FileChannel ch) throws IOException {
    return readFully(ch, ch.size() - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
  }

  /** Reads the Part 10 bytes once and compares their checksum with the footer's. */
  static void verifyContent(Entry e, FileChannel ch) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    long pos = 0;
    long end = e.summary().part10Length();
    while (pos < end) {
      buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new CorruptEntryException(e.path(), "ends early at " + pos);
      }
      buf.flip();
      crc.update(buf);
      pos += n;
    }
    if ((int) crc.getValue() != recordedContentCrc(ch)) {
      throw new CorruptEntryException(e.path(), "content checksum does not match");
    }
  }

  static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new IOException("file ends at " + (position + b.position()) + ", expected " + (position + length) + " bytes");
      }
    }
    return b.flip();
  }

  static byte[] encodeSummary(InstanceSummary s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream o = new DataOutputStream(bytes)) {
      o.writeByte(1);
      o.writeUTF(s.key().studyInstanceUid());
      o.writeUTF(s.key().seriesInstanceUid());
      o.writeUTF(s.key().sopInstanceUid());
      o.writeUTF(s.sopClassUid());
      o.writeUTF(s.transferSyntaxUid());
      o.writeInt(s.numberOfFrames());
      o.writeInt(s.rows());
      o.writeInt(s.columns());
      o.writeLong(s.part10Length());
      o.writeLong(s.pixelDataValueOffset());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static InstanceSummary decodeSummary(byte[] b, boolean hasTable) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    int version = in.readUnsignedByte();
    if (version != 1) {
      throw new IOException("summary version " + version + " is not 1");
    }
    InstanceKey key = new InstanceKey(in.readUTF(), in.readUTF(), in.readUTF());
    InstanceSummary s = new InstanceSummary(key, in.readUTF(), in.readUTF(), in.readInt(), in.readInt(), in.readInt(),
        in.readLong(), in.readLong(), hasTable);
    if (in.available() != 0) {
      throw new IOException(in.available() + " bytes after the summary");
    }
    return s;
  }
}
