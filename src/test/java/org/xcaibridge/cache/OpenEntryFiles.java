package org.xcaibridge.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The descriptors this process holds open on a download's or an entry's file under a store (Linux: /proc/self/fd). */
final class OpenEntryFiles {
  private static final String DELETED = " (deleted)";

  private OpenEntryFiles() {}

  /** The files open under {@code dir}, one per descriptor; a file deleted since it was opened is listed too. */
  static List<Path> under(Path dir) {
    List<Path> open = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.endsWith(DELETED)) {
            target = target.substring(0, target.length() - DELETED.length());
          }
          Path p = Path.of(target);
          String name = p.getFileName() == null ? "" : p.getFileName().toString();
          if (p.startsWith(dir) && (name.endsWith(EntryFile.SUFFIX) || name.endsWith(EntryFile.TEMP_SUFFIX))) {
            open.add(p);
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor of the listing itself, or one closed since
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/self/fd", e);
    }
    return open;
  }
}
