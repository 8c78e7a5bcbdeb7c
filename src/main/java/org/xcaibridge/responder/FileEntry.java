package org.xcaibridge.responder;

import java.util.Objects;

/**
 * One regular file under an archive folder as the index last read it: its path relative to the folder ('/'
 * separated), size and modification time — when both still hold, the file is not read again — and either the
 * instance header it holds or why it is not an instance.
 */
record FileEntry(String path, long size, long modifiedNanos, InstanceHeader header, String rejection) {
  FileEntry {
    Objects.requireNonNull(path, "path");
    if ((header == null) == (rejection == null)) {
      throw new IllegalArgumentException("a file entry has either a header or a rejection");
    }
  }

  boolean sameFile(long size, long modifiedNanos) {
    return this.size == size && this.modifiedNanos == modifiedNanos;
  }
}
