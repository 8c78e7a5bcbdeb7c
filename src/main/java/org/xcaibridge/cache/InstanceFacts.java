package org.xcaibridge.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.xcaibridge.dicom.DataElement;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomLimitException;
import org.xcaibridge.dicom.FrameOffsetTable;
import org.xcaibridge.dicom.PixelDataException;
import org.xcaibridge.dicom.Tag;

/** What the store learns from an instance's parsed header: whether it is the instance asked for, its summary, its frames. */
final class InstanceFacts {
  private InstanceFacts() {}

  /**
   * The SOP Instance UID (dataset, else file meta) must be the key's, and the Study and Series Instance
   * UIDs, when the dataset has them, too: an instance is never stored under another instance's name.
   */
  static void checkKey(InstanceKey key, DicomFile f) {
    String sop = f.dataset().string(Tag.SOPInstanceUID);
    if (sop == null) {
      sop = f.fileMeta().string(Tag.MediaStorageSOPInstanceUID);
    }
    same(key, "SOP Instance UID", key.sopInstanceUid(), sop, false);
    same(key, "Study Instance UID", key.studyInstanceUid(), f.dataset().string(Tag.StudyInstanceUID), true);
    same(key, "Series Instance UID", key.seriesInstanceUid(), f.dataset().string(Tag.SeriesInstanceUID), true);
  }

  private static void same(InstanceKey key, String what, String expected, String actual, boolean mayBeAbsent) {
    if (actual == null ? !mayBeAbsent : !actual.equals(expected)) {
      throw new CacheException.Rejected("the instance received for " + key + " has " + what + " "
          + (actual == null ? "(none)" : actual), null);
    }
  }

  /** The stored frame offset table, or no bytes when the instance has no pixel data or its frames cannot be located. */
  static byte[] frameTable(DicomFile f, FileChannel ch) throws IOException {
    if (f.pixelData() == null) {
      return new byte[0];
    }
    try {
      return FrameOffsetTable.of(f, (offset, length) -> EntryFile.readFully(ch, offset, length).array()).toBytes();
    } catch (PixelDataException | DicomLimitException e) {
      return new byte[0]; // served whole; frame requests for it re-parse the header
    }
  }

  static InstanceSummary summary(InstanceKey key, DicomFile f, long part10Length, boolean hasTable) {
    String sopClass = f.dataset().string(Tag.SOPClassUID);
    if (sopClass == null) {
      sopClass = f.fileMeta().string(Tag.MediaStorageSOPClassUID);
    }
    DataElement pixels = f.pixelData();
    long pixelAt = -1;
    if (pixels instanceof DataElement.BulkData b) {
      pixelAt = b.offset();
    } else if (pixels instanceof DataElement.Fragments fr && !fr.fragments().isEmpty()) {
      pixelAt = fr.fragments().get(0).offset();
    }
    int frames = pixels == null ? 0 : Math.max(1, f.dataset().intValue(Tag.NumberOfFrames, 1));
    return new InstanceSummary(key, sopClass == null ? "" : sopClass, f.transferSyntax().uid(), frames,
        f.dataset().intValue(Tag.Rows, 0), f.dataset().intValue(Tag.Columns, 0), part10Length, pixelAt, hasTable);
  }
}
