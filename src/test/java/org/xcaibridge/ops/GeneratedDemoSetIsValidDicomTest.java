package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;

/**
 * {@code generate} without --size-mb writes the demo set, and independent implementations find it valid:
 * dcmdump reads every file without a warning, dicom3tools' dciodvfy finds the CT, MR, US Multi-frame and
 * CR Image IODs complete, and pydicom decodes every pixel data (JPEG through Pillow) to the expected
 * shapes and value ranges, with consistent slice geometry and unique UIDs.
 */
class GeneratedDemoSetIsValidDicomTest {
  @TempDir
  static Path dir;
  static List<Path> files;

  /** One line of describe_generated.py. */
  record Row(Path path, String sopClass, String sopInstance, String series, String study, String frameOfReference,
             String modality, String transferSyntax, String patientId, String patientName, String shape,
             String dtype, double min, double max, double mean, double[] position, double[] orientation,
             double thickness, double location) {
    static Row parse(String line) {
      String[] f = line.split("\t", -1);
      return new Row(Path.of(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11],
          Double.parseDouble(f[12]), Double.parseDouble(f[13]), Double.parseDouble(f[14]), numbers(f[15]),
          numbers(f[16]), f[17].equals("-") ? Double.NaN : Double.parseDouble(f[17]),
          f[18].equals("-") ? Double.NaN : Double.parseDouble(f[18]));
    }

    static double[] numbers(String s) {
      return s.equals("-") ? null : Arrays.stream(s.split("\\\\")).mapToDouble(Double::parseDouble).toArray();
    }
  }

  @BeforeAll
  static void generate() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCommand.run(new String[] {"--out", dir.toString(), "--now", "2025-03-01T09:30:00Z"},
        new PrintStream(out, true), new PrintStream(err, true));
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(out.toString()).contains("for 3 patients, 6 studies");
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void layoutIsPatientStudySeriesWithDcmFiles() throws IOException {
    assertThat(files).allMatch(p -> p.getFileName().toString().endsWith(".dcm"));
    assertThat(files).allMatch(p -> dir.relativize(p).getNameCount() == 4);
    Map<String, Long> perSeries = files.stream().collect(Collectors.groupingBy(p -> p.getParent().toString(),
        TreeMap::new, Collectors.counting()));
    try (Stream<Path> patients = Files.list(dir)) {
      assertThat(patients.count()).isGreaterThanOrEqualTo(3);
    }
    assertThat(files.stream().map(p -> p.getParent().getParent()).distinct().count()).isGreaterThanOrEqualTo(6);
    assertThat(perSeries.entrySet()).anySatisfy(e -> {
      assertThat(e.getKey()).contains("_CT_");
      assertThat(e.getValue()).isGreaterThanOrEqualTo(120);
    });
    assertThat(perSeries.keySet()).anyMatch(k -> k.contains("_MR_")).anyMatch(k -> k.contains("_US_"))
        .anyMatch(k -> k.contains("_CR_"));
  }

  @Test
  void dcmdumpReadsEveryFileWithoutWarnings() throws IOException {
    ExternalTools.requireDcmtk("dcmdump");
    List<String> cmd = new ArrayList<>(List.of("dcmdump", "+E"));
    files.forEach(f -> cmd.add(f.toString()));
    ExternalTools.Result r = ExternalTools.run(cmd, null, 300);
    assertThat(r.exitCode()).as("dcmdump: %s", r.stderr()).isZero();
    assertThat(r.stderr()).as("dcmdump warnings").isEmpty();
  }

  /** dciodvfy reads all pixel data, so it checks the first, middle and last instance of each series. */
  @Test
  void dciodvfyFindsEveryIodComplete() throws IOException {
    ExternalTools.requireDicom3tools("dciodvfy");
    Map<Path, List<Path>> bySeries = files.stream().collect(Collectors.groupingBy(Path::getParent));
    Set<String> iods = new HashSet<>();
    for (List<Path> series : bySeries.values()) {
      for (Path f : new java.util.TreeSet<>(List.of(series.get(0), series.get(series.size() / 2), series.get(series.size() - 1)))) {
        ExternalTools.Result r = ExternalTools.run(List.of("dciodvfy", f.toString()), null, 120);
        String report = r.out() + r.stderr();
        List<String> problems = report.lines().filter(l -> l.startsWith("Error") || l.startsWith("Warning")).toList();
        assertThat(problems).as("dciodvfy %s", f).isEmpty();
        iods.add(report.lines().findFirst().orElse("").trim());
      }
    }
    assertThat(iods).containsExactlyInAnyOrder("CTImage", "MRImage", "USMultiFrameImage", "CRImage");
  }

