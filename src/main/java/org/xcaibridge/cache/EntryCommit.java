package org.xcaibridge.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xcaibridge.cache.EntryFile.Entry;
import org.xcaibridge.dicom.DicomFile;

/**
 * The last step of a download, on a worker: the Part 10 bytes are all in the temporary file; the trailer (summary,
 * frame table, footer) is appended, the file renamed into place and the entry indexed. Durability: synced before the
 * rename, or after it in a batch ({@link EntrySync}). The channel stays open: readers may be sending from it, and
 * the flight lets go of it afterwards ({@link SharedFile}). On any failure the file is deleted (the temporary one,
 * or the renamed one if the rename got through) and the failure rethrown.
 */
final class EntryCommit {
  private EntryCommit() {}

  static Entry store(StoreCore core, InstanceKey key, DicomFile header, FileChannel channel, long part10,
      int contentCrc, Path tempPath, Path finalPath) throws IOException {
    boolean moved = false;
    try {
      byte[] table = InstanceFacts.frameTable(header, channel);
      InstanceSummary summary = InstanceFacts.summary(key, header, part10, table.length > 0);
      byte[] trailer = EntryFile.trailer(summary, table, contentCrc);
      ByteBuffer t = ByteBuffer.wrap(trailer);
      while (t.hasRemaining()) {
        channel.write(t, part10 + t.position());
      }
      boolean deferred = EntrySync.deferred(core.settings);
      if (!deferred) {
        channel.force(true);
      }
      Files.move(tempPath, finalPath, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      if (!deferred) {
        StoreCore.syncDirectory(finalPath.getParent());
      }
      Entry e = new Entry(summary, finalPath, part10 + trailer.length,
          part10 + trailer.length - EntryFile.FOOTER - table.length, table.length);
      core.index.put(e);
      if (deferred) {
        core.sync.add(e); // after the rename: see EntrySync for why a torn entry is never served
      }
      return e;
    } catch (Throwable t) {
      Path left = moved ? finalPath : tempPath;
      quietly(() -> Files.deleteIfExists(left));
      throw t;
    }
  }

  interface IoAction {
    void run() throws IOException;
  }

  /** Cleanup after a failure must not hide the failure. */
  static void quietly(IoAction a) {
    try {
      a.run();
    } catch (IOException ignored) {
      // the start-up scan removes whatever is left
    }
  }
}
