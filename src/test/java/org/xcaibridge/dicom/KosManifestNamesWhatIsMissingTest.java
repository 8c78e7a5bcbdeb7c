package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link KosManifest#read} refuses what is not a usable manifest with a {@link KosManifestException}
 * that names each missing or wrong attribute by its path — wrong SOP class, no evidence, missing UIDs at
 * every level — and reads a manifest whose optional attributes are all missing.
 */
class KosManifestNamesWhatIsMissingTest {
  private static final Path TWO_SERIES = Fixtures.sharedIhe().resolve("07_kos_manifest_two_series.nist-ids_4802.dcm");

  @Test
  void anImageIsNotAManifest() {
    Dataset ct = KosSupport.read(Fixtures.sharedDicom().resolve("ct/CT_small.dcm"));
    assertThatThrownBy(() -> KosManifest.read(ct)).isInstanceOf(KosManifestException.class)
        .hasMessageContaining("SOP Class UID (0008,0016) is 1.2.840.10008.5.1.4.1.1.2, not Key Object Selection Document Storage");
    ct.remove(Tag.SOPClassUID);
    assertThatThrownBy(() -> KosManifest.read(ct)).isInstanceOf(KosManifestException.class)
        .hasMessageContaining("SOP Class UID (0008,0016) is missing");
  }

  @Test
  void missingEvidenceIsNamed() {
    Dataset kos = KosSupport.read(TWO_SERIES);
    kos.remove(Tag.CurrentRequestedProcedureEvidenceSequence);
    KosManifestException e = catchProblems(kos);
    assertThat(e.problems()).containsExactly("Current Requested Procedure Evidence Sequence (0040,A375) is missing or has no items");

    kos.putSequence(Tag.CurrentRequestedProcedureEvidenceSequence, java.util.List.of());
    assertThat(catchProblems(kos).problems()).hasSize(1);
  }

  @Test
  void everyMissingUidIsNamedWithItsPath() {
    Dataset kos = KosSupport.read(TWO_SERIES);
    kos.remove(Tag.SOPInstanceUID);
    kos.remove(Tag.SeriesInstanceUID);
    Dataset study = kos.items(Tag.CurrentRequestedProcedureEvidenceSequence).get(0);
    Dataset secondSeries = study.items(Tag.ReferencedSeriesSequence).get(1);
    secondSeries.remove(Tag.SeriesInstanceUID);
    secondSeries.items(Tag.ReferencedSOPSequence).get(2).remove(Tag.ReferencedSOPInstanceUID);
    study.items(Tag.ReferencedSeriesSequence).get(0).items(Tag.ReferencedSOPSequence).get(0).remove(Tag.ReferencedSOPClassUID);

    String evidence = "Current Requested Procedure Evidence Sequence (0040,A375) item 1";
    assertThat(catchProblems(kos).problems()).containsExactlyInAnyOrder(
        "SOP Instance UID (0008,0018) is missing or empty",
        "Series Instance UID (0020,000E) is missing or empty",
        evidence + " > Referenced Series Sequence (0008,1115) item 2: Series Instance UID (0020,000E) is missing or empty",
        evidence + " > Referenced Series Sequence (0008,1115) item 2 > Referenced SOP Sequence (0008,1199) item 3: "
            + "Referenced SOP Instance UID (0008,1155) is missing or empty",
        evidence + " > Referenced Series Sequence (0008,1115) item 1 > Referenced SOP Sequence (0008,1199) item 1: "
            + "Referenced SOP Class UID (0008,1150) is missing or empty");
  }

  @Test
  void emptySeriesAndStudyLevelsAreNamed() {
    Dataset kos = KosSupport.read(TWO_SERIES);
    Dataset study = kos.items(Tag.CurrentRequestedProcedureEvidenceSequence).get(0);
    study.remove(Tag.StudyInstanceUID);
    study.items(Tag.ReferencedSeriesSequence).get(0).putSequence(Tag.ReferencedSOPSequence, java.util.List.of());
    String evidence = "Current Requested Procedure Evidence Sequence (0040,A375) item 1";
    assertThat(catchProblems(kos).problems()).containsExactlyInAnyOrder(
        evidence + ": Study Instance UID (0020,000D) is missing or empty",
        evidence + " > Referenced Series Sequence (0008,1115) item 1: Referenced SOP Sequence (0008,1199) is missing or has no items");
    kos.remove(Tag.StudyInstanceUID);
    study.remove(Tag.ReferencedSeriesSequence);
    assertThat(catchProblems(kos).problems()).contains("Study Instance UID (0020,000D) is missing or empty",
        evidence + ": Referenced Series Sequence (0008,1115) is missing or has no items");
  }

  @Test
  void optionalAttributesMayAllBeMissing() {
    Dataset kos = KosSupport.read(TWO_SERIES);
    KosManifest full = KosManifest.read(kos);
    for (int tag : new int[] {Tag.PatientName, Tag.PatientID, KosTags.PatientBirthDate, KosTags.PatientSex, Tag.StudyDate,
        Tag.StudyTime, Tag.AccessionNumber, KosTags.ReferringPhysicianName, KosTags.StudyID, KosTags.SeriesNumber,
        KosTags.InstanceNumber, KosTags.ContentDate, KosTags.ContentTime, KosTags.ConceptNameCodeSequence,
        KosTags.ContentSequence, KosTags.ContentTemplateSequence, Tag.SpecificCharacterSet}) {
      kos.remove(tag);
    }
    for (Dataset series : kos.items(Tag.CurrentRequestedProcedureEvidenceSequence).get(0).items(Tag.ReferencedSeriesSequence)) {
      series.remove(Tag.RetrieveAETitle);
      series.remove(Tag.RetrieveLocationUID);
    }
    KosManifest bare = KosManifest.read(kos);
    assertThat(bare.patient()).isEqualTo(new KosManifest.Patient(null, null, null, null, null));
    assertThat(bare.document().title()).isNull();
    assertThat(bare.document().instanceNumber()).isNull();
    assertThat(bare.evidence().get(0).series().get(1).retrieveAeTitles()).isEmpty();
    assertThat(bare.evidence().get(0).series().get(1).retrieveLocationUid()).isNull();
    assertThat(bare.instances()).isEqualTo(full.instances()).hasSize(36);
    assertThat(full.evidence().get(0).series().get(1).retrieveLocationUid()).isNotNull();
  }

  private static KosManifestException catchProblems(Dataset kos) {
    try {
      KosManifest.read(kos);
    } catch (KosManifestException e) {
      assertThat(e.getMessage()).contains(e.problems().get(0));
      return e;
    }
    throw new AssertionError("read accepted a dataset that is not a usable manifest");
  }
}
