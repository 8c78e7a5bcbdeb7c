package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The builder makes one study's manifest from valid, distinct references or refuses with a message that
 * says why: instances of another study, the same instance twice, malformed UIDs (input or supplied), no
 * retrieve location, a bad AE title, no instances. Given the same UID supplier and clock it makes the
 * same manifest, with the clock's local date and time.
 */
class KosManifestBuilderRefusesInconsistentInputTest {
  private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

  private static KosManifestBuilder builder() {
    return KosManifest.builder().retrieveFrom(KosSupport.REPOSITORY_UID, KosSupport.AE_TITLE)
        .study(new KosManifest.Study("1.2.3", null, null, null, null, null, null));
  }

  @Test
  void refusesWhatWouldMakeABadManifest() {
    assertThatThrownBy(() -> builder().add("1.2.4", "1.2.3.1", CT, "1.2.3.1.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a manifest covers one study (1.2.3)");
    assertThatThrownBy(() -> builder().add("1.2.3", "1.2.3.1", CT, "1.2.3.1.1").add("1.2.3", "1.2.3.2", CT, "1.2.3.1.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added twice");
    assertThatThrownBy(() -> builder().add("1.2.3", "1.2.03", CT, "1.2.3.1.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Series Instance UID is not a valid UID: 1.2.03");
    assertThatThrownBy(() -> builder().add("1.2.3", "1.2.3.1", CT, "1.2.3.x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOP Instance UID is not a valid UID");
    assertThatThrownBy(() -> builder().add("1.2.3", "1.2.3.1", "1." + "2".repeat(64), "1.2.3.1.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOP Class UID is not a valid UID");
    assertThatThrownBy(() -> builder().build(KosSupport.uids(), KosSupport.CLOCK))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one instance");
    assertThatThrownBy(() -> KosManifest.builder().add("1.2.3", "1.2.3.1", CT, "1.2.3.1.1").build(KosSupport.uids(), KosSupport.CLOCK))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("retrieveFrom");
    assertThatThrownBy(() -> KosManifest.builder().retrieveFrom("1.2.3", "SEVENTEEN_CHARS_X"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retrieve AE title");
    assertThatThrownBy(() -> KosManifest.builder().retrieveFrom("not a uid", "AE"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repository unique id is not a valid UID");
    assertThatThrownBy(() -> builder().add("1.2.3", "1.2.3.1", CT, "1.2.3.1.1").build(() -> "2.25.x", KosSupport.CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supplied SOP Instance UID is not a valid UID");
    assertThatThrownBy(() -> builder().add("1.2.3", "1.2.3.1", CT, "1.2.3.1.1").build(() -> "2.25.5", KosSupport.CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in use");
  }

  @Test
  void sameInputsMakeTheSameManifest() {
    Clock tokyo = Clock.fixed(Instant.parse("2024-05-06T23:30:00Z"), ZoneId.of("Asia/Tokyo"));
    KosManifest a = builder().add("1.2.3", "1.2.3.1", CT, "1.2.3.1.1").add("1.2.3", "1.2.3.2", CT, "1.2.3.2.1")
        .add("1.2.3", "1.2.3.1", CT, "1.2.3.1.2").build(KosSupport.uids(), tokyo);
    KosManifest b = builder().add("1.2.3", "1.2.3.1", CT, "1.2.3.1.1").add("1.2.3", "1.2.3.2", CT, "1.2.3.2.1")
        .add("1.2.3", "1.2.3.1", CT, "1.2.3.1.2").build(KosSupport.uids(), tokyo);
    assertThat(a).isEqualTo(b);
    assertThat(a.document().contentDate()).isEqualTo("20240507");
    assertThat(a.document().contentTime()).isEqualTo("083000");
    // series in order of first appearance, instances in order added
    assertThat(a.evidence().get(0).series()).extracting(KosManifest.SeriesReference::seriesInstanceUid)
        .containsExactly("1.2.3.1", "1.2.3.2");
    assertThat(a.evidence().get(0).series().get(0).instances()).extracting(KosManifest.InstanceReference::sopInstanceUid)
        .containsExactly("1.2.3.1.1", "1.2.3.1.2");
    assertThat(DatasetAssert.differences(a.toDataset(), b.toDataset(), true)).isEmpty();
  }

  @Test
  void nonAsciiNamesAreWrittenInUtf8() {
    KosManifest m = builder().patient(new KosManifest.Patient("Müller^Jürgen=山田^太郎", "P1", null, null, "M"))
        .add("1.2.3", "1.2.3.1", CT, "1.2.3.1.1").build(KosSupport.uids(), KosSupport.CLOCK);
    Dataset ds = DicomReader.read(DicomWriter.toBytes(m.toDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ReadOptions.ALL).dataset();
    assertThat(ds.string(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(KosManifest.read(ds)).isEqualTo(m);
  }
}
