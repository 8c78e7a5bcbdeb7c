package org.xcaibridge.responder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomParseException;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadLimits;
import org.xcaibridge.dicom.ReadOptions;

/**
 * Recognises a file as a DICOM instance by its content, not its name, and reads its header (blocking: run it on
 * a worker). A file is a candidate when it has the DICM prefix at byte 128 (PS3.10 §7.1) or starts with a data
 * element of group 0002 or 0008, as a bare dataset does; it is an instance when its header parses and names
 * SOP Class, SOP Instance, Study and Series Instance UIDs. A DICOMDIR is not an instance. Reading stops at the
 * pixel data and seeks past large binary values, so a header costs a few kilobytes of reading whatever the size.
 */
final class HeaderReader {
  private HeaderReader() {}

  /** Limits for indexing: a header never legitimately holds a text value of more than a few MiB. */
  static final ReadLimits LIMITS = new ReadLimits(32, 16L << 20);
  static final ReadOptions OPTIONS = ReadOptions.HEADERS.withPixelData(ReadOptions.PixelDataAction.STOP).withLimits(LIMITS);

  /** What reading a file gave. */
  sealed interface Outcome permits Indexed, Rejected {}

  record Indexed(InstanceHeader header) implements Outcome {}

  /** Not an instance, with a reason a person can act on. */
  record Rejected(String reason) implements Outcome {}

  /**
   * Reads one file.
   *
   * @param size the file's size as listed (what the instance record keeps)
   * @throws IOException when the file cannot be read at all (gone, permission): the caller decides
   */
  static Outcome read(Path file, long size) throws IOException {
    assert Workers.notOnEventLoop("reading a file header");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(132);
      while (head.hasRemaining() && ch.read(head) >= 0) {
        // fill what the file has of its first 132 bytes
      }
      String notDicom = notDicom(head.array(), head.position());
      if (notDicom != null) {
        return new Rejected(notDicom);
      }
      MetaSniffer meta = new MetaSniffer();
      try {
        meta.feed(head.array(), 0, head.position());
        ByteBuffer more = ByteBuffer.allocate(8192);
        while (!meta.reachedDataset() && ch.read(more.clear()) >= 0) {
          meta.feed(more.array(), 0, more.position());
        }
        meta.finish();
      } catch (DicomParseException e) {
        return new Rejected("not DICOM: " + e.getMessage());
      }
      if (meta.isDicomDir()) {
        return new Rejected("a DICOMDIR (Media Storage Directory), not an instance");
      }
      ch.position(0);
      DicomFile f;
      try {
        f = DicomReader.read(ch, OPTIONS);
      } catch (DicomParseException e) { // DicomLimitException included
        return new Rejected("unreadable DICOM header: " + e.getMessage());
      } catch (RuntimeException e) {
        return new Rejected("unreadable DICOM header: " + e);
      }
      if (f.dataset().contains(ArchiveTags.DirectoryRecordSequence)) {
        return new Rejected("a DICOMDIR (Directory Record Sequence), not an instance");
      }
      String missing = InstanceHeader.missingUid(f.dataset());
      if (missing != null) {
        return new Rejected("DICOM but not an instance: " + missing);
      }
      return new Indexed(InstanceHeader.of(f.dataset(), f.transferSyntax().uid(), size));
    }
  }

  /** Why the first bytes cannot start a Part 10 file or a bare dataset, or null when they can. */
  static String notDicom(byte[] b, int n) {
    if (n >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') {
      return null;
    }
    if (n >= 4 && b[0] == 'D' && b[1] == 'I' && b[2] == 'C' && b[3] == 'M') {
      return null; // the meta group without the preamble, which some writers leave out
    }
    if (n < 8) {
      return "not DICOM: " + n + " bytes are too few for a data element";
    }
    int group = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
    if (group == 0x0002 || group == 0x0008) {
      return null;
    }
    return "not DICOM: no DICM prefix at byte 128 and no data element of group 0002 or 0008 at the start";
  }
}
