package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.GatewayHarness;

/**
 * The record locator's journal (a pure piece, tested on its own): locations survive a close and reopen; a torn last
 * line (a crash in the middle of an append) is cut off and the journal goes on; a damaged line in the middle is
 * skipped and compacted away; recording a study again replaces it, and compaction keeps only the last; beyond
 * {@code maxStudies} the least recently recorded are forgotten; a second locator on the same directory is refused.
 */
class LocatorJournalSurvivesRestartTest {
  @TempDir
  Path dir;
  private final GatewayHarness harness = new GatewayHarness();

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private StudyLocator open(int max) throws Exception {
    return GatewayHarness.get(StudyLocator.open(harness.vertx, dir, max));
  }

  static StudyLocation location(int n, String description) {
    StudySummary s = new StudySummary("Doe^Jane", "P" + n, null, "19700101", "F", "20240102", "101500", "ACC" + n,
        description, null, "S" + n, List.of("CT", "MR"), 2, 10 + n);
    return new StudyLocation("1.2.826.0.1." + n, "urn:oid:1.3.6.1.4.1.21367.13.70.1", "P" + n + "^^^&1.2.3&ISO",
        "1.2.826.0.9." + n, "1.3.6.1.4.1.21367.13.80.1", List.of("1.2.826.0.1." + n + ".1", "1.2.826.0.1." + n + ".2"),
        s);
  }

  @Test
  void locationsSurviveARestart() throws Exception {
    StudyLocator l = open(100);
    for (int i = 1; i <= 20; i++) {
      GatewayHarness.get(l.record(location(i, "Study " + i)));
    }
    GatewayHarness.get(l.close());

    StudyLocator again = open(100);
    assertThat(again.recovery()).isEqualTo(new StudyLocator.Recovery(20, 0, false));
    for (int i = 1; i <= 20; i++) {
      assertThat(again.study("1.2.826.0.1." + i)).contains(location(i, "Study " + i));
      assertThat(again.studyOfSeries("1.2.826.0.1." + i + ".2")).contains(location(i, "Study " + i));
    }
    GatewayHarness.get(again.close());
  }

  @Test
  void aTornLastLineIsCutOffAndTheJournalGoesOn() throws Exception {
    StudyLocator l = open(100);
    GatewayHarness.get(l.record(location(1, "one")));
    GatewayHarness.get(l.record(location(2, "two")));
    GatewayHarness.get(l.close());
    Path journal = dir.resolve(LocatorJournal.FILE);
    byte[] third = LocatorJournal.line(location(3, "three"));
    Files.write(journal, java.util.Arrays.copyOf(third, third.length / 2), StandardOpenOption.APPEND);

    StudyLocator again = open(100);
    assertThat(again.recovery()).isEqualTo(new StudyLocator.Recovery(2, 0, true));
    assertThat(again.study("1.2.826.0.1.3")).isEmpty();
    GatewayHarness.get(again.record(location(4, "four")));
    GatewayHarness.get(again.close());

    StudyLocator third2 = open(100);
    assertThat(third2.recovery()).isEqualTo(new StudyLocator.Recovery(3, 0, false));
    assertThat(third2.all()).extracting(StudyLocation::studyInstanceUid)
        .containsExactly("1.2.826.0.1.1", "1.2.826.0.1.2", "1.2.826.0.1.4");
    GatewayHarness.get(third2.close());
  }

  @Test
  void aDamagedLineIsSkippedAndCompactedAway() throws Exception {
    StudyLocator l = open(100);
    for (int i = 1; i <= 3; i++) {
      GatewayHarness.get(l.record(location(i, "Study " + i)));
    }
    GatewayHarness.get(l.close());
    Path journal = dir.resolve(LocatorJournal.FILE);
    List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
    lines.set(1, lines.get(1).replace("Study 2", "Study X")); // the checksum no longer matches
    Files.write(journal, lines, StandardCharsets.UTF_8);

    StudyLocator again = open(100);
    assertThat(again.recovery()).isEqualTo(new StudyLocator.Recovery(2, 1, false));
    assertThat(again.study("1.2.826.0.1.2")).isEmpty();
    assertThat(again.study("1.2.826.0.1.3")).contains(location(3, "Study 3"));
    assertThat(Files.readAllLines(journal)).hasSize(2);
    GatewayHarness.get(again.close());
  }

  @Test
  void recordingAgainReplacesAndCompactionKeepsTheLast() throws Exception {
    StudyLocator l = open(100);
    for (int round = 0; round < 700; round++) {
      GatewayHarness.get(l.record(location(round % 3, "round " + round)));
    }
    GatewayHarness.get(l.close());
    Path journal = dir.resolve(LocatorJournal.FILE);
    assertThat(Files.readAllLines(journal).size()).as("compacted as it grew").isLessThan(700);
    StudyLocator again = open(100);
    assertThat(again.size()).isEqualTo(3);
    assertThat(again.study("1.2.826.0.1.0").orElseThrow().summary().studyDescription()).isEqualTo("round 699");
    assertThat(again.study("1.2.826.0.1.2").orElseThrow().summary().studyDescription()).isEqualTo("round 698");
    GatewayHarness.get(again.close());
  }

  @Test
  void theLeastRecentlyRecordedAreForgottenFirst() throws Exception {
    StudyLocator l = open(3);
    for (int i = 1; i <= 5; i++) {
      GatewayHarness.get(l.record(location(i, "Study " + i)));
    }
    GatewayHarness.get(l.record(location(3, "Study 3 again")));
    assertThat(l.all()).extracting(StudyLocation::studyInstanceUid)
        .containsExactly("1.2.826.0.1.4", "1.2.826.0.1.5", "1.2.826.0.1.3");
    assertThat(l.studyOfSeries("1.2.826.0.1.1.1")).isEmpty();
    GatewayHarness.get(l.close());
    StudyLocator again = open(3);
    assertThat(again.all()).extracting(StudyLocation::studyInstanceUid)
        .containsExactly("1.2.826.0.1.4", "1.2.826.0.1.5", "1.2.826.0.1.3");
    GatewayHarness.get(again.close());
  }

  @Test
  void oneLocatorPerDirectory() throws Exception {
    StudyLocator l = open(10);
    assertThatThrownBy(() -> open(10)).hasRootCauseMessage("the locator directory " + dir + " is in use");
    GatewayHarness.get(l.close());
    GatewayHarness.get(open(10).close());
  }
}
