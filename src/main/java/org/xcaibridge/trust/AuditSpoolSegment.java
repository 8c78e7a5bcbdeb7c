package org.xcaibridge.trust;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One append-only segment file of the {@link AuditSpool}, named after its first sequence number:
 * records {@code u32 length | u64 sequence | u32 CRC-32C(sequence, payload) | payload}, sequences consecutive.
 * Writes are positional at {@link #bytes}, so a failed append leaves nothing that a later one does not
 * overwrite. Blocking I/O, used only on the spool's worker.
 */
final class AuditSpoolSegment {
  static final int HEADER = AuditSpoolLimits.RECORD_OVERHEAD;

  /** One spooled message: its sequence number and its SYSLOG-MSG bytes. */
  record Record(long sequence, byte[] payload) {}

  final Path path;
  final long firstSequence;
  private final FileChannel channel;
  /** Last sequence held; {@code firstSequence - 1} while empty. */
  long lastSequence;
  /** Bytes of whole records; the next record goes here. */
  long bytes;

  private AuditSpoolSegment(Path path, long firstSequence, FileChannel channel) {
    this.path = path;
    this.firstSequence = firstSequence;
    this.channel = channel;
    this.lastSequence = firstSequence - 1;
  }

  static String fileName(long firstSequence) {
    return String.format("%020d.seg", firstSequence);
  }

  /** A new, empty segment file. */
  static AuditSpoolSegment create(Path dir, long firstSequence) throws IOException {
    Path p = dir.resolve(fileName(firstSequence));
    return new AuditSpoolSegment(p, firstSequence, FileChannel.open(p, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  /**
   * Opens an existing segment and reads it from the start while records are whole, in sequence and pass their
   * CRC; the rest (a write torn by a crash, or damage) is truncated away.
   *
   * @return the segment; its {@link #bytes} tell how much was kept
   */
  static AuditSpoolSegment recover(Path p, long firstSequence) throws IOException {
    AuditSpoolSegment s =
        new AuditSpoolSegment(p, firstSequence, FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE));
    long size = s.channel.size();
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    long pos = 0;
    while (pos + HEADER <= size) {
      header.clear();
      readFully(s.channel, header, pos);
      header.flip();
      int length = header.getInt();
      long sequence = header.getLong();
      int crc = header.getInt();
      if (length < 0 || length > size - pos - HEADER || sequence != s.lastSequence + 1) {
        break;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(s.channel, payload, pos + HEADER);
      if (crc(sequence, payload.array()) != crc) {
        break;
      }
      s.lastSequence = sequence;
      pos += HEADER + length;
    }
    s.bytes = pos;
    if (pos < size) {
      s.channel.truncate(pos);
      s.channel.force(true);
    }
    return s;
  }

  void append(long sequence, byte[] payload) throws IOException {
    ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
    record.putInt(payload.length).putLong(sequence).putInt(crc(sequence, payload)).put(payload).flip();
    long p = bytes;
    while (record.hasRemaining()) {
      p += channel.write(record, p);
    }
    bytes += HEADER + payload.length;
    lastSequence = sequence;
  }

  /** The record at {@code offset} (a record boundary). */
  Record read(long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(channel, header, offset);
    header.flip();
    int length = header.getInt();
    long sequence = header.getLong();
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(channel, payload, offset + HEADER);
    return new Record(sequence, payload.array());
  }

  /** Payload length of the record at {@code offset}; the next record starts {@code HEADER + length} later. */
  int lengthAt(long offset) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4);
    readFully(channel, b, offset);
    return b.flip().getInt();
  }

  void force() throws IOException {
    channel.force(false);
  }

  void close() throws IOException {
    channel.close();
  }

  static int crc(long sequence, byte[] payload) {
    CRC32C c = new CRC32C();
    c.update(ByteBuffer.allocate(8).putLong(sequence).flip());
    c.update(payload);
    return (int) c.getValue();
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    long p = position;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new EOFException("audit spool segment ended early at " + p);
      }
      p += n;
    }
  }
}
