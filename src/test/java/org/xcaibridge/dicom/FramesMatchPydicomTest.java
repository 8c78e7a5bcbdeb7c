package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.xcaibridge.dicom.PydicomFrameOracle.digest;
import static org.xcaibridge.dicom.PydicomFrameOracle.reader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every frame of every file with pixel data in the shared corpus and pydicom's test files equals
 * pydicom's frame (frames_oracle.py): in memory, through a table and a file reader, and through a
 * table that went through toBytes/fromBytes. Where pydicom cannot cut frames, we throw
 * {@link PixelDataException}.
 */
class FramesMatchPydicomTest {
  private final AtomicInteger framesCompared = new AtomicInteger();
  private final AtomicInteger filesCompared = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> everyFrameMatchesPydicom() throws IOException {
    ExternalTools.requirePydicom();
    List<Path> files = new ArrayList<>(Fixtures.files(Fixtures.sharedDicom()));
    files.addAll(Fixtures.files(Fixtures.pydicomTestFiles()));
    files.addAll(Fixtures.files(Fixtures.pydicomTestFiles().resolveSibling("charset_files")));
    Map<String, PydicomFrameOracle.Answer> oracle = PydicomFrameOracle.run(files);
    assertThat(oracle).hasSize(files.size());
    List<String> mustCover = List.of("rtdose.dcm", "rtdose_expb.dcm", "US-PAL-8-10x-echo.dcm", "liver_1frame.dcm",
        "liver_expb_1frame.dcm", "SC_ybr_full_422_uncompressed.dcm", "ExplVR_BigEnd.dcm", "SC_rgb_rle_2frame.dcm",
        "rtdose_rle.dcm", "SC_rgb_small_odd.dcm", "image_dfl.dcm", "MR_small_bigendian.dcm", "JPEG2000.dcm");
    for (String name : mustCover) {
      assertThat(oracle.entrySet().stream().filter(e -> e.getKey().endsWith("/" + name)).map(e -> e.getValue().status()))
          .as(name).contains("ok");
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path p : files) {
      PydicomFrameOracle.Answer o = oracle.get(p.toString());
      switch (o.status()) {
        case "ok" -> tests.add(dynamicTest(name(p), () -> sameFrames(p, o)));
        case "error" -> tests.add(dynamicTest(name(p) + " (pydicom: " + o.error() + ")", () -> bothReject(p)));
        case "nopixels" -> tests.add(dynamicTest(name(p) + " has no pixel data", () -> noPixelData(p)));
        default -> { } // pydicom cannot read it at all: a reader matter, not a frames one
      }
    }
    long expectedFrames = oracle.values().stream().filter(o -> o.status().equals("ok")).mapToLong(o -> o.frames().size()).sum();
    long expectedFiles = oracle.values().stream().filter(o -> o.status().equals("ok")).count();
    tests.add(dynamicTest("every frame was compared", () -> {
      assertThat(filesCompared.get()).isEqualTo(expectedFiles).isGreaterThan(100);
      assertThat(framesCompared.get()).isEqualTo((int) expectedFrames);
    }));
    return tests.stream();
  }

  private static String name(Path p) {
    return p.getParent().getFileName() + "/" + p.getFileName();
  }

  private void sameFrames(Path p, PydicomFrameOracle.Answer o) throws IOException {
    int n = o.frames().size();
    DicomFile file = DicomReader.read(Files.readAllBytes(p), ReadOptions.ALL);
    assertThat(file.transferSyntax().encapsulated() && !file.transferSyntax().deflated()).isEqualTo(o.encapsulated());
    assertThat(FrameOffsetTable.of(file).numberOfFrames()).isEqualTo(n);
    for (int i = 1; i <= n; i++) {
      assertThat(digest(Frames.frame(file, i))).as("in memory, frame %d", i).isEqualTo(o.frames().get(i - 1));
    }
    assertThatThrownBy(() -> Frames.frame(file, 0)).isInstanceOf(FrameNotFoundException.class);
    assertThatThrownBy(() -> Frames.frame(file, n + 1)).isInstanceOf(FrameNotFoundException.class);

    DicomFile headers = readHeaders(p);
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "r")) {
      RangeReader source = reader(raf);
      if (headers.transferSyntax().deflated()) {
        // positions of a skipped value are positions in the inflated stream: no table can point into the file
        assertThatThrownBy(() -> FrameOffsetTable.of(headers, source)).isInstanceOf(PixelDataException.class);
        filesCompared.incrementAndGet();
        framesCompared.addAndGet(n);
        return;
      }
      FrameOffsetTable table = FrameOffsetTable.of(headers, source);
      assertThat(table.anchor()).isEqualTo(FrameOffsetTable.Anchor.SOURCE);
      FrameOffsetTable stored = FrameOffsetTable.fromBytes(table.toBytes());
      assertThat(stored).isEqualTo(table);
      for (int i = 1; i <= n; i++) {
        assertThat(digest(Frames.frame(table, i, source))).as("table + reader, frame %d", i).isEqualTo(o.frames().get(i - 1));
        assertThat(digest(Frames.frame(stored, i, source))).as("stored table, frame %d", i).isEqualTo(o.frames().get(i - 1));
      }
      assertThatThrownBy(() -> Frames.frame(stored, n + 1, source)).isInstanceOf(FrameNotFoundException.class);
    }
    filesCompared.incrementAndGet();
    framesCompared.addAndGet(n);
  }

  private static void bothReject(Path p) throws IOException {
    DicomFile file;
    try {
      file = DicomReader.read(Files.readAllBytes(p), ReadOptions.ALL);
    } catch (DicomParseException e) {
      file = null; // a value that runs past the end of the file (MR_truncated): the reader already refuses it
    }
    if (file != null) {
      DicomFile f = file;
      assertThatThrownBy(() -> Frames.frame(f, 1)).isInstanceOf(PixelDataException.class);
    }
    DicomFile headers;
    try {
      headers = readHeaders(p);
    } catch (DicomParseException e) {
      assertThat(file).as("only a file the reader refuses in memory may be refused here").isNull();
      return;
    }
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "r")) {
      RangeReader source = reader(raf);
      assertThatThrownBy(() -> Frames.frame(FrameOffsetTable.of(headers, source), 1, source))
          .isInstanceOf(PixelDataException.class);
    }
  }

  private static void noPixelData(Path p) throws IOException {
    DicomFile file;
    try {
      file = DicomReader.read(Files.readAllBytes(p), ReadOptions.ALL);
    } catch (DicomParseException e) {
      return; // the reader's tests decide about files it rejects; there are no frames to compare here
    }
    assertThat(file.pixelData()).isNull();
    assertThatThrownBy(() -> Frames.frame(file, 1)).isInstanceOf(PixelDataException.class);
  }

  private static DicomFile readHeaders(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p)) {
      return DicomReader.read(ch, ReadOptions.HEADERS);
    }
  }
}
