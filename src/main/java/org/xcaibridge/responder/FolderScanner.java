package org.xcaibridge.responder;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over an archive folder (blocking: it runs on the archive's worker). Every regular file is listed
 * with its size and modification time; a file the previous pass saw with the same two is taken from it, any
 * other is read with {@link HeaderReader}. Files that are gone drop out. Symbolic links are followed (a loop is
 * reported, not followed twice); names starting with a dot — hidden files, and the temporary names copy tools
 * such as rsync write to — are passed over, as are excluded folders and files (the work directory, when it lies
 * inside, or the index file, when the work directory is the folder).
 */
final class FolderScanner {
  private static final Logger LOG = LoggerFactory.getLogger(FolderScanner.class);

  private FolderScanner() {}

  /** A file that is not an instance, and why. */
  record Skipped(String path, String reason) {}

  /**
   * What a pass found.
   *
   * @param entries  every file, by relative path (unordered)
   * @param read     files whose header was read in this pass
   * @param reused   files taken unchanged from the previous pass
   * @param removed  files of the previous pass that are gone
   * @param skipped  files newly found not to be instances (each logged once, with its reason)
   */
  record Result(Map<String, FileEntry> entries, int read, int reused, int removed, List<Skipped> skipped) {
    boolean changed() {
      return read > 0 || removed > 0;
    }
  }

  /**
   * @param reported problems of listing (link loops, unreadable folders) already logged; updated, so that each is
   *                 logged once while it lasts
   */
  static Result scan(Path root, Map<String, FileEntry> previous, Set<Path> excluded, Set<String> reported)
      throws IOException {
    assert Workers.notOnEventLoop("walking a folder");
    Map<String, FileEntry> entries = new HashMap<>(Math.max(16, previous.size() * 2));
    Set<String> problems = new HashSet<>();
    String rootPrefix = root.toString().endsWith(root.getFileSystem().getSeparator()) ? root.toString()
        : root.toString() + root.getFileSystem().getSeparator();
    List<Skipped> skipped = new ArrayList<>();
    int[] counts = new int[2]; // read, reused
    Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root) && (hidden(dir) || excluded.contains(dir))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!attrs.isRegularFile() || hidden(file) || excluded.contains(file)) {
          return FileVisitResult.CONTINUE;
        }
        String rel = relative(rootPrefix, file);
        long size = attrs.size();
        long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        FileEntry before = previous.get(rel);
        if (before != null && before.sameFile(size, modified)) {
          entries.put(rel, before);
          counts[1]++;
          return FileVisitResult.CONTINUE;
        }
        FileEntry now = read(file, rel, size, modified);
        if (now == null) {
          return FileVisitResult.CONTINUE; // gone between listing and reading
        }
        counts[0]++;
        entries.put(rel, now);
        if (now.rejection() != null) {
          skipped.add(new Skipped(rel, now.rejection()));
          LOG.warn("skipping {}: {}", rel, now.rejection());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        String rel = relative(rootPrefix, file);
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        String problem = e instanceof FileSystemLoopException
            ? "not following " + rel + ": the link leads back into a folder already walked"
            : "cannot list " + rel + ": " + e;
        problems.add(problem);
        if (!reported.contains(problem)) {
          LOG.warn(problem);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    reported.retainAll(problems);
    reported.addAll(problems);
    int removed = 0;
    for (String p : previous.keySet()) {
      if (!entries.containsKey(p)) {
        removed++;
      }
    }
    return new Result(entries, counts[0], counts[1], removed, skipped);
  }

  /** Reads one file's header; null when the file vanished meanwhile. */
  private static FileEntry read(Path file, String rel, long size, long modified) {
    HeaderReader.Outcome o;
    try {
      o = HeaderReader.read(file, size);
    } catch (NoSuchFileException e) {
      return null;
    } catch (AccessDeniedException e) {
      o = new HeaderReader.Rejected("cannot be read: permission denied");
    } catch (IOException e) {
      o = new HeaderReader.Rejected("cannot be read: " + e);
    }
    if (o instanceof HeaderReader.Indexed i) {
      return new FileEntry(rel, size, modified, i.header(), null);
    }
    return new FileEntry(rel, size, modified, null, ((HeaderReader.Rejected) o).reason());
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  /** The path below the root, '/' separated (a walk gives paths that start with the root's). */
  static String relative(String rootPrefix, Path file) {
    String p = file.toString();
    String rel = p.startsWith(rootPrefix) ? p.substring(rootPrefix.length()) : p;
    String sep = file.getFileSystem().getSeparator();
    return sep.equals("/") ? rel : rel.replace(sep, "/");
  }
}
