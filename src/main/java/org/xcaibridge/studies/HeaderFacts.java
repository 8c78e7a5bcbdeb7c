package org.xcaibridge.studies;

import java.util.List;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.Dataset;

/**
 * What QIDO-RS series and instance rows need from an instance's header and a KOS cannot say (protocol.md
 * §5.4): learnt once per instance, from the cached Part 10 bytes. A null field is absent from the header (a
 * fact too: the attribute is not "missing", it has no value).
 */
record HeaderFacts(String modality, String seriesDescription, Integer seriesNumber, String seriesDate,
    String seriesTime, Integer instanceNumber, Integer rows, Integer columns, Integer bitsAllocated,
    Integer numberOfFrames, String sopClassUid, String transferSyntaxUid) {

  /** Series-level attributes a row lacks while no instance of the series has been read. */
  static final List<String> SERIES_ATTRIBUTES = List.of("Modality", "SeriesDescription", "SeriesNumber",
      "SeriesDate", "SeriesTime");
  /** Instance-level attributes a row lacks while the instance has not been read. */
  static final List<String> INSTANCE_ATTRIBUTES = List.of("InstanceNumber", "Rows", "Columns", "BitsAllocated",
      "NumberOfFrames");

  static HeaderFacts of(DicomFile f) {
    Dataset d = f.dataset();
    String ts = f.transferSyntax() == null ? null : f.transferSyntax().uid();
    return new HeaderFacts(text(d, Tags.Modality), text(d, Tags.SeriesDescription), number(d, Tags.SeriesNumber),
        text(d, Tags.SeriesDate), text(d, Tags.SeriesTime), number(d, Tags.InstanceNumber), number(d, Tags.Rows),
        number(d, Tags.Columns), number(d, Tags.BitsAllocated), number(d, Tags.NumberOfFrames),
        text(d, Tags.SOPClassUID), ts);
  }

  private static String text(Dataset d, int tag) {
    String s = d.string(tag);
    return s == null || s.isEmpty() ? null : s;
  }

  private static Integer number(Dataset d, int tag) {
    long n = d.integer(tag, Long.MIN_VALUE);
    return n == Long.MIN_VALUE || n != (int) n ? null : (int) n;
  }
}
