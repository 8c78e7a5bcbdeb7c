package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the bytes arrive does not matter: every fixture (the shared corpus and pydicom's test files) fed
 * in 1-byte, 7-byte and random-size chunks (fixed seed), as arrays and as direct buffers (a network read's
 * memory, which the parser reads in steps and passes over where it skips), reads to exactly the dataset, file meta and
 * transfer syntax that feeding it whole gives, VRs and bulk data places included, with pixel data kept
 * and with pixel data skipped; a file rejected whole is rejected in chunks with the same message.
 */
class ChunkSizesDoNotChangeTheDatasetTest {

  static Stream<Path> corpus() {
    List<Path> pydicom = new ArrayList<>(Fixtures.files(Fixtures.pydicomTestFiles()));
    pydicom.addAll(Fixtures.files(Fixtures.pydicomTestFiles().resolveSibling("charset_files")));
    // pydicom's text dumps of some files are not DICOM at all
    return Stream.concat(HostileInput.corpus(), pydicom.stream().filter(p -> !p.toString().endsWith(".dump")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void sameDatasetWhateverTheChunking(Path file) {
    byte[] input = HostileInput.bytes(file);
    for (ReadOptions options : new ReadOptions[] {ReadOptions.ALL, ReadOptions.HEADERS}) {
      Random random = new Random(0x5EED_0002L + file.getFileName().toString().hashCode());
      IntSupplier[] chunkings = {() -> 1, () -> 7, () -> 1 + random.nextInt(4096), () -> 1 + random.nextInt(13),
          () -> 1 + random.nextInt(65536), () -> 1 + random.nextInt(13), () -> Integer.MAX_VALUE};
      String[] names = {"1-byte", "7-byte", "random up to 4096", "random up to 13", "direct random up to 65536",
          "direct random up to 13", "direct whole"};
      DicomFile whole;
      try {
        whole = DicomReader.read(input, options);
      } catch (DicomParseException rejected) {
        for (int i = 0; i < chunkings.length; i++) {
          IntSupplier chunking = chunkings[i];
          boolean direct = names[i].startsWith("direct");
          assertThatThrownBy(() -> HostileInput.readChunked(input, chunking, options, direct))
              .as("%s in %s chunks", file, names[i]).isInstanceOf(DicomParseException.class).hasMessage(rejected.getMessage());
        }
        continue;
      }
      for (int i = 0; i < chunkings.length; i++) {
        DicomFile chunked = HostileInput.readChunked(input, chunkings[i], options, names[i].startsWith("direct"));
        String what = file + " in " + names[i] + " chunks, pixel data " + options.pixelData();
        assertThat(chunked.transferSyntax()).as(what).isEqualTo(whole.transferSyntax());
        assertThat(DatasetAssert.differences(whole.fileMeta(), chunked.fileMeta(), true)).as("file meta of %s", what).isEmpty();
        assertThat(valueDifferences(whole.dataset(), chunked.dataset())).as("dataset of %s", what).isEmpty();
        assertThat(places(chunked.dataset(), new StringBuilder()).toString()).as("bulk data places of %s", what)
            .isEqualTo(places(whole.dataset(), new StringBuilder()).toString());
      }
    }
  }

  /**
   * A deflated body with a zlib wrapper (which a few writers add) is recognised by its first two bytes;
   * fed one byte at a time, those arrive after the meta group has ended.
   */
  @Test
  void zlibWrappedDeflateWhateverTheChunking() throws Exception {
    byte[] raw = HostileInput.bytes(Fixtures.sharedDicom().resolve("compressed/image_dfl.dcm"));
    int metaEnd = 132 + 12 + (int) Values.readLe(raw, 140, 4, false);
    Inflater inflater = new Inflater(true);
    inflater.setInput(raw, metaEnd, raw.length - metaEnd);
    ByteArrayOutputStream dataset = new ByteArrayOutputStream();
    byte[] step = new byte[64 * 1024];
    while (!inflater.finished()) {
      dataset.write(step, 0, inflater.inflate(step));
    }
    ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
    wrapped.write(raw, 0, metaEnd);
    try (DeflaterOutputStream z = new DeflaterOutputStream(wrapped)) {
      dataset.writeTo(z);
    }
    byte[] input = wrapped.toByteArray();
    DicomFile whole = DicomReader.read(raw, ReadOptions.ALL);
    for (int chunk : new int[] {input.length, 1, 7}) {
      for (boolean direct : new boolean[] {false, true}) {
        DicomFile read = HostileInput.readChunked(input, () -> chunk, ReadOptions.ALL, direct);
        assertThat(DatasetAssert.differences(whole.dataset(), read.dataset(), true))
            .as("in %d-byte chunks, direct %s", chunk, direct).isEmpty();
      }
    }
  }

  /** DatasetAssert compares values in memory; values left in the source are compared by {@link #places}. */
  private static List<String> valueDifferences(Dataset a, Dataset b) {
    return DatasetAssert.differences(a, b, true).stream().filter(d -> !d.endsWith("kind BulkData vs BulkData")).toList();
  }

  /** Where skipped values and fragments lie, at any depth, in stream order. */
  private static StringBuilder places(Dataset d, StringBuilder sb) {
    for (DataElement e : d.elements()) {
      if (e instanceof DataElement.BulkData b) {
        sb.append(Tag.toString(b.tag())).append(b.vr()).append('@').append(b.offset()).append('+').append(b.length()).append(' ');
      } else if (e instanceof DataElement.Fragments f) {
        f.fragments().forEach(fr -> sb.append(Tag.toString(f.tag())).append('@').append(fr.offset()).append('+').append(fr.length()).append(' '));
      } else if (e instanceof DataElement.Sequence s) {
        s.items().forEach(item -> places(item, sb.append('[')));
        sb.append(']');
      }
    }
    return sb;
  }
}
