package org.xcaibridge.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What creating a file costs where the bench's caches are, timed the way the cache creates each download's file
 * (one new file per instance, opened for reading and writing). A cold round creates one per instance, so this is part
 * of what the round measures, and it is not a constant of the machine: ext4 without a journal (this VM's root file
 * system) passes over every inode freed in the last minute or so (longer while their blocks are unwritten) when it
 * allocates one, so shortly after an earlier run deleted its caches the same creations cost several times more (seen
 * here: about 20 µs a file after 7 quiet minutes, 200 µs just after a run). The files are left in place (a deletion
 * would make the next creations dearer); the caller deletes the folder at the end.
 */
final class FileCreationProbe {
  private FileCreationProbe() {}

  /** Creates {@code n} empty files in the new folder {@code dir}; returns the mean microseconds per file. */
  static double microsPerFile(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      FileChannel.open(dir.resolve("probe-" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE).close();
    }
    return (System.nanoTime() - start) / 1e3 / n;
  }
}
