package org.xcaibridge.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the bulk data of an element that DICOM JSON does not carry inline (PS3.18 §F.2.6): for the
 * bridge a WADO-RS bulkdata URL, for the command line tool a reference into the file.
 */
@FunctionalInterface
public interface BulkDataUriBuilder {
  /** The BulkDataURI for {@code element}, found at {@code path} in the dataset being written. */
  String uri(DataElement element, Path path);

  /**
   * Where an element lies in a dataset: the tags from the top level down, and between two tags the
   * index (from 0) of the item of the first one that holds the next. {@code items.size()} is always
   * {@code tags.size() - 1}.
   */
  record Path(List<Integer> tags, List<Integer> items) {
    public Path {
      tags = List.copyOf(tags);
      items = List.copyOf(items);
      if (tags.isEmpty() || items.size() != tags.size() - 1) {
        throw new IllegalArgumentException("a path needs n tags and n-1 item indexes, got " + tags + " " + items);
      }
    }

    /** A top-level element. */
    public static Path of(int tag) {
      return new Path(List.of(tag), List.of());
    }

    /** The path of element {@code tag} in item {@code item} of the element this path names. */
    public Path child(int item, int tag) {
      List<Integer> t = new ArrayList<>(tags);
      t.add(tag);
      List<Integer> i = new ArrayList<>(items);
      i.add(item);
      return new Path(t, i);
    }

    /** The tag of the element itself. */
    public int tag() {
      return tags.get(tags.size() - 1);
    }

    /** Tags as 8 hex digits and item indexes, joined by '/': "00540016/0/00181072". */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(Tag.hex(tags.get(0)));
      for (int i = 0; i < items.size(); i++) {
        sb.append('/').append(items.get(i)).append('/').append(Tag.hex(tags.get(i + 1)));
      }
      return sb.toString();
    }
  }
}
