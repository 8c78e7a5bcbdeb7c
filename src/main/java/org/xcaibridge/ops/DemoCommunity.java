package org.xcaibridge.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.xcaibridge.dicom.SyntheticStudies;

/**
 * The demo community's studies: the synthetic demo set ({@link SyntheticStudies#demoSet} — three patients, six
 * studies: a 120-slice 512×512 CT, an MR, an ultrasound cine, JPEG radiographs …) written once into a folder
 * under the work directory, then kept.
 *
 * <p>Generation is idempotent and safe to interrupt: the files go into a sibling {@code .partial} folder, a
 * marker file is written last, and only then is the folder renamed into place. A folder without the marker —
 * one left by an older version, or made by hand — is generated again; a {@code .partial} folder is what an
 * interrupted run left and is removed. The marker is a hidden file, which the folder archive does not index.
 * Blocking: call it on a worker.
 */
final class DemoCommunity {
  static final String MARKER = ".xcai-demo-complete";

  /**
   * What the folder holds.
   *
   * @param generated true when this call wrote it, false when it was there already
   */
  record Result(Path folder, boolean generated, long files, long bytes, List<String> patientIds, int studies,
                Duration took) {
    Result {
      patientIds = List.copyOf(patientIds);
    }
  }

  private DemoCommunity() {}

  /** The folder, generated first unless a complete one is there. Must not run on an event loop. */
  static Result ensure(Path folder, Clock clock) throws IOException {
    long t0 = System.nanoTime();
    Path marker = folder.resolve(MARKER);
    if (Files.isRegularFile(marker)) {
      return read(folder, marker, false, Duration.ofNanos(System.nanoTime() - t0));
    }
    Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
    deleteTree(partial);
    deleteTree(folder);
    List<SyntheticStudies.Study> studies = new SyntheticStudies(new Random(GenerateCommand.DEFAULT_SEED), clock)
        .demoSet();
    GenerateCommand.Written w = GenerateCommand.writeStudies(studies, partial);
    Properties p = new Properties();
    p.setProperty("files", Long.toString(w.files()));
    p.setProperty("bytes", Long.toString(w.bytes()));
    p.setProperty("studies", Integer.toString(studies.size()));
    p.setProperty("patients", String.join(",", studies.stream().map(s -> s.patient().id()).distinct().toList()));
    p.setProperty("generated", clock.instant().toString());
    try (Writer out = Files.newBufferedWriter(partial.resolve(MARKER), StandardCharsets.UTF_8)) {
      p.store(out, "written last by xcai-bridge once the demo studies were complete; delete the folder to "
          + "generate them again");
    }
    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
    return read(folder, marker, true, Duration.ofNanos(System.nanoTime() - t0));
  }

  private static Result read(Path folder, Path marker, boolean generated, Duration took) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String patients = p.getProperty("patients", "");
    return new Result(folder, generated, number(p, "files"), number(p, "bytes"),
        patients.isEmpty() ? List.of() : List.of(patients.split(",")), (int) number(p, "studies"), took);
  }

  private static long number(Properties p, String key) {
    try {
      return Long.parseLong(p.getProperty(key, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
