package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pixel data a reader passes over ({@link ReadOptions#HEADERS}) is not copied into the parser's input window: the
 * cache parses every instance it downloads this way, most of each instance is pixel data, and the upstream hands it
 * over in chunks of up to a MiB. Fed in such chunks after its headers, an 8 MiB instance is read without the window
 * growing to a chunk's size (it did: every chunk was appended to it before being skipped), to the same dataset and
 * places as a read of the whole file, the element after the pixel data included, wherever the chunks end.
 */
class SkippedPixelDataIsNotCopiedTest {
  private static final int CHUNK = 1 << 20;

  @Test
  void largeChunksOfSkippedPixelDataGrowNothing() {
    byte[] input = instanceWithAnElementAfterItsPixelData();
    DicomFile whole = DicomReader.read(input, ReadOptions.HEADERS);
    int headers = input.length - (8 << 20) - trailer().length; // up to the first pixel byte
    for (int first : new int[] {headers, headers + 1, headers - 3}) {
      DicomReader r = new DicomReader(ReadOptions.HEADERS);
      r.feed(input, 0, first);
      long before = HostileInput.allocatedBytes();
      for (int off = first; off < input.length; off += CHUNK) {
        r.feed(input, off, Math.min(CHUNK, input.length - off));
      }
      long allocated = HostileInput.allocatedBytes() - before;
      DicomFile read = r.end();

      assertThat(allocated).as("bytes allocated by reads of %d MiB chunks after the first %d bytes", CHUNK >> 20, first)
          .isLessThan(CHUNK / 4);
      // (bulk data is not compared there; the pixel data's place is, next)
      assertThat(DatasetAssert.differences(whole.dataset(), read.dataset(), true))
          .as("first chunk %d", first).allMatch(d -> d.endsWith("kind BulkData vs BulkData"));
      assertThat(read.dataset().get(Tag.PixelData)).as("the pixel data's place")
          .isEqualTo(new DataElement.BulkData(Tag.PixelData, VR.OB, headers, 8 << 20, false));
      assertThat(read.dataset().contains(0x7FE10010)).as("the element after the pixel data").isTrue();
    }
  }

  private static byte[] instanceWithAnElementAfterItsPixelData() {
    byte[] pixels = new byte[8 << 20];
    new Random(11).nextBytes(pixels);
    byte[] image = new PixelFileBuilder().image(2048, 2048, 1, 8, "MONOCHROME2").frames("2")
        .nativeData(VR.OB, pixels).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(image);
    out.writeBytes(trailer());
    return out.toByteArray();
  }

  /** (7FE1,0010), a private creator, Explicit VR Little Endian: an element the parser must find after the skip. */
  private static byte[] trailer() {
    return new byte[] {(byte) 0xE1, 0x7F, 0x10, 0x00, 'L', 'O', 4, 0, 'T', 'E', 'S', 'T'};
  }
}
