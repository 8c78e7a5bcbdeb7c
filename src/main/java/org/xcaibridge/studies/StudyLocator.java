package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The record locator (issue 6 point 3): for each study the bridge has found, the community holding it, the
 * patient's id there and the manifest listing it ({@link StudyLocation}); and for each series, its study. Kept
 * in memory and in a journal under a directory of its own ({@link LocatorJournal}), so a deep link
 * ({@code /viewer?StudyInstanceUIDs=…}) still resolves after a restart without a search. Lookups never touch
 * the disk; {@link #record} returns once the location is on disk. One locator per directory.
 *
 * <p>At most {@code maxStudies} are kept; recording a study again makes it the most recent, the least recent
 * is forgotten first.
 */
public final class StudyLocator {
  private static final AtomicInteger LOCATORS = new AtomicInteger();
  /** The journal is compacted once it holds more than twice the live locations plus this many lines. */
  static final int COMPACTION_SLACK = 64;

  /** What opening found on disk: locations read, lines skipped as damaged, whether the last line was torn. */
  public record Recovery(int locations, int skippedLines, boolean tornTail) {}

  private final WorkerExecutor worker;
  private final FileChannel lock;
  private final int maxStudies;
  private final LinkedHashMap<String, StudyLocation> studies = new LinkedHashMap<>();
  private final Map<String, String> seriesToStudy = new HashMap<>();
  private final List<StudyLocation> pending = new ArrayList<>();
  private LocatorJournal journal;
  private Recovery recovery;
  private volatile boolean closed;

  private StudyLocator(WorkerExecutor worker, FileChannel lock, int maxStudies) {
    this.worker = worker;
    this.lock = lock;
    this.maxStudies = maxStudies;
  }

  /** Opens the locator kept in {@code directory} (created if needed), reading its journal on a worker. */
  public static Future<StudyLocator> open(Vertx vertx, Path directory, int maxStudies) {
    if (maxStudies < 1) {
      throw new IllegalArgumentException("maxStudies must be ≥ 1, was " + maxStudies);
    }
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("xcai-locator-" + LOCATORS.incrementAndGet(), 1);
    return worker.executeBlocking(() -> {
      Files.createDirectories(directory);
      FileChannel lock = lock(directory);
      StudyLocator l = new StudyLocator(worker, lock, maxStudies);
      try {
        l.journal = LocatorJournal.open(directory, l::apply,
            r -> l.recovery = new Recovery(r.lines(), r.skipped(), r.tornTail()));
        if (l.recovery.skippedLines() > 0 || l.journal.lines() > 2L * l.studies.size() + COMPACTION_SLACK) {
          l.journal.compact(l.snapshot());
        }
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
      return l;
    }, true).onFailure(e -> worker.close());
  }

  private static FileChannel lock(Path dir) throws IOException {
    FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (ch.tryLock() != null) {
        return ch;
      }
    } catch (OverlappingFileLockException e) {
      // held in this process
    }
    ch.close();
    throw new IllegalStateException("the locator directory " + dir + " is in use");
  }

  public Recovery recovery() {
    return recovery;
  }

  /** Where a study lives, if the bridge has found it. */
  public synchronized Optional<StudyLocation> study(String studyInstanceUid) {
    return Optional.ofNullable(studies.get(studyInstanceUid));
  }

  /** The study a series belongs to, if the bridge has found it. */
  public synchronized Optional<StudyLocation> studyOfSeries(String seriesInstanceUid) {
    String study = seriesToStudy.get(seriesInstanceUid);
    return study == null ? Optional.empty() : Optional.ofNullable(studies.get(study));
  }

  /** Every located study, least recently recorded first. */
  public synchronized List<StudyLocation> all() {
    return new ArrayList<>(studies.values());
  }

  public synchronized int size() {
    return studies.size();
  }

  /**
   * Records where a study lives (replacing what was known of it); completes once it is on disk, or fails with
   * a {@link StudiesException.LocalFailure}. The location is visible to lookups at once.
   */
  public Future<Void> record(StudyLocation location) {
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(new StudiesException.LocalFailure("the locator is closed", null));
      }
      if (location.equals(studies.get(location.studyInstanceUid()))) {
        return Future.succeededFuture();
      }
      apply(location);
      pending.add(location);
    }
    return worker.executeBlocking(() -> {
      List<StudyLocation> batch;
      synchronized (this) {
        batch = new ArrayList<>(pending);
        pending.clear();
      }
      journal.append(batch);
      if (journal.lines() > 2L * size() + COMPACTION_SLACK) {
        journal.compact(snapshot());
      }
      return (Void) null;
    }, true).recover(e -> Future.failedFuture(new StudiesException.LocalFailure(
        "the study locator could not write its journal: " + e.getMessage(), e)));
  }

  /** Writes what is pending and releases the directory. */
  public Future<Void> close() {
    closed = true;
    return worker.executeBlocking(() -> {
      List<StudyLocation> batch;
      synchronized (this) {
        batch = new ArrayList<>(pending);
        pending.clear();
      }
      try {
        journal.append(batch);
      } finally {
        journal.close();
        lock.close();
      }
      return (Void) null;
    }, true).eventually(() -> worker.close());
  }

  /** Called with the lock held (or before the locator is shared). */
  private void apply(StudyLocation l) {
    StudyLocation old = studies.remove(l.studyInstanceUid());
    if (old != null) {
      old.seriesInstanceUids().forEach(s -> seriesToStudy.remove(s, old.studyInstanceUid()));
    }
    studies.put(l.studyInstanceUid(), l);
    l.seriesInstanceUids().forEach(s -> seriesToStudy.put(s, l.studyInstanceUid()));
    while (studies.size() > maxStudies) {
      StudyLocation eldest = studies.values().iterator().next();
      studies.remove(eldest.studyInstanceUid());
      eldest.seriesInstanceUids().forEach(s -> seriesToStudy.remove(s, eldest.studyInstanceUid()));
    }
  }

  private synchronized List<StudyLocation> snapshot() {
    return new ArrayList<>(studies.values());
  }
}