  @Test
  void pydicomDecodesEveryImageWithConsistentGeometryAndUniqueUids() throws IOException, URISyntaxException {
    ExternalTools.requirePydicomJpeg();
    Path script = Path.of(GeneratedDemoSetIsValidDicomTest.class.getResource("describe_generated.py").toURI());
    List<String> cmd = new ArrayList<>(List.of(ExternalTools.PYTHON, script.toString()));
    files.forEach(f -> cmd.add(f.toString()));
    ExternalTools.Result r = ExternalTools.run(cmd, null, 300);
    assertThat(r.exitCode()).as("pydicom: %s", r.stderr()).isZero();
    List<Row> rows = r.out().lines().map(Row::parse).toList();
    assertThat(rows).hasSize(files.size());

    for (Row row : rows) {
      switch (row.modality()) {
        case "CT" -> {
          assertThat(row.shape()).isEqualTo("512x512");
          assertThat(row.dtype()).isEqualTo("int16");
          assertThat(row.min()).as("air in HU, %s", row.path()).isBetween(-1100.0, -900.0);
          assertThat(row.max()).as("bone in HU, %s", row.path()).isBetween(1000.0, 1500.0);
        }
        case "MR" -> {
          assertThat(row.shape()).isEqualTo("256x256");
          assertThat(row.dtype()).isEqualTo("uint16");
          assertThat(row.min()).isGreaterThanOrEqualTo(0);
          assertThat(row.max()).isBetween(1000.0, 4095.0);
        }
        case "US" -> {
          assertThat(row.shape()).isEqualTo("60x480x640");
          assertThat(row.dtype()).isEqualTo("uint8");
          assertThat(row.mean()).isBetween(10.0, 120.0);
        }
        case "CR" -> {
          assertThat(row.transferSyntax()).isEqualTo("1.2.840.10008.1.2.4.50");
          assertThat(row.shape()).isEqualTo("2150x1750");
          assertThat(row.dtype()).isEqualTo("uint8");
          assertThat(row.mean()).as("decoded JPEG, %s", row.path()).isBetween(50.0, 180.0);
        }
        default -> throw new AssertionError("unexpected modality " + row.modality());
      }
      if (!row.modality().equals("CR")) {
        assertThat(row.transferSyntax()).isEqualTo("1.2.840.10008.1.2.1");
      }
      assertThat(List.of(row.sopInstance(), row.series(), row.study())).allMatch(u -> u.matches("2\\.25\\.(0|[1-9][0-9]*)")
          && u.length() <= 64);
    }
    assertThat(rows.stream().map(Row::sopInstance).distinct().count()).isEqualTo(rows.size());
    assertThat(rows.stream().map(Row::study).distinct().count()).isEqualTo(6);
    assertThat(rows.stream().map(Row::patientId).distinct().count()).isEqualTo(3);
    assertThat(rows.stream().map(Row::series).distinct().count())
        .isEqualTo(rows.stream().map(row -> row.path().getParent()).distinct().count());
    assertThat(rows).allMatch(row -> !row.patientName().isBlank());

    Map<Path, List<Row>> bySeries = rows.stream().filter(row -> row.position() != null)
        .collect(Collectors.groupingBy(row -> row.path().getParent()));
    assertThat(bySeries).hasSizeGreaterThanOrEqualTo(4);
    bySeries.values().forEach(GeneratedDemoSetIsValidDicomTest::geometryIsConsistent);
  }

  /**
   * Consecutive ImagePositionPatient values differ by SliceThickness along the normal of
   * ImageOrientationPatient, SliceLocation follows, and the series shares one Frame of Reference.
   */
  static void geometryIsConsistent(List<Row> series) {
    List<Row> s = series.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
    assertThat(s.stream().map(Row::frameOfReference).distinct().toList()).hasSize(1).doesNotContain("-");
    double[] o = s.get(0).orientation();
    double[] normal = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    for (int i = 1; i < s.size(); i++) {
      Row a = s.get(i - 1);
      Row b = s.get(i);
      assertThat(b.orientation()).containsExactly(o, within(1e-9));
      double[] d = {b.position()[0] - a.position()[0], b.position()[1] - a.position()[1], b.position()[2] - a.position()[2]};
      double length = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
      double along = d[0] * normal[0] + d[1] * normal[1] + d[2] * normal[2];
      assertThat(length).as("step %d of %s", i, b.path()).isCloseTo(a.thickness(), within(1e-4));
      assertThat(Math.abs(along)).as("step along the normal, %s", b.path()).isCloseTo(length, within(1e-4));
      assertThat(Math.abs(b.location() - a.location())).isCloseTo(a.thickness(), within(1e-4));
    }
  }
}
