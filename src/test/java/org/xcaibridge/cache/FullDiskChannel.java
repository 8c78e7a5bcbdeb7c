package org.xcaibridge.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real file channel that behaves like a full disk once {@code room} bytes have been written: writes
 * (and, when asked, fsync) fail with the message Linux gives for ENOSPC.
 */
final class FullDiskChannel extends FileChannel {
  private final FileChannel d;
  private long room;
  private final boolean failForce;

  FullDiskChannel(FileChannel delegate, long room, boolean failForce) {
    this.d = delegate;
    this.room = room;
    this.failForce = failForce;
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
    int n = d.write(fitting(src), position);
    src.position(src.position() + n);
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = d.write(fitting(src));
    src.position(src.position() + n);
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (failForce) {
      throw new IOException("No space left on device");
    }
    d.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return d.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return d.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return d.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return d.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    d.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return d.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    d.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return d.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    throw new IOException("No space left on device");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return d.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return d.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return d.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    d.close();
  }
}
