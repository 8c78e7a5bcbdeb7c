package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.responder.ImageArchive.DemographicQuery;
import org.xcaibridge.responder.ImageArchive.PatientMatch;
import org.xcaibridge.responder.ImageArchive.PatientRecord;

/**
 * XCPD demographics: a conflicting family name, given name, birth date or sex excludes a patient; names compare without
 * case, accents or punctuation; the score is the weighted share of asked criteria that agree; an id match
 * scores 100; given name and sex alone match nobody.
 */
class DemographicMatchingTest {
  private static final PatientRecord MULLER = new PatientRecord("XB1", "XCAI.DEMO", "Müller^Jürgen^A", "19630805", "M");
  private static final PatientRecord GARCIA = new PatientRecord("XB2", "XCAI.DEMO", "García^Maria", "19700101", "F");
  private static final PatientRecord NO_DATA = new PatientRecord("XB3", null, null, null, null);
  private static final List<PatientRecord> ALL = List.of(MULLER, GARCIA, NO_DATA);

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static DemographicQuery q(String family, String given, String birth, String sex, String... ids) {
    return new DemographicQuery(family, given, birth, sex, List.of(ids));
  }

  @Test
  void scores() {
    assertThat(DemographicMatcher.match(q("MULLER", "jurgen", "19630805", "M"), ALL))
        .containsExactly(new PatientMatch(MULLER, 100));
    assertThat(DemographicMatcher.match(q("Muller", "J", "19630805120000", "M"), ALL)) // initial: half the given weight
        .containsExactly(new PatientMatch(MULLER, 88));
    assertThat(DemographicMatcher.match(q("Müller", "Hans", "19630805", null), ALL)).isEmpty();
    assertThat(DemographicMatcher.match(q("Müller", null, "19630805", null), ALL))
        .containsExactly(new PatientMatch(MULLER, 100));
    assertThat(DemographicMatcher.match(q("Müller", null, "19630806", null), ALL)).isEmpty();
    assertThat(DemographicMatcher.match(q("Müller", null, null, "F"), ALL)).isEmpty();
    assertThat(DemographicMatcher.match(q("Garcia", null, null, null), ALL)).containsExactly(new PatientMatch(GARCIA, 100));
    assertThat(DemographicMatcher.match(q(null, "Maria", null, "F"), ALL)).isEmpty();
    assertThat(DemographicMatcher.match(q("Nobody", null, null, null, "XB3"), ALL))
        .containsExactly(new PatientMatch(NO_DATA, 100));
    assertThat(DemographicMatcher.match(q(null, null, "19700101", "UN"), ALL)).containsExactly(new PatientMatch(GARCIA, 100));
    assertThat(DemographicMatcher.asksAnything(q(null, " ", null, "UN"))).isFalse();
  }

  @Test
  void folderArchiveFindsTheStudySetPatients(@TempDir Path work) throws Exception {
    FolderArchive a = await(FolderArchive.start(vertx, options(studySets(), work, Duration.ZERO)));
    List<PatientMatch> peter = await(a.findPatients(q("doe", "PETER", null, "M")));
    assertThat(peter).extracting(m -> m.patient().id(), PatientMatch::score).containsExactly(
        org.assertj.core.groups.Tuple.tuple("98890234", 100));
    // Archibald's sex is not recorded: asking for it neither excludes him nor earns the weight
    List<PatientMatch> doe = await(a.findPatients(q("Doe", null, null, "M")));
    assertThat(doe).extracting(m -> m.patient().id(), PatientMatch::score).containsExactly(
        org.assertj.core.groups.Tuple.tuple("98890234", 100), org.assertj.core.groups.Tuple.tuple("77654033", 78));
    assertThat(await(a.findPatients(q("Doe", null, null, "F")))).extracting(m -> m.patient().id())
        .containsExactly("77654033");
    assertThat(await(a.findPatients(q("Smith", null, null, null, "77654033")))).extracting(PatientMatch::score)
        .containsExactly(100);
    await(a.close());
  }
}
