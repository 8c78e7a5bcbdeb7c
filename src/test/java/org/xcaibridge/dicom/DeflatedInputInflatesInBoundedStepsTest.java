package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small deflated file can declare and really contain a huge value (64 MiB of zeros deflate to about
 * 64 KiB). When that value is not kept, reading allocates a bounded amount, not the inflated size: the
 * parser inflates in steps and parses after each. When it would be kept, the value limit stops it at
 * the header.
 */
class DeflatedInputInflatesInBoundedStepsTest {
  private static final int INFLATED_VALUE = 64 << 20;
  private static final long ALLOWED_BYTES = 8L << 20;
  private static byte[] bomb;

  @BeforeAll
  static void build() {
    DicomBytes dataset = new DicomBytes().explicit(0x00080016, "UI", 26).text("1.2.840.10008.5.1.4.1.1.7").raw(0)
        .explicit(0x00431029, "OB", INFLATED_VALUE).raw(new byte[INFLATED_VALUE])
        .explicit(0x00100010, "PN", 4).text("Z^Z ");
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(dataset.done());
    d.finish();
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    while (!d.finished()) {
      deflated.write(chunk, 0, d.deflate(chunk));
    }
    d.end();
    String ts = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();
    bomb = new DicomBytes().preamble().explicit(0x00020010, "UI", ts.length() + 1).text(ts).raw(0)
        .raw(deflated.toByteArray()).done();
  }

  @Test
  void skippedValueIsNeverHeldWhole() {
    assertThat(bomb.length).isLessThan(INFLATED_VALUE / 256);
    ReadOptions skip = ReadOptions.HEADERS;
    DicomReader.read(bomb, skip); // warm up
    for (int chunk : new int[] {bomb.length, 4096}) {
      long before = HostileInput.allocatedBytes();
      DicomFile f = HostileInput.readChunked(bomb, () -> chunk, skip);
      long allocated = HostileInput.allocatedBytes() - before;
      assertThat(f.dataset().string(Tag.PatientName)).as("the element after the value was read").isEqualTo("Z^Z");
      assertThat(f.dataset().get(0x00431029)).isInstanceOf(DataElement.BulkData.class);
      assertThat(allocated).as("bytes allocated inflating %d bytes into %d, chunks of %d", bomb.length, INFLATED_VALUE, chunk)
          .isLessThan(ALLOWED_BYTES);
    }
  }

  @Test
  void keptValueStopsAtTheValueLimit() {
    ReadOptions keep = ReadOptions.ALL.withLimits(new ReadLimits(64, 1 << 20));
    long before = HostileInput.allocatedBytes();
    assertThatThrownBy(() -> DicomReader.read(bomb, keep)).isInstanceOf(DicomLimitException.class)
        .hasMessageContaining("maxValueBytes");
    assertThat(HostileInput.allocatedBytes() - before).isLessThan(ALLOWED_BYTES);
  }
}
