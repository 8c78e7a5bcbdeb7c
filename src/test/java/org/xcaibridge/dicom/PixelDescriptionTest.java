package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Image Pixel attributes a frame size is computed from: defaults, sizes, and what is refused. */
class PixelDescriptionTest {
  static Dataset module(int rows, int columns, int samples, int bitsAllocated, String photometric) {
    return new Dataset().putInt(Tag.Rows, VR.US, rows).putInt(Tag.Columns, VR.US, columns)
        .putInt(Tag.SamplesPerPixel, VR.US, samples).putInt(Tag.BitsAllocated, VR.US, bitsAllocated)
        .putString(Tag.PhotometricInterpretation, VR.CS, photometric);
  }

  @Test
  void sizesAndDefaults() {
    PixelDescription d = PixelDescription.of(module(512, 256, 1, 16, "MONOCHROME2"));
    assertThat(d.numberOfFrames()).isEqualTo(1);
    assertThat(d.planarConfiguration()).isZero();
    assertThat(d.frameBits()).isEqualTo(512L * 256 * 16);
    assertThat(d.frameBytes()).isEqualTo(512L * 256 * 2);

    PixelDescription rgb = PixelDescription.of(module(3, 3, 3, 8, "RGB").putInt(Tag.PlanarConfiguration, VR.US, 1)
        .putString(Tag.NumberOfFrames, VR.IS, "12"));
    assertThat(rgb.numberOfFrames()).isEqualTo(12);
    assertThat(rgb.planarConfiguration()).isEqualTo(1);
    assertThat(rgb.frameBytes()).isEqualTo(27);

    PixelDescription bits = PixelDescription.of(module(5, 3, 1, 1, "MONOCHROME2"));
    assertThat(bits.isBitPacked()).isTrue();
    assertThat(bits.frameBits()).isEqualTo(15);
    assertThat(bits.frameBytes()).isEqualTo(2);

    assertThat(PixelDescription.of(module(100, 100, 3, 8, "YBR_FULL_422")).frameBytes()).isEqualTo(20000);
    // an empty (type 2 style) Number of Frames means the default
    assertThat(PixelDescription.of(module(2, 2, 1, 8, "MONOCHROME2").putString(Tag.NumberOfFrames, VR.IS, ""))
        .numberOfFrames()).isEqualTo(1);
  }

  @Test
  void missingOrMalformedAttributesAreRefusedByName() {
    Dataset noRows = module(2, 2, 1, 8, "MONOCHROME2");
    noRows.remove(Tag.Rows);
    assertThatThrownBy(() -> PixelDescription.of(noRows)).isInstanceOf(PixelDataException.class).hasMessageContaining("Rows");
    Dataset noPhotometric = module(2, 2, 1, 8, "MONOCHROME2");
    noPhotometric.remove(Tag.PhotometricInterpretation);
    assertThatThrownBy(() -> PixelDescription.of(noPhotometric)).hasMessageContaining("PhotometricInterpretation");
    assertThatThrownBy(() -> PixelDescription.of(module(2, 2, 1, 8, "MONOCHROME2").putString(Tag.NumberOfFrames, VR.IS, "1A")))
        .isInstanceOf(PixelDataException.class).hasMessageContaining("NumberOfFrames");
    assertThatThrownBy(() -> PixelDescription.of(module(2, 2, 1, 8, "MONOCHROME2").putString(Tag.NumberOfFrames, VR.IS, "0")))
        .hasMessageContaining("NumberOfFrames must be ≥ 1");
    assertThatThrownBy(() -> PixelDescription.of(module(2, 2, 1, 12, "MONOCHROME2"))).hasMessageContaining("BitsAllocated");
    assertThatThrownBy(() -> PixelDescription.of(module(0, 2, 1, 8, "MONOCHROME2"))).hasMessageContaining("Rows");
    assertThatThrownBy(() -> PixelDescription.of(module(2, 2, 3, 8, "RGB").putInt(Tag.PlanarConfiguration, VR.US, 2)))
        .hasMessageContaining("PlanarConfiguration");
    assertThatThrownBy(() -> PixelDescription.of(module(2, 2, 1, 8, "YBR_FULL_422"))).hasMessageContaining("YBR_FULL_422");
    assertThat(PixelDescription.of(module(2, 2, 1, 8, "MONOCHROME2")).rows()).isEqualTo(2);
  }

  @Test
  void framesTooLargeForOneArrayAreALimit() {
    // 65535 x 65535 x 3 samples x 64 bits: one frame alone exceeds what an array can hold
    Dataset huge = module(65535, 65535, 3, 64, "RGB");
    huge.put(new DataElement.BulkData(Tag.PixelData, VR.OW, 1000, Long.MAX_VALUE / 16, false));
    DicomFile file = new DicomFile(new Dataset(), huge, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThatThrownBy(() -> FrameOffsetTable.of(file, (o, n) -> new byte[n]))
        .isInstanceOfSatisfying(DicomLimitException.class, e -> assertThat(e.limit()).isEqualTo("MAX_FRAME_BYTES"));
  }
}
