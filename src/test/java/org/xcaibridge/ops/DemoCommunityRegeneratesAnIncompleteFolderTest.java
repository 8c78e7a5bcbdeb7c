package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an interrupted generation leaves — a {@code demo.partial} folder, or a {@code demo} folder without the
 * marker — is thrown away and the demo generated again, complete; the complete folder is then kept as it is.
 */
class DemoCommunityRegeneratesAnIncompleteFolderTest {
  @TempDir
  Path work;

  @Test
  void leftoversAreReplacedByACompleteDemo() throws Exception {
    Path demo = work.resolve("demo");
    Path partial = work.resolve("demo.partial");
    Files.createDirectories(partial.resolve("XB0000001/half"));
    Files.writeString(partial.resolve("XB0000001/half/00001.dcm"), "cut short");
    Files.createDirectories(demo.resolve("old"));
    Files.writeString(demo.resolve("old/00001.dcm"), "no marker beside me");
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T09:30:00Z"), ZoneOffset.UTC);

    DemoCommunity.Result first = DemoCommunity.ensure(demo, clock);

    assertThat(first.generated()).isTrue();
    assertThat(partial).doesNotExist();
    assertThat(demo.resolve("old")).doesNotExist();
    assertThat(demo.resolve(DemoCommunity.MARKER)).isRegularFile();
    long files;
    try (Stream<Path> s = Files.walk(demo)) {
      files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".dcm")).count();
    }
    assertThat(first.files()).isEqualTo(files).isGreaterThanOrEqualTo(120 + 5);
    assertThat(first.patientIds()).hasSize(3).allMatch(id -> Files.isDirectory(demo.resolve(id)));
    assertThat(first.studies()).isEqualTo(6);

    DemoCommunity.Result again = DemoCommunity.ensure(demo, Clock.systemUTC());
    assertThat(again.generated()).isFalse();
    assertThat(again.patientIds()).isEqualTo(first.patientIds());
    assertThat(again.files()).isEqualTo(first.files());
  }
}
