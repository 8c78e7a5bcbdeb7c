package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * {@code generate --size-mb N} writes one CT study of N MiB ± 10 %, which dcmdump reads cleanly; the same
 * --seed and --now write the same bytes, another seed other bytes.
 */
class GenerateSizeAndSeedTest {
  private static final String NOW = "2025-03-01T09:30:00Z";

  @TempDir
  Path tmp;

  static Map<Path, byte[]> generate(Path out, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("--out", out.toString()));
    args.addAll(List.of(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCommand.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true));
    assertThat(code).as("generate: %s", err).isZero();
    Map<Path, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        files.put(out.relativize(p), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void sizeOptionGivesOneCtStudyWithinTenPercent() throws IOException {
    for (int mb : new int[] {1, 7}) {
      Path out = tmp.resolve("size" + mb);
      Map<Path, byte[]> files = generate(out, "--size-mb", Integer.toString(mb), "--now", NOW);
      long total = files.values().stream().mapToLong(b -> b.length).sum();
      assertThat((double) total).as("bytes for --size-mb %d", mb).isBetween(0.9 * mb * (1 << 20), 1.1 * mb * (1 << 20));
      assertThat(files.keySet().stream().map(p -> p.getName(0)).distinct()).as("patients").hasSize(1);
      assertThat(files.keySet().stream().map(p -> p.getName(1)).distinct()).as("studies").hasSize(1);
      for (byte[] b : files.values()) {
        DicomFile f = DicomReader.read(b, ReadOptions.HEADERS);
        assertThat(f.dataset().string(Tag.Modality)).isEqualTo("CT");
      }
      List<String> studies = files.values().stream()
          .map(b -> DicomReader.read(b, ReadOptions.HEADERS).dataset().string(Tag.StudyInstanceUID))
          .distinct().collect(Collectors.toList());
      assertThat(studies).hasSize(1);
    }
  }

  @Test
  void dcmdumpReadsTheSizedStudyWithoutWarnings() throws IOException {
    ExternalTools.requireDcmtk("dcmdump");
    Path out = tmp.resolve("d");
    generate(out, "--size-mb", "2", "--now", NOW);
    List<String> cmd = new ArrayList<>(List.of("dcmdump", "+E"));
    try (Stream<Path> s = Files.walk(out)) {
      s.filter(Files::isRegularFile).forEach(p -> cmd.add(p.toString()));
    }
    ExternalTools.Result r = ExternalTools.run(cmd, null, 120);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void sameSeedAndClockGiveSameBytesAndAnotherSeedDoesNot() throws IOException {
    Map<Path, byte[]> a = generate(tmp.resolve("a"), "--size-mb", "2", "--seed", "42", "--now", NOW);
    Map<Path, byte[]> b = generate(tmp.resolve("b"), "--size-mb", "2", "--seed", "42", "--now", NOW);
    Map<Path, byte[]> c = generate(tmp.resolve("c"), "--size-mb", "2", "--seed", "43", "--now", NOW);
    assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
    for (Path p : a.keySet()) {
      assertThat(b.get(p)).as("%s", p).isEqualTo(a.get(p));
    }
    assertThat(c.keySet()).doesNotContainAnyElementsOf(a.keySet());
  }
}
