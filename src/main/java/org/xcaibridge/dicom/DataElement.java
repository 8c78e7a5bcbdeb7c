package org.xcaibridge.dicom;

import java.util.List;

/**
 * One data element of a {@link Dataset}: a value held in memory, a sequence of items, encapsulated
 * fragments, or a value left in the source and known only by its place (bulk data).
 */
public sealed interface DataElement permits DataElement.Value, DataElement.Sequence, DataElement.Fragments, DataElement.BulkData {
  int tag();

  VR vr();

  /** A value in memory, little endian, exactly as encoded (padding included). */
  record Value(int tag, VR vr, byte[] bytes) implements DataElement {}

  /** A sequence; each item is a dataset that inherits the character set of its parent. */
  record Sequence(int tag, VR vr, List<Dataset> items) implements DataElement {}

  /**
   * Encapsulated pixel data (PS3.5 §A.4). The first fragment is the Basic Offset Table; a fragment's
   * {@code bytes} are null when the reader skipped them.
   */
  record Fragments(int tag, VR vr, List<Fragment> fragments) implements DataElement {}

  /** One item of encapsulated pixel data: where its value lies in the source, and the bytes when kept. */
  record Fragment(long offset, long length, byte[] bytes) {}

  /**
   * A value not read into memory: it lies at {@code offset} in the source, {@code length} bytes long,
   * in the byte order {@code bigEndian} says.
   */
  record BulkData(int tag, VR vr, long offset, long length, boolean bigEndian) implements DataElement {}
}
