package org.xcaibridge.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.BulkDataUriBuilder;
import org.xcaibridge.dicom.DataElement;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomJsonLimits;
import org.xcaibridge.dicom.DicomJsonOptions;
import org.xcaibridge.dicom.DicomJsonReader;
import org.xcaibridge.dicom.DicomJsonWriter;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/** {@code dicom2json} through {@link Main}: one array, bulk data by URI or inline, per-file errors, exit codes. */
class Dicom2JsonCommandTest {
  private static final Path FIXTURES = Path.of(System.getProperty("xcai.fixtures", "../shared/fixtures")).resolve("dicom");
  private static final Path CT = FIXTURES.resolve("ct/CT_small.dcm");
  private static final Path RLE = FIXTURES.resolve("compressed/CT_small_rle_dcmtk.dcm");

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static List<DicomJsonReader.Result> array(String json) throws Exception {
    return new DicomJsonReader(DicomJsonLimits.DEFAULT).readArray(new ByteArrayInputStream(json.getBytes(UTF_8)));
  }

  @Test
  void withoutInlineBulkPixelDataIsAFileAndPathUriAndNotRead() throws Exception {
    Run r = run("dicom2json", CT.toString(), RLE.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    List<DicomJsonReader.Result> docs = array(r.out());
    assertThat(docs).hasSize(2);
    String ctUri = CT.toAbsolutePath().normalize().toUri() + "#7FE00010";
    assertThat(docs.get(0).bulkDataUris()).containsEntry(BulkDataUriBuilder.Path.of(Tag.PixelData), ctUri);
    assertThat(docs.get(1).bulkDataUris()).containsEntry(BulkDataUriBuilder.Path.of(Tag.PixelData),
        RLE.toAbsolutePath().normalize().toUri() + "#7FE00010");
    assertThat(r.out()).contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"" + ctUri + "\"}");
  }

  @Test
  void withInlineBulkTheObjectIsWhatTheLibraryWritesInline() throws Exception {
    Run r = run("dicom2json", "--inline-bulk", RLE.toString());
    assertThat(r.exit()).isZero();
    DicomFile f = DicomReader.read(Files.readAllBytes(RLE), ReadOptions.ALL);
    StringWriter w = new StringWriter();
    new DicomJsonWriter(DicomJsonOptions.inline((e, p) -> "unused")).write(f.dataset(), w);
    assertThat(r.out()).isEqualTo("[" + w + "]\n");
    assertThat(f.dataset().get(Tag.PixelData)).isInstanceOf(DataElement.Fragments.class);
    assertThat(r.out()).contains("\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"/v8A4");
  }

  @Test
  void aBadFileIsReportedWithItsOffsetAndTheOthersAreStillPrinted(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("truncated.dcm");
    byte[] ct = Files.readAllBytes(CT);
    Files.write(bad, java.util.Arrays.copyOf(ct, 1000));
    Run r = run("dicom2json", CT.toString(), bad.toString(), dir.resolve("missing.dcm").toString(), CT.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(bad + ": ").contains("byte offset").contains("missing.dcm: no such file");
    assertThat(array(r.out())).hasSize(2);
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    assertThat(run("dicom2json").exit()).isEqualTo(2);
    Run unknown = run("dicom2json", "--pretty", CT.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown option --pretty").contains("usage:");
    Run help = run("dicom2json", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("dicom2json [--inline-bulk] FILE...");
    assertThat(run("help").out()).contains("dicom2json");
  }
}
