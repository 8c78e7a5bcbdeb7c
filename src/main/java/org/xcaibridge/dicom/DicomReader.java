package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The door to reading DICOM: parses a Part 10 file or a bare dataset into a {@link DicomFile}, from
 * bytes, a stream, a seekable channel (skipping what is not kept without reading it) or chunk by chunk
 * as the bytes arrive ({@link #feed}, then {@link #end}).
 */
public final class DicomReader {
  private final DatasetCollector collector;
  private final DicomStreamParser parser;

  public DicomReader(ReadOptions options) {
    this.collector = new DatasetCollector(options);
    this.parser = new DicomStreamParser(collector, options.limits());
  }

  public DicomReader feed(byte[] b, int off, int len) {
    parser.feed(b, off, len);
    return this;
  }

  public DicomReader feed(ByteBuffer b) {
    parser.feed(b);
    return this;
  }

  /** True when the reader needs no more input (it stopped at pixel data, say). */
  public boolean done() {
    return parser.done();
  }

  public DicomFile end() {
    parser.end();
    return collector.result();
  }

  public static DicomFile read(byte[] bytes, ReadOptions options) {
    return new DicomReader(options).feed(bytes, 0, bytes.length).end();
  }

  public static DicomFile read(InputStream in, ReadOptions options) throws IOException {
    DicomReader r = new DicomReader(options);
    byte[] chunk = new byte[64 * 1024];
    for (int n; !r.done() && (n = in.read(chunk)) >= 0; ) {
      r.feed(chunk, 0, n);
    }
    return r.end();
  }

  /** Reads from a channel, seeking past values the options skip (pixel data, bulk data). */
  public static DicomFile read(SeekableByteChannel ch, ReadOptions options) throws IOException {
    DicomReader r = new DicomReader(options);
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    while (!r.done()) {
      long skip = r.parser.pendingSkip();
      if (skip > 0) {
        long left = ch.size() - ch.position();
        long n = Math.min(skip, Math.max(0, left));
        ch.position(ch.position() + n);
        r.parser.skipped(n);
        if (n < skip) {
          break;
        }
        continue;
      }
      chunk.clear();
      int n = ch.read(chunk);
      if (n < 0) {
        break;
      }
      chunk.flip();
      r.feed(chunk);
    }
    return r.end();
  }
}
