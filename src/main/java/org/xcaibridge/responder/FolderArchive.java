package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.OpenOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * An {@link ImageArchive} over a folder of Part 10 files, searched recursively and recognised by content
 * ({@link HeaderReader}). Its index — every file's size, modification time and header — is kept in memory and
 * persisted under the work directory ({@link IndexFile}), so a restart reads only files that changed; it serves
 * the stored index at once and verifies it in the background ({@link #start}).
 *
 * <p>The index is kept current by rescanning the folder periodically rather than with a {@code WatchService}:
 * a rescan lists and stats every file and reads only new or changed ones, which costs what a warm restart costs
 * (see {@code bench/archive-index.sh}); it works on every file system (inotify does not fire for NFS, SMB or
 * many container volume mounts), needs no per-directory registration (a folder created and filled before its
 * watch is registered would be missed) and has no event overflow to recover from — recovering from that would
 * need a full rescan anyway. {@link #rescan()} runs one at once. An instance whose file changed since the last
 * pass is noticed when it is opened, and triggers a rescan before it is served.
 *
 * <p>Scans run one at a time on the archive's own worker thread; queries answer from an immutable snapshot and
 * never wait for a scan.
 */
public final class FolderArchive implements ImageArchive {
  private static final Logger LOG = LoggerFactory.getLogger(FolderArchive.class);
  private static final int READ_BUFFER = 256 * 1024;

  /**
   * @param folder         the folder of Part 10 files
   * @param workDir        where the index is kept (created if missing); it may lie inside the folder
   * @param manifests      what manifests say about where to retrieve
   * @param rescanInterval time between rescans; {@link Duration#ZERO} for none (then only {@link #rescan()})
   */
  public record Options(Path folder, Path workDir, ManifestSettings manifests, Duration rescanInterval) {
    public Options {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(manifests, "manifests");
      if (rescanInterval == null || rescanInterval.isNegative()
          || (!rescanInterval.isZero() && rescanInterval.toMillis() < 10)) {
        throw new IllegalArgumentException("rescanInterval must be 0 (off) or at least 10 ms, was " + rescanInterval);
      }
    }
  }

  /**
   * What a pass over the folder did.
   *
   * @param filesRead     headers read (new or changed files)
   * @param filesReused   files unchanged since the previous pass or the stored index
   * @param filesRemoved  files gone since then
   * @param filesSkipped  files, in all, that are not instances
   * @param instances     instances now in the index
   * @param indexProblem  on the first pass, why the stored index was not used (null when it was)
   * @param verified      true when every file was compared with the folder; false for a start that serves the
   *                      stored index before its verifying pass
   */
  public record ScanReport(int filesRead, int filesReused, int filesRemoved, int filesSkipped, int instances,
                           Duration took, String indexProblem, boolean verified) {}

  private final Vertx vertx;
  private final Options options;
  private final Path root;
  private final Path indexFile;
  private final Set<Path> excluded;
  private final WorkerExecutor worker;
  private final Set<String> reportedProblems = new HashSet<>(); // used on the worker only
  private volatile FolderSnapshot snapshot;
  private volatile ScanReport lastScan;
  private final Promise<ScanReport> verified = Promise.promise();
  private volatile boolean scanning;
  private volatile boolean closed;
  private long timer = -1;

  private FolderArchive(Vertx vertx, Options options, Path root, Path workDir) {
    this.vertx = vertx;
    this.options = options;
    this.root = root;
    this.indexFile = workDir.resolve("folder-index-" + shortHash(root.toString()) + ".bin");
    // the work directory may be the folder itself or lie inside it: its files are no instances
    Set<Path> ex = new HashSet<>(List.of(indexFile, indexFile.resolveSibling(indexFile.getFileName() + ".tmp")));
    if (!workDir.equals(root)) {
      ex.add(workDir);
    }
    this.excluded = Set.copyOf(ex);
    this.worker = vertx.createSharedWorkerExecutor("xcai-folder-archive-" + shortHash(root.toString()), 1, 1, TimeUnit.HOURS);
    this.snapshot = FolderSnapshot.of(new TreeMap<>(), options.manifests());
  }

  /**
   * Starts the archive. With a usable stored index it serves that index at once and verifies it against the
   * folder right after, in the background ({@link #verified()}): a restart over a large folder need not wait
   * for every file to be listed, and an instance whose file changed meanwhile is caught when opened. Without
   * one (first start, damaged, another format) it reads every file first and stores a new index. Then the
   * periodic rescan starts. Fails when the folder is not a readable directory.
   */
  public static Future<FolderArchive> start(Vertx vertx, Options options) {
    return vertx.executeBlocking(() -> {
      Path root = options.folder().toRealPath();
      if (!Files.isDirectory(root)) {
        throw new ArchiveUnavailableException("archive folder " + options.folder() + " is not a directory", null);
      }
      Files.createDirectories(options.workDir());
      return new FolderArchive(vertx, options, root, options.workDir().toRealPath());
    }).recover(e -> Future.failedFuture(e instanceof ArchiveException ? e
        : new ArchiveUnavailableException("archive folder " + options.folder() + " cannot be used: " + e, e)))
        .compose(a -> a.worker.executeBlocking(a::startNow, true).map(r -> {
          LOG.info("folder archive {}: {} instances, {} files skipped; index {} ({}{}) in {} ms", a.root,
              r.instances(), r.filesSkipped(), a.indexFile,
              r.verified() ? r.filesRead() + " files read" : "stored index served, being verified",
              r.indexProblem() == null ? "" : "; stored index not used: " + r.indexProblem(), r.took().toMillis());
          a.schedule();
          return a;
        }));
  }

  /** The folder served (its real path). */
  public Path folder() {
    return root;
  }

  /** Where the index is stored. */
  public Path indexFile() {
    return indexFile;
  }

  /** The report of the last completed pass (or of the start). */
  public ScanReport lastScan() {
    return lastScan;
  }

  /** Completes with the report of the first pass that compared every file with the folder. */
  public Future<ScanReport> verified() {
    return verified.future();
  }

  /** Runs a pass now (after any pass already running), and stores the index when something changed. */
  public Future<ScanReport> rescan() {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the archive is closed"));
    }
    return scan();
  }

  private void schedule() {
    if (options.rescanInterval().isZero()) {
      return;
    }
    timer = vertx.setPeriodic(options.rescanInterval().toMillis(), id -> {
      if (!scanning && !closed) {
        scan().onFailure(e -> LOG.warn("rescan of {} failed: {}", root, e.toString()));
      }
    });
  }

  private Future<ScanReport> scan() {
    return worker.executeBlocking(() -> {
      scanning = true;
      try {
        ScanReport r = pass(snapshot.entries, System.nanoTime(), null, false);
        verified.tryComplete(r);
        return r;
      } finally {
        scanning = false;
      }
    }, true);
  }

  /** On the worker: the stored index served as it is, with a verifying pass queued; or a first full pass. */
  private ScanReport startNow() throws IOException {
    long t0 = System.nanoTime();
    IndexFile.Loaded loaded = IndexFile.read(indexFile, root.toString());
    if (loaded.entries() == null) {
      if (!"no index yet".equals(loaded.problem())) {
        LOG.warn("index {} is not used, the folder is indexed again: {}", indexFile, loaded.problem());
      }
      ScanReport r = pass(Map.of(), t0, loaded.problem(), true);
      verified.tryComplete(r);
      return r;
    }
    TreeMap<String, FileEntry> entries = new TreeMap<>();
    loaded.entries().forEach(e -> entries.put(e.path(), e));
    snapshot = FolderSnapshot.of(entries, options.manifests());
    ScanReport r = new ScanReport(0, entries.size(), 0, skipped(entries), snapshot.tree.instanceCount(),
        Duration.ofNanos(System.nanoTime() - t0), null, false);
    lastScan = r;
    scan().onFailure(e -> {
      LOG.warn("verifying the stored index of {} failed: {}", root, e.toString());
      verified.tryFail(e);
    });
    return r;
  }

  /** One pass over the folder; a new snapshot and a stored index when something changed (or {@code store}). */
  private ScanReport pass(Map<String, FileEntry> previous, long t0, String indexProblem, boolean store)
      throws IOException {
    FolderScanner.Result r = FolderScanner.scan(root, previous, excluded, reportedProblems);
    if (r.changed() || store) {
      TreeMap<String, FileEntry> byPath = new TreeMap<>(r.entries()); // path order decides which file serves
      snapshot = FolderSnapshot.of(byPath, options.manifests());
      IndexFile.write(indexFile, root.toString(), byPath.values());
    }
    ScanReport report = new ScanReport(r.read(), r.reused(), r.removed(), skipped(r.entries()),
        snapshot.tree.instanceCount(), Duration.ofNanos(System.nanoTime() - t0), indexProblem, true);
    if (!store && r.changed()) {
      LOG.info("folder archive {}: {} files read, {} removed; {} instances", root, r.read(), r.removed(),
          report.instances());
    }
    lastScan = report;
    return report;
  }

  private static int skipped(Map<String, FileEntry> entries) {
    return (int) entries.values().stream().filter(e -> e.rejection() != null).count();
  }

  // ---- queries: answered from the snapshot ------------------------------------------------------

  @Override
  public Future<List<PatientRecord>> patients() {
    return Future.succeededFuture(snapshot.tree.patients());
  }

  @Override
  public Future<List<PatientMatch>> findPatients(DemographicQuery query) {
    List<PatientRecord> patients = snapshot.tree.patients(); // scoring many patients is no event-loop work
    return vertx.executeBlocking(() -> DemographicMatcher.match(query, patients), false);
  }

  @Override
  public Future<List<StudyRecord>> studies(String patientId, String issuerOfPatientId) {
    return Future.succeededFuture(snapshot.tree.studies(patientId, issuerOfPatientId));
  }

  @Override
  public Future<StudyRecord> study(String studyInstanceUid) {
    StudyRecord s = snapshot.tree.study(studyInstanceUid);
    return s != null ? Future.succeededFuture(s)
        : Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.STUDY, studyInstanceUid));
  }

  @Override
  public Future<List<SeriesRecord>> series(String studyInstanceUid) {
    List<SeriesRecord> s = snapshot.tree.series(studyInstanceUid);
    return s != null ? Future.succeededFuture(s)
        : Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.STUDY, studyInstanceUid));
  }

  @Override
  public Future<List<InstanceRecord>> instances(String studyInstanceUid, String seriesInstanceUid) {
    List<InstanceRecord> i = snapshot.tree.instances(studyInstanceUid, seriesInstanceUid);
    return i != null ? Future.succeededFuture(i)
        : Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.SERIES, seriesInstanceUid));
  }

  @Override
  public Future<Map<String, InstanceRecord>> findInstances(Collection<String> sopInstanceUids) {
    ArchiveTree tree = snapshot.tree;
    Map<String, InstanceRecord> found = new HashMap<>();
    for (String uid : sopInstanceUids) {
      InstanceRecord r = tree.instance(uid);
      if (r != null) {
        found.put(uid, r);
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<InstanceStream> open(InstanceRecord instance) {
    return open(instance.sopInstanceUid(), true);
  }

  /** A file opened ahead waits unread at no cost. */
  @Override
  public boolean opensAhead() {
    return true;
  }

  /** Opens the file that holds an instance, after checking that it is still the file the index read. */
  private Future<InstanceStream> open(String sopInstanceUid, boolean mayRescan) {
    FileEntry entry = snapshot.fileBySop.get(sopInstanceUid);
    if (entry == null) {
      return Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.INSTANCE, sopInstanceUid));
    }
    String path = root.resolve(entry.path()).toString();
    return vertx.fileSystem().props(path)
        .map(p -> p.size() == entry.size() && p.lastModifiedTime() == TimeUnit.NANOSECONDS.toMillis(entry.modifiedNanos()))
        .otherwise(false)
        .compose(unchanged -> {
          if (!unchanged) {
            // the file changed or vanished since it was read: index again, then serve what the folder now holds
            return mayRescan ? scan().compose(r -> open(sopInstanceUid, false))
                : Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.INSTANCE, sopInstanceUid));
          }
          return vertx.fileSystem().open(path, new OpenOptions().setRead(true).setWrite(false).setCreate(false))
              .recover(e -> Future.failedFuture(new ArchiveUnavailableException(
                  "the file of instance " + sopInstanceUid + " cannot be opened: " + e.getMessage(), e)))
              .map(f -> {
                f.setReadBufferSize(READ_BUFFER);
                InstanceRecord r = entry.header().instance();
                return (InstanceStream) new FileInstanceStream(r, TransferSyntax.of(r.transferSyntaxUid()), entry.size(), f);
              });
        });
  }

  @Override
  public Future<KosDocument> manifest(String studyInstanceUid) {
    ArchiveTree tree = snapshot.tree;
    StudyRecord study = tree.study(studyInstanceUid);
    if (study == null) {
      return Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.STUDY, studyInstanceUid));
    }
    List<InstanceRecord> instances = tree.studyInstances(studyInstanceUid);
    return vertx.executeBlocking(() -> Manifests.build(options.manifests(), study, instances), false);
  }

  @Override
  public Future<KosDocument> manifestByDocumentId(String documentUniqueId) {
    FolderSnapshot s = snapshot; // the ids are digests of every study, worked out on a worker the first time
    return vertx.executeBlocking(() -> s.studyByManifestId().get(documentUniqueId), false)
        .compose(study -> study != null ? manifest(study)
            : Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.MANIFEST, documentUniqueId)));
  }

  @Override
  public Future<Void> close() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    // runs after any pass in progress, on the same single thread, then frees it
    return worker.executeBlocking(() -> null, true).eventually(worker::close).mapEmpty();
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
