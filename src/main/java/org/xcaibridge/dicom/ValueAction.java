package org.xcaibridge.dicom;

/** What a {@link DicomParserHandler} wants done with the value of the element just announced. */
public enum ValueAction {
  /** Collect the whole value and hand it over in one call (bounded by {@link ReadLimits#maxValueBytes()}). */
  KEEP,
  /** Hand the value over in chunks as they arrive. */
  STREAM,
  /** Pass over the value; its offset and length are known from the header. */
  SKIP,
  /** Stop parsing here, before the value: the rest of the input is ignored. */
  STOP
}
