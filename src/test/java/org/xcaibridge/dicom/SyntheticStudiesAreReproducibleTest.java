package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator is a pure function of its Random and Clock: the same seed gives the same bytes, in any
 * order of instances; another seed other UIDs. Planning sizes and UIDs follow their rules.
 */
class SyntheticStudiesAreReproducibleTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:30:00Z"), ZoneOffset.UTC);

  static List<SyntheticStudies.Study> small(long seed) {
    SyntheticStudies g = new SyntheticStudies(new Random(seed), CLOCK);
    SyntheticStudies.Patient p = g.patient();
    return List.of(g.ctChestAbdomen(p, 3), g.ctHead(g.patient(), 2), g.mrHead(p, 2, 2), g.usAbdomen(p, 4, 64, 80),
        g.crChest(p, 200, 160));
  }

  static List<byte[]> bytes(List<SyntheticStudies.Study> studies, boolean reversed) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (SyntheticStudies.Study st : studies) {
      for (SyntheticSeries s : st.series()) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.instanceCount(); i++) {
          order.add(i);
        }
        if (reversed) {
          Collections.reverse(order);
        }
        List<byte[]> series = new ArrayList<>();
        for (int i : order) {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          SyntheticStudies.write(b, st, s, i);
          series.add(b.toByteArray());
        }
        if (reversed) {
          Collections.reverse(series);
        }
        out.addAll(series);
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesSameBytesInAnyOrder() throws IOException {
    List<byte[]> a = bytes(small(7), false);
    List<byte[]> b = bytes(small(7), true);
    assertThat(a).hasSize(3 + 2 + 4 + 1 + 2);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i)).as("instance %d", i).isEqualTo(a.get(i));
    }
  }

  @Test
  void anotherSeedGivesOtherUidsAndPatients() {
    List<SyntheticStudies.Study> a = small(7);
    List<SyntheticStudies.Study> b = small(8);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).studyInstanceUid()).isNotEqualTo(a.get(i).studyInstanceUid());
      assertThat(b.get(i).series().get(0).header().sopInstanceUids())
          .doesNotContainAnyElementsOf(a.get(i).series().get(0).header().sopInstanceUids());
    }
    assertThat(b.get(0).patient().id()).isNotEqualTo(a.get(0).patient().id());
  }

  @Test
  void uidsAreUuidDerivedAndUnique() {
    SyntheticStudies g = new SyntheticStudies(new Random(1), CLOCK);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String uid = g.uid();
      assertThat(uid).matches("2\\.25\\.[1-9][0-9]{0,38}").hasSizeLessThanOrEqualTo(64);
      assertThat(seen.add(uid)).as("duplicate %s", uid).isTrue();
    }
  }

  @Test
  void patientsHaveDistinctIdsAndPlausibleDemographics() {
    SyntheticStudies g = new SyntheticStudies(new Random(3), CLOCK);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      SyntheticStudies.Patient p = g.patient();
      assertThat(ids.add(p.id())).isTrue();
      assertThat(p.name()).matches("[^\\^]+\\^[^\\^]+(\\^[A-Z])?");
      assertThat(p.sex()).isIn("M", "F", "O");
      assertThat(p.birthDate()).isBetween(CLOCK.instant().atZone(ZoneOffset.UTC).toLocalDate().minusYears(90),
          CLOCK.instant().atZone(ZoneOffset.UTC).toLocalDate().minusYears(18));
      assertThat(p.issuer()).isEqualTo(SyntheticStudies.ISSUER);
    }
  }

  @Test
  void ctOfSizePlansSeriesOfAtMostFiveHundredSlicesAddingUpToTheSize() {
    SyntheticStudies g = new SyntheticStudies(new Random(5), CLOCK);
    long twoGiB = 2L << 30;
    SyntheticStudies.Study st = g.ctOfSize(g.patient(), twoGiB);
    assertThat(st.series()).hasSize(9).allMatch(s -> s.instanceCount() <= SyntheticStudies.MAX_CT_SLICES_PER_SERIES);
    assertThat((double) st.instanceCount() * SyntheticStudies.CT_SLICE_FILE_BYTES).isBetween(0.99 * twoGiB, 1.01 * twoGiB);
    assertThat(st.series().stream().map(s -> s.header().number()).toList()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(g.ctOfSize(g.patient(), 1).instanceCount()).isEqualTo(1);
    assertThatThrownBy(() -> g.ctOfSize(g.patient(), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> g.ctChestAbdomen(g.patient(), 501)).hasMessageContaining("between 1 and 500, was 501");
  }

  @Test
  void instancesOutsideTheSeriesAreRefused() {
    List<SyntheticStudies.Study> s = small(9);
    SyntheticStudies.Study ct = s.get(0);
    SyntheticSeries series = ct.series().get(0);
    assertThatThrownBy(() -> SyntheticStudies.instance(ct, series, 3)).hasMessageContaining("no index 3");
    assertThatThrownBy(() -> SyntheticStudies.instance(s.get(1), series, 0)).hasMessageContaining("is not part of study");
  }
}
