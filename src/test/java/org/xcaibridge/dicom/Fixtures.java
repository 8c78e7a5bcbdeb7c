package org.xcaibridge.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the shared DICOM corpus and the pydicom test corpus live, and which files they hold. */
public final class Fixtures {
  private Fixtures() {}

  public static Path sharedDicom() {
    return Path.of(System.getProperty("xcai.fixtures", "../shared/fixtures")).resolve("dicom");
  }

  public static Path sharedIhe() {
    return Path.of(System.getProperty("xcai.fixtures", "../shared/fixtures")).resolve("ihe");
  }

  /** The pydicom test corpus installed by Debian's python3-pydicom. */
  public static Path pydicomTestFiles() {
    return Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
  }

  /** Every regular file under {@code dir} that is not a text note (SOURCES.md, dumps). */
  public static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().matches(".*\\.(md|txt|py|json|xml|gz|bz2|zip|pyc)$"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
