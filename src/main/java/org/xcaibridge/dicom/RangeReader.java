package org.xcaibridge.dicom;

import java.io.IOException;

/**
 * Reads bytes of the source an instance was parsed from: a cached file, a blob, a byte array. The
 * codec does no I/O of its own; whoever holds the source supplies this.
 */
@FunctionalInterface
public interface RangeReader {
  /**
   * Exactly {@code length} bytes starting at {@code offset} of the source. Returning fewer bytes is
   * reported as truncated data by the caller.
   */
  byte[] read(long offset, int length) throws IOException;
}
