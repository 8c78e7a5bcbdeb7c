package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our writer, then our reader, then our writer again gives the same JSON, character for character, for
 * every corpus file our reader reads: with everything inline, and as WADO-RS metadata (pixel data
 * skipped in the file, big values by BulkDataURI).
 */
class DicomJsonRoundTripTest {
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> files() {
    return DicomJsonDifferentialTest.files();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void writeReadWriteIsStable(String name, Path file) throws IOException {
    BulkDataUriBuilder uris = (e, path) -> "https://example.invalid/bulk/" + path;
    roundTrip(file, ReadOptions.ALL, DicomJsonOptions.inline(uris));
    roundTrip(file, ReadOptions.HEADERS, DicomJsonOptions.metadata(1024, uris));
  }

  private static void roundTrip(Path file, ReadOptions read, DicomJsonOptions options) throws IOException {
    DicomFile f;
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      f = DicomReader.read(ch, read);
    } catch (DicomParseException e) {
      assumeTrue(false, "our reader rejects it (DicomJsonDifferentialTest says whether rightly): " + e.getMessage());
      return;
    }
    String first = write(f.dataset(), options);
    DicomJsonReader.Result r = new DicomJsonReader(DicomJsonLimits.DEFAULT).read(first);
    assertThat(write(r.dataset(), new DicomJsonOptions(options.pixelDataAsBulkData(), options.maxInlineBinaryBytes(), r.uris())))
        .isEqualTo(first);
  }

  private static String write(Dataset ds, DicomJsonOptions options) throws IOException {
    StringWriter w = new StringWriter();
    new DicomJsonWriter(options).write(ds, w);
    return w.toString();
  }
}
