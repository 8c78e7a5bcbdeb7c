package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;

/**
 * Files that are not instances — text, empty, random bytes, a Part 10 file cut short, a dataset without SOP
 * Instance UID, a DICOMDIR — are skipped, each with one logged reason that says what is wrong; hidden files
 * and a symbolic link loop are passed over; the real instances beside them are served, and a skipped file
 * that is later replaced by an instance is indexed.
 */
class UnreadableFilesAreSkippedWithAReasonTest {
  private final Vertx vertx = Vertx.vertx();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger scannerLog = (Logger) LoggerFactory.getLogger(FolderScanner.class);

  @BeforeEach
  void captureLog() {
    log.start();
    scannerLog.addAppender(log);
  }

  @AfterEach
  void close() throws Exception {
    scannerLog.detachAppender(log);
    await(vertx.close());
  }

  @Test
  void eachSkippedFileHasAReason(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("images");
    Files.createDirectories(folder.resolve("sub"));
    Path good = studySets().resolve("77654033/CR1/6154");
    Files.copy(good, folder.resolve("sub/good"));
    Files.copy(good, folder.resolve(".hidden-copy"));
    Files.writeString(folder.resolve("notes.txt"), "scanned at the front desk\n");
    Files.write(folder.resolve("empty.dcm"), new byte[0]);
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    random[0] = 0x7F; // not group 0002 or 0008
    Files.write(folder.resolve("random.bin"), random);
    Files.write(folder.resolve("cut.dcm"), Arrays.copyOf(Files.readAllBytes(good), 150));
    Files.write(folder.resolve("no-uid.dcm"), datasetWithoutSopInstanceUid());
    Path dicomdir = Fixtures.pydicomTestFiles().resolve("dicomdirtests/DICOMDIR");
    Files.copy(dicomdir, folder.resolve("DICOMDIR"));
    Files.createSymbolicLink(folder.resolve("sub/loop"), folder);

    FolderArchive a = await(FolderArchive.start(vertx, options(folder, dir.resolve("var"), Duration.ZERO)));
    assertThat(a.lastScan().instances()).isEqualTo(1);
    assertThat(a.lastScan().filesSkipped()).isEqualTo(6);

    Map<String, String> reasons = log.list.stream().filter(e -> e.getMessage().startsWith("skipping"))
        .collect(Collectors.toMap(e -> (String) e.getArgumentArray()[0], e -> (String) e.getArgumentArray()[1]));
    assertThat(reasons).containsOnlyKeys("notes.txt", "empty.dcm", "random.bin", "cut.dcm", "no-uid.dcm", "DICOMDIR");
    assertThat(reasons.get("notes.txt")).startsWith("not DICOM: no DICM prefix");
    assertThat(reasons.get("empty.dcm")).isEqualTo("not DICOM: 0 bytes are too few for a data element");
    assertThat(reasons.get("random.bin")).startsWith("not DICOM: no DICM prefix");
    assertThat(reasons.get("cut.dcm")).containsAnyOf("unreadable DICOM header", "not DICOM", "not an instance");
    assertThat(reasons.get("no-uid.dcm")).isEqualTo("DICOM but not an instance: no SOP Instance UID (0008,0018)");
    assertThat(reasons.get("DICOMDIR")).startsWith("a DICOMDIR");
    assertThat(log.list).anyMatch(e -> e.getFormattedMessage().startsWith("not following sub/loop"));

    // a rescan logs nothing again for files that did not change
    int logged = log.list.size();
    assertThat(await(a.rescan()).filesRead()).isZero();
    assertThat(log.list).hasSize(logged);

    // recovery: the cut file is replaced by a whole one and becomes an instance
    Files.copy(studySets().resolve("77654033/CR2/6247"), folder.resolve("cut.dcm"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    FolderArchive.ScanReport r = await(a.rescan());
    assertThat(r.filesRead()).isEqualTo(1);
    assertThat(r.instances()).isEqualTo(2);
    assertThat(r.filesSkipped()).isEqualTo(5);
    assertThat(await(a.findInstances(List.of("1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.11",
        "1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.7")))).hasSize(2);
    await(a.close());
  }

  private static byte[] datasetWithoutSopInstanceUid() throws Exception {
    Dataset ds = new Dataset();
    ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
    ds.putString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
    ds.putString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.5");
    ds.putString(Tag.PatientName, VR.PN, "Nobody^Known");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DicomWriter.writeFile(out, DicomWriter.fileMeta("1.2.840.10008.5.1.4.1.1.7", "1.2.3.4.5.6",
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, (e, o) -> {
          throw new IllegalStateException("no bulk data here");
        });
    return out.toByteArray();
  }
}
