package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.dicom.PydicomFrameOracle.digest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-frame encapsulated files written by pydicom's own encoder (pydicom.encaps.encapsulate with
 * several fragments per frame and a Basic Offset Table, without one, and encapsulate_extended with an
 * Extended Offset Table) give back exactly the frames that went in, and the frames pydicom cuts.
 */
class EncapsulatedFramesFromPydicomEncoderTest {
  private static final String WRITER = String.join("\n",
      "import sys, hashlib, pydicom",
      "from pydicom.dataset import Dataset, FileMetaDataset",
      "from pydicom.encaps import encapsulate, encapsulate_extended",
      "out = sys.argv[1]",
      "def frames(prefix, lengths):",
      "    return [prefix + bytes((k * 7 + i) % 200 for i in range(n)) + b'\\xff\\xd9' for k, n in enumerate(lengths)]",
      "def save(name, ts, fr, px, eot=None):",
      "    ds = Dataset()",
      "    ds.file_meta = FileMetaDataset()",
      "    ds.file_meta.TransferSyntaxUID = ts",
      "    ds.file_meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'",
      "    ds.file_meta.MediaStorageSOPInstanceUID = '1.2.826.0.1.3680043.2.1125.9'",
      "    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.7'",
      "    ds.SOPInstanceUID = '1.2.826.0.1.3680043.2.1125.9'",
      "    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 1, 8, 8, 7",
      "    ds.PixelRepresentation, ds.PhotometricInterpretation, ds.NumberOfFrames = 0, 'MONOCHROME2', len(fr)",
      "    ds.PixelData = px",
      "    ds['PixelData'].VR = 'OB'",
      "    if eot:",
      "        ds.ExtendedOffsetTable, ds.ExtendedOffsetTableLengths = eot",
      "    ds.is_little_endian, ds.is_implicit_VR = True, False",
      "    ds.save_as(out + '/' + name + '.dcm', write_like_original=False)",
      "    print(name + '\\t' + '\\t'.join('%d:%s' % (len(f), hashlib.sha256(f).hexdigest()) for f in fr))",
      "jpeg = frames(b'\\xff\\xd8\\xff\\xe0', [40, 58, 90, 30])",
      "save('bot3', '1.2.840.10008.1.2.4.50', jpeg, encapsulate(jpeg, fragments_per_frame=3, has_bot=True))",
      "save('nobot3', '1.2.840.10008.1.2.4.50', jpeg, encapsulate(jpeg, fragments_per_frame=3, has_bot=False))",
      "j2k = frames(b'\\xff\\x4f\\xff\\x51', [44, 60, 32])",
      "save('j2k2', '1.2.840.10008.1.2.4.90', j2k, encapsulate(j2k, fragments_per_frame=2, has_bot=False))",
      "jp2 = frames(bytes.fromhex('0000000c6a5020200d0a870a'), [36, 50])",
      "save('jp2x4', '1.2.840.10008.1.2.4.91', jp2, encapsulate(jp2, fragments_per_frame=4, has_bot=False))",
      "px, offs, lens = encapsulate_extended(jpeg)",
      "save('eot', '1.2.840.10008.1.2.4.50', jpeg, px, (offs, lens))");

  @TempDir
  static Path dir;
  private static Map<String, List<String>> written;

  @BeforeAll
  static void writeWithPydicom() throws IOException {
    ExternalTools.requirePydicom();
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", WRITER, dir.toString()), null, 120);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    written = new java.util.HashMap<>();
    for (String line : r.out().split("\n")) {
      String[] f = line.split("\t");
      written.put(f[0], List.of(f).subList(1, f.length));
    }
    assertThat(written).containsOnlyKeys("bot3", "nobot3", "j2k2", "jp2x4", "eot");
  }

  @Test
  void basicOffsetTableWithThreeFragmentsPerFrame() throws IOException {
    FrameOffsetTable t = sameFramesAsWritten("bot3");
    assertThat(t.locate(2).ranges()).hasSize(3);
  }

  @Test
  void jpegStartMarkersSplitFramesWithoutAnOffsetTable() throws IOException {
    sameFramesAsWritten("nobot3");
  }

  @Test
  void jpeg2000CodestreamMarkersSplitFrames() throws IOException {
    sameFramesAsWritten("j2k2");
  }

  @Test
  void jp2SignatureBoxesSplitFrames() throws IOException {
    sameFramesAsWritten("jp2x4");
  }

  @Test
  void extendedOffsetTable() throws IOException {
    sameFramesAsWritten("eot");
  }

  @Test
  void extendedOffsetTableIsConsultedAndChecked() throws IOException {
    byte[] file = Files.readAllBytes(dir.resolve("eot.dcm"));
    // the second EOT entry points 2 bytes into a fragment: the table is read, and refused
    DicomFile parsed = DicomReader.read(file, ReadOptions.ALL);
    byte[] eot = ((DataElement.Value) parsed.dataset().get(Tag.ExtendedOffsetTable)).bytes();
    int at = indexOf(file, eot);
    Values.writeLe(file, at + 8, 8, Values.readLe(eot, 8, 8, false) + 2);
    assertThatThrownBy(() -> Frames.frame(DicomReader.read(file, ReadOptions.ALL), 1))
        .isInstanceOf(PixelDataException.class).hasMessageContaining("Extended Offset Table entry 2");
    sameFramesAsWritten("eot"); // and the untouched file still works
  }

  /** Our frames equal the frames pydicom encapsulated and the frames pydicom's decoder cuts, on every path. */
  private static FrameOffsetTable sameFramesAsWritten(String name) throws IOException {
    Path p = dir.resolve(name + ".dcm");
    List<String> expected = written.get(name);
    assertThat(PydicomFrameOracle.frames(p)).isEqualTo(expected);
    DicomFile file = DicomReader.read(Files.readAllBytes(p), ReadOptions.ALL);
    List<String> inMemory = new ArrayList<>();
    for (int n = 1; n <= expected.size(); n++) {
      inMemory.add(digest(Frames.frame(file, n)));
    }
    assertThat(inMemory).isEqualTo(expected);
    FrameOffsetTable table;
    try (FileChannel ch = FileChannel.open(p); RandomAccessFile raf = new RandomAccessFile(p.toFile(), "r")) {
      // bulk threshold 0: the Extended Offset Table, too, is left in the file and read through the reader
      DicomFile headers = DicomReader.read(ch, ReadOptions.HEADERS.withBulkDataThreshold(0));
      RangeReader source = PydicomFrameOracle.reader(raf);
      table = FrameOffsetTable.fromBytes(FrameOffsetTable.of(headers, source).toBytes());
      List<String> fromTable = new ArrayList<>();
      for (int n = 1; n <= expected.size(); n++) {
        fromTable.add(digest(Frames.frame(table, n, source)));
      }
      assertThat(fromTable).isEqualTo(expected);
    }
    assertThat(table).isEqualTo(FrameOffsetTable.of(file));
    return table;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
