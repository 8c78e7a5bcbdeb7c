package org.xcaibridge.ops;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;

/**
 * {@code generate}: writes synthetic studies as Part 10 files, one folder per patient, study and series.
 * Without {@code --size-mb} it writes the varied demo set (three patients, six studies); with it, one CT
 * study of about that many MiB. The same {@code --seed} and {@code --now} give the same bytes.
 */
public final class GenerateCommand {
  private GenerateCommand() {}

  /** The seed when none is given, so that the demo set is the same on every machine. */
  static final long DEFAULT_SEED = 20_240_501L;
  static final long MAX_SIZE_MB = 100_000;
  private static final long MIB = 1L << 20;

  record Options(Path out, Long sizeMb, long seed, Instant now) {
    static Options parse(String[] args) {
      Path out = null;
      Long size = null;
      long seed = DEFAULT_SEED;
      Instant now = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--out" -> out = Path.of(value(args, ++i, a));
          case "--size-mb" -> {
            size = number(value(args, ++i, a), a);
            if (size < 1 || size > MAX_SIZE_MB) {
              throw new IllegalArgumentException("--size-mb must be between 1 and " + MAX_SIZE_MB + ", was " + size);
            }
          }
          case "--seed" -> seed = number(value(args, ++i, a), a);
          case "--now" -> {
            String v = value(args, ++i, a);
            try {
              now = Instant.parse(v);
            } catch (DateTimeParseException e) {
              throw new IllegalArgumentException("--now must be an instant like 2024-05-01T12:00:00Z, was '" + v + "'");
            }
          }
          default -> throw new IllegalArgumentException("unknown option: " + a);
        }
      }
      if (out == null) {
        throw new IllegalArgumentException("--out DIR is required");
      }
      return new Options(out, size, seed, now);
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[i];
    }

    private static long number(String v, String name) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
      }
    }
  }

  static void usage(PrintStream out) {
    out.println("       java -jar xcai-bridge.jar generate --out DIR [--size-mb N] [--seed S] [--now INSTANT]");
    out.println("           write synthetic studies as DICOM files: the demo set (3 patients, 6 studies: CT, MR,");
    out.println("           US cine, JPEG CR), or with --size-mb one CT study of about N MiB; DIR must be empty");
  }

  /** Returns the exit code: 0 done, 1 the files could not be written, 2 bad options. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args);
      checkEmpty(o.out());
    } catch (IllegalArgumentException e) {
      err.println("generate: " + e.getMessage());
      err.println("usage:");
      usage(err);
      return 2;
    }
    Clock clock = o.now() != null ? Clock.fixed(o.now(), ZoneOffset.UTC) : Clock.systemDefaultZone();
    SyntheticStudies gen = new SyntheticStudies(new Random(o.seed()), clock);
    List<SyntheticStudies.Study> studies = o.sizeMb() != null
        ? List.of(gen.ctOfSize(gen.patient(), o.sizeMb() * MIB))
        : gen.demoSet();
    Written w;
    try {
      w = writeStudies(studies, o.out());
    } catch (IOException e) {
      err.println("generate: cannot write under " + o.out() + ": " + e);
      return 1;
    }
    long patients = studies.stream().map(st -> st.patient().id()).distinct().count();
    out.printf("wrote %d files (%.1f MiB) for %d patient%s, %d stud%s to %s%n", w.files(), w.bytes() / (double) MIB,
        patients, patients == 1 ? "" : "s", studies.size(), studies.size() == 1 ? "y" : "ies", o.out());
    return 0;
  }

  /** How many files and bytes {@link #writeStudies} wrote. */
  record Written(long files, long bytes) {}

  /** Writes every instance of the studies under {@code out}: patient / study / series / {@code 00001.dcm}. */
  static Written writeStudies(List<SyntheticStudies.Study> studies, Path out) throws IOException {
    long files = 0;
    long bytes = 0;
    for (SyntheticStudies.Study st : studies) {
      for (SyntheticSeries s : st.series()) {
        Path dir = out.resolve(st.patient().id()).resolve(studyFolder(st)).resolve(seriesFolder(s));
        Files.createDirectories(dir);
        for (int i = 0; i < s.instanceCount(); i++) {
          Path f = dir.resolve(String.format("%05d.dcm", i + 1));
          try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(f), 1 << 18)) {
            SyntheticStudies.write(w, st, s, i);
          }
          files++;
          bytes += Files.size(f);
        }
      }
    }
    return new Written(files, bytes);
  }

  /** Refuses a directory that holds anything: generated studies must not mix with other files. */
  private static void checkEmpty(Path dir) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("--out " + dir + " is not a directory");
      }
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("--out " + dir + " is not empty; give a new or empty directory");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("--out " + dir + " cannot be read: " + e.getMessage());
      }
    }
  }

  static String studyFolder(SyntheticStudies.Study st) {
    String modalities = String.join("-", st.series().stream().map(SyntheticSeries::modality).distinct().toList());
    return DateTimeFormatter.BASIC_ISO_DATE.format(st.dateTime()) + "_" + modalities + "_" + st.accessionNumber();
  }

  static String seriesFolder(SyntheticSeries s) {
    return String.format("%03d_%s_%s", s.header().number(), s.modality(),
        s.header().description().replaceAll("[^A-Za-z0-9.-]+", "_"));
  }
}
