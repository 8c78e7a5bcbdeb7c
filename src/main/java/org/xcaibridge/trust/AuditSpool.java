package org.xcaibridge.trust;

import io.vertx.core.Context;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store-and-forward spool under a work directory: every audit message is appended here before it is
 * sent, and stays until it is delivered, so a repository outage or a restart loses nothing.
 *
 * <p>Layout: segment files {@code <first sequence, 20 digits>.seg}, append-only, each a run of records
 * {@code u32 length | u64 sequence | u32 CRC-32C(sequence, payload) | payload} with sequences 1, 2, 3… across
 * segments; {@code acknowledged} holds the highest delivered sequence (u64 + CRC), replaced atomically;
 * {@code lock} is locked while a spool is open, so two trails never share a directory. A segment is deleted
 * once every message in it is acknowledged and it is no longer appended to.
 *
 * <p>Recovery on open: each segment is read back and cut at the first record that is short, out of sequence
 * or fails its CRC (a write torn by a crash; the bytes cut are counted), and numbering continues after the
 * highest sequence seen.
 *
 * <p>Blocking file I/O: confined to the trail's single worker thread, never an event loop; not thread-safe.
 */
final class AuditSpool implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditSpool.class);
  private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{20}\\.seg");
  private static final String ACKNOWLEDGED = "acknowledged";
  private static final int HEADER = AuditSpoolSegment.HEADER;

  private final Path dir;
  private final AuditSpoolLimits limits;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<AuditSpoolSegment> segments = new ArrayList<>();
  private AuditSpoolSegment active;
  private boolean dirty;
  private long acknowledged;
  private long nextSequence;
  private long bytes;
  private long dropped;
  private long discardedOnRecovery;
  private AuditSpoolSegment cursorSegment;
  private long cursorOffset;
  private long cursorSequence;

  private AuditSpool(Path dir, AuditSpoolLimits limits, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.limits = limits;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens (creating it if needed) and recovers the spool in {@code dir}. */
  static AuditSpool open(Path dir, AuditSpoolLimits limits) throws IOException {
    assert offEventLoop();
    Files.createDirectories(dir);
    FileChannel lockChannel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("audit spool " + dir + " is in use by another audit trail");
    }
    AuditSpool spool = new AuditSpool(dir, limits, lockChannel, lock);
    try {
      spool.recover();
    } catch (IOException | RuntimeException e) {
      spool.close();
      throw e;
    }
    return spool;
  }

  private void recover() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> SEGMENT_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
    long previousLast = 0;
    for (Path p : files) {
      String name = p.getFileName().toString();
      long size = Files.size(p);
      AuditSpoolSegment s = AuditSpoolSegment.recover(p, Long.parseLong(name.substring(0, name.length() - 4)));
      if (s.bytes < size) {
        discardedOnRecovery += size - s.bytes;
        LOG.warn("audit spool: cut {} bytes of a torn or damaged record at offset {} of {}", size - s.bytes,
            s.bytes, p);
      }
      if (s.bytes == 0 || s.firstSequence <= previousLast) {
        s.close();
        Files.delete(p);
        continue;
      }
      previousLast = s.lastSequence;
      segments.add(s);
      bytes += s.bytes;
    }
    long ack = readAcknowledged();
    acknowledged = segments.isEmpty() ? ack : Math.max(ack, segments.get(0).firstSequence - 1);
    nextSequence = Math.max(acknowledged, previousLast) + 1;
    deleteDelivered();
  }

  /**
   * Appends one message; {@code render} makes its bytes from the sequence number it gets. Not durable until
   * {@link #sync()}.
   *
   * @return the message's sequence number
   * @throws SyslogMessageTooLargeException over {@link AuditSpoolLimits#maxMessageBytes()}; nothing spooled
   * @throws AuditSpoolFullException        full under {@link AuditSpoolLimits.FullPolicy#REJECT_NEW}
   */
  long append(LongFunction<byte[]> render) throws IOException {
    assert offEventLoop();
    long sequence = nextSequence;
    byte[] payload = render.apply(sequence);
    if (payload.length > limits.maxMessageBytes()) {
      throw new SyslogMessageTooLargeException(limits.maxMessageBytes(), payload.length);
    }
    long need = HEADER + (long) payload.length;
    if (bytes + need > limits.maxSpoolBytes()) {
      makeRoom(need);
    }
    if (active == null || active.bytes + need > limits.segmentBytes()) {
      roll(sequence);
    }
    active.append(sequence, payload);
    bytes += need;
    nextSequence++;
    dirty = true;
    return sequence;
  }

  private void makeRoom(long need) throws IOException {
    if (limits.whenFull() == AuditSpoolLimits.FullPolicy.REJECT_NEW) {
      throw new AuditSpoolFullException(limits.maxSpoolBytes(), bytes, need);
    }
    long before = dropped;
    while (bytes + need > limits.maxSpoolBytes() && !segments.isEmpty()) {
      AuditSpoolSegment oldest = segments.get(0);
      dropped += Math.max(0, oldest.lastSequence - Math.max(acknowledged, oldest.firstSequence - 1));
      acknowledged = Math.max(acknowledged, oldest.lastSequence);
      delete(oldest);
    }
    writeAcknowledged();
    LOG.warn("audit spool full ({} bytes): dropped the oldest {} undelivered audit messages", limits.maxSpoolBytes(),
        dropped - before);
  }

  private void roll(long firstSequence) throws IOException {
    if (active != null && dirty) {
      active.force();
    }
    active = AuditSpoolSegment.create(dir, firstSequence);
    segments.add(active);
    syncDirectory();
  }

  /** Makes every append so far durable: one fsync for the whole batch. */
  void sync() throws IOException {
    assert offEventLoop();
    if (dirty && active != null) {
      active.force();
    }
    dirty = false;
  }

  /**
   * Up to {@code maxRecords} messages (and about {@code maxBytes}, at least one) from sequence
   * {@code from} on, skipping what is acknowledged or was dropped.
   */
  List<AuditSpoolSegment.Record> read(long from, int maxRecords, long maxBytes) throws IOException {
    assert offEventLoop();
    List<AuditSpoolSegment.Record> out = new ArrayList<>();
    long start = Math.max(from, acknowledged + 1);
    if (start >= nextSequence || !position(start)) {
      return out;
    }
    long total = 0;
    while (out.size() < maxRecords) {
      if (cursorSequence > cursorSegment.lastSequence) {
        int i = segments.indexOf(cursorSegment);
        if (i + 1 >= segments.size()) {
          break;
        }
        cursorSegment = segments.get(i + 1);
        cursorOffset = 0;
        cursorSequence = cursorSegment.firstSequence;
        continue;
      }
      int length = cursorSegment.lengthAt(cursorOffset);
      if (!out.isEmpty() && total + length > maxBytes) {
        break;
      }
      AuditSpoolSegment.Record r = cursorSegment.read(cursorOffset);
      out.add(r);
      total += length;
      cursorOffset += HEADER + length;
      cursorSequence = r.sequence() + 1;
    }
    return out;
  }

  /** Puts the read cursor on the first record with a sequence ≥ {@code sequence}; false if there is none. */
  private boolean position(long sequence) throws IOException {
    if (cursorSegment != null && cursorSequence == sequence && segments.contains(cursorSegment)) {
      return true;
    }
    cursorSegment = null;
    for (AuditSpoolSegment s : segments) {
      if (s.lastSequence >= sequence) {
        cursorSegment = s;
        break;
      }
    }
    if (cursorSegment == null) {
      return false;
    }
    cursorOffset = 0;
    cursorSequence = cursorSegment.firstSequence;
    while (cursorSequence < sequence) {
      cursorOffset += HEADER + cursorSegment.lengthAt(cursorOffset);
      cursorSequence++;
    }
    return true;
  }

  /** Marks everything up to {@code sequence} delivered and deletes the segments that are wholly delivered. */
  void acknowledge(long sequence) throws IOException {
    assert offEventLoop();
    long target = Math.min(sequence, nextSequence - 1);
    if (target <= acknowledged) {
      return;
    }
    acknowledged = target;
    deleteDelivered();
    writeAcknowledged();
  }

  private void deleteDelivered() throws IOException {
    while (!segments.isEmpty() && segments.get(0).lastSequence <= acknowledged && segments.get(0) != active) {
      delete(segments.get(0));
    }
  }

  private void delete(AuditSpoolSegment s) throws IOException {
    segments.remove(s);
    bytes -= s.bytes;
    s.close();
    Files.deleteIfExists(s.path);
    if (s == active) {
      active = null;
      dirty = false;
    }
    if (s == cursorSegment) {
      cursorSegment = null;
    }
  }

  private long readAcknowledged() throws IOException {
    Path p = dir.resolve(ACKNOWLEDGED);
    if (!Files.exists(p)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(p);
    if (b.length != 12) {
      LOG.warn("audit spool: {} is damaged; undelivered messages may be sent twice", p);
      return 0;
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    long value = buf.getLong();
    return AuditSpoolSegment.crc(value, new byte[0]) == buf.getInt() && value >= 0 ? value : 0;
  }

  private void writeAcknowledged() throws IOException {
    Path tmp = dir.resolve(ACKNOWLEDGED + ".tmp");
    ByteBuffer b = ByteBuffer.allocate(12).putLong(acknowledged)
        .putInt(AuditSpoolSegment.crc(acknowledged, new byte[0])).flip();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(ACKNOWLEDGED), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // not every platform opens directories; the segment's own fsync still holds its data
    }
  }

  long acknowledged() {
    return acknowledged;
  }

  /** Messages spooled and neither delivered nor dropped. */
  long pending() {
    return nextSequence - 1 - acknowledged;
  }

  long bytes() {
    return bytes;
  }

  long dropped() {
    return dropped;
  }

  long discardedOnRecovery() {
    return discardedOnRecovery;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (AuditSpoolSegment s : segments) {
      try {
        s.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    segments.clear();
    active = null;
    cursorSegment = null;
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
    if (first != null) {
      throw first;
    }
  }

  /** Checked with assertions on (as in tests): file I/O must never run on an event loop. */
  private static boolean offEventLoop() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("audit spool file I/O on an event loop thread " + Thread.currentThread());
    }
    return true;
  }
}
