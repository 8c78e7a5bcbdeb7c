package org.xcaibridge.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A real file channel with test behaviour: a full disk once {@code room} bytes have been written (writes
 * and, when asked, fsync fail with the message Linux gives for ENOSPC), and a probe run at every call
 * (to catch calls on an event loop).
 */
final class FaultyFileChannel extends FileChannel {
  private final FileChannel d;
  private long room;
  private final boolean failForce;
  private final Runnable probe;
  private Runnable beforeForce = () -> { };
  private Runnable onRead = () -> { };

  private FaultyFileChannel(FileChannel delegate, long room, boolean failForce, Runnable probe) {
    this.d = delegate;
    this.room = room;
    this.failForce = failForce;
    this.probe = probe;
  }

  /** Temporary files as {@code disk} says when each is created: wrapped by it, or plain while it is null. */
  static StoreIo switchable(AtomicReference<UnaryOperator<FileChannel>> disk) {
    return p -> {
      FileChannel ch = StoreIo.DEFAULT.createTemporary(p);
      UnaryOperator<FileChannel> wrap = disk.get();
      return wrap == null ? ch : wrap.apply(ch);
    };
  }

  static FaultyFileChannel fullAfter(FileChannel delegate, long room) {
    return new FaultyFileChannel(delegate, room, false, () -> { });
  }

  static FaultyFileChannel fsyncFails(FileChannel delegate) {
    return new FaultyFileChannel(delegate, Long.MAX_VALUE, true, () -> { });
  }

  /** A channel that runs {@code hook} (on the worker, which it may hold) before each fsync. */
  static FaultyFileChannel beforeForce(FileChannel delegate, Runnable hook) {
    FaultyFileChannel c = new FaultyFileChannel(delegate, Long.MAX_VALUE, false, () -> { });
    c.beforeForce = hook;
    return c;
  }

  /** A channel that runs {@code hook} at each read, and nothing else. */
  static FaultyFileChannel onRead(FileChannel delegate, Runnable hook) {
    FaultyFileChannel c = new FaultyFileChannel(delegate, Long.MAX_VALUE, false, () -> { });
    c.onRead = hook;
    return c;
  }

  static FaultyFileChannel probed(FileChannel delegate, Runnable probe) {
    return new FaultyFileChannel(delegate, Long.MAX_VALUE, false, probe);
  }

  /** How many of the buffer's bytes fit; none left is ENOSPC, as write(2) reports it. */
  private ByteBuffer fitting(ByteBuffer src) throws IOException {
    if (room == 0 && src.hasRemaining()) {
      throw new IOException("No space left on device");
    }
    int n = (int) Math.min(src.remaining(), room);
    room -= n;
    ByteBuffer part = src.duplicate();
    part.limit(part.position() + n);
    return part;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    probe.run();
    int n = d.write(fitting(src), position);
    src.position(src.position() + n);
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    probe.run();
    int n = d.write(fitting(src));
    src.position(src.position() + n);
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    probe.run();
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    probe.run();
    beforeForce.run();
    if (failForce) {
      throw new IOException("No space left on device");
    }
    d.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    probe.run();
    onRead.run();
    return d.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    probe.run();
    onRead.run();
    return d.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    probe.run();
    onRead.run();
    return d.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    probe.run();
    return d.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    probe.run();
    d.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    probe.run();
    return d.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    probe.run();
    d.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    probe.run();
    return d.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    probe.run();
    throw new IOException("No space left on device");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    probe.run();
    return d.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    probe.run();
    return d.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    probe.run();
    return d.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    probe.run();
    d.close();
  }
}
