package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study holds more than images: the manifest references each instance with the TID 2010 value type
 * its SOP Class calls for (IMAGE, WAVEFORM or COMPOSITE), and dsrdump, which rejects an IMAGE or WAVEFORM
 * item for a class that is not one, reads a manifest referencing all of these without complaint.
 */
class WrittenKosTypesContentItemsBySopClassTest {
  private static final Map<String, String> CLASSES = new LinkedHashMap<>();

  static {
    String s = "1.2.840.10008.5.1.4.1.1.";
    CLASSES.put(s + "2", "IMAGE"); // CT
    CLASSES.put(s + "4", "IMAGE"); // MR
    CLASSES.put(s + "3.1", "IMAGE"); // US multi-frame
    CLASSES.put(s + "66.4", "IMAGE"); // Segmentation
    CLASSES.put(s + "481.1", "IMAGE"); // RT Image
    CLASSES.put(s + "77.1.6", "IMAGE"); // VL Whole Slide Microscopy
    CLASSES.put(s + "9.1.1", "WAVEFORM"); // 12-lead ECG
    CLASSES.put(s + "9.4.1", "WAVEFORM"); // Basic Voice Audio
    CLASSES.put(s + "88.22", "COMPOSITE"); // Enhanced SR
    CLASSES.put(s + "88.67", "COMPOSITE"); // X-Ray Radiation Dose SR
    CLASSES.put(s + "88.59", "COMPOSITE"); // Key Object Selection
    CLASSES.put(s + "11.1", "COMPOSITE"); // Grayscale Softcopy Presentation State
    CLASSES.put(s + "104.1", "COMPOSITE"); // Encapsulated PDF
    CLASSES.put(s + "66", "COMPOSITE"); // Raw Data
    CLASSES.put(s + "66.1", "COMPOSITE"); // Spatial Registration
    CLASSES.put(s + "481.2", "COMPOSITE"); // RT Dose
    CLASSES.put(s + "481.3", "COMPOSITE"); // RT Structure Set
    CLASSES.put(s + "481.5", "COMPOSITE"); // RT Plan
    CLASSES.put(s + "4.2", "COMPOSITE"); // MR Spectroscopy
    CLASSES.put("1.2.840.10008.5.1.4.38.1", "COMPOSITE"); // Hanging Protocol
  }

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requireDcmtk("dsrdump");
  }

  @Test
  void valueTypeFollowsSopClassAndDsrdumpAgrees() throws IOException {
    String study = "2.25.77";
    KosManifestBuilder b = KosManifest.builder().retrieveFrom(KosSupport.REPOSITORY_UID, KosSupport.AE_TITLE)
        .study(new KosManifest.Study(study, "20240506", null, "A1", null, null, "1"));
    int n = 0;
    for (String cls : CLASSES.keySet()) {
      b.add(study, "2.25.78", cls, "2.25.79." + ++n);
    }
    KosManifest m = b.build(KosSupport.uids(), KosSupport.CLOCK);
    Dataset ds = m.toDataset();

    List<Dataset> items = ds.items(KosTags.ContentSequence);
    assertThat(items).hasSize(CLASSES.size());
    int i = 0;
    for (Map.Entry<String, String> e : CLASSES.entrySet()) {
      Dataset item = items.get(i++);
      assertThat(item.items(Tag.ReferencedSOPSequence).get(0).string(Tag.ReferencedSOPClassUID)).isEqualTo(e.getKey());
      assertThat(item.string(KosTags.ValueType)).as("value type for %s", e.getKey()).isEqualTo(e.getValue());
      assertThat(item.string(KosTags.RelationshipType)).isEqualTo("CONTAINS");
    }

    ExternalTools.Result r = ExternalTools.run(List.of("dsrdump", KosSupport.write(m, tmp).toString()), null, 60);
    assertThat(r.exitCode()).as("dsrdump: %s", r.stderr()).isZero();
    assertThat(r.stderr().lines().filter(l -> !l.isBlank()).toList())
        .containsExactly("W: Check for template constraints not yet supported");
    assertThat(r.out()).contains("<contains WAVEFORM:", "<contains COMPOSITE:", "<contains IMAGE:");
  }
}
