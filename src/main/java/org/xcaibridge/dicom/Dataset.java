package org.xcaibridge.dicom;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * A DICOM dataset in memory: data elements in tag order. Items of sequences are datasets too, and know
 * their parent, so that text is decoded with the Specific Character Set in force (PS3.5 §6.1.2.5.2:
 * an item without its own (0008,0005) uses the one of the enclosing dataset).
 */
public final class Dataset {
  private final TreeMap<Integer, DataElement> elements = new TreeMap<>(Integer::compareUnsigned);
  private Dataset parent;
  private SpecificCharacterSet charset;

  public Dataset() {}

  /** An item dataset, decoded with {@code parent}'s character set unless it names its own. */
  public Dataset(Dataset parent) {
    this.parent = parent;
  }

  public Dataset parent() {
    return parent;
  }

  void parent(Dataset p) {
    this.parent = p;
    this.charset = null;
  }

  public DataElement get(int tag) {
    return elements.get(tag);
  }

  public boolean contains(int tag) {
    return elements.containsKey(tag);
  }

  public Dataset put(DataElement e) {
    elements.put(e.tag(), e);
    if (e.tag() == Tag.SpecificCharacterSet) {
      charset = null;
    }
    return this;
  }

  public DataElement remove(int tag) {
    return elements.remove(tag);
  }

  public int size() {
    return elements.size();
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  /** The elements in ascending tag order. */
  public Collection<DataElement> elements() {
    return Collections.unmodifiableCollection(elements.values());
  }

  /** The character set for text of this dataset: its own (0008,0005), else its parent's, else the default repertoire. */
  public SpecificCharacterSet charset() {
    SpecificCharacterSet c = charset;
    if (c == null) {
      DataElement e = elements.get(Tag.SpecificCharacterSet);
      if (e instanceof DataElement.Value v) {
        c = SpecificCharacterSet.of(Values.asciiStrings(v.bytes()));
      } else {
        c = parent != null ? parent.charset() : SpecificCharacterSet.DEFAULT;
      }
      charset = c;
    }
    return c;
  }

  // ---- typed access; values are decoded from the stored bytes on each call -------------------------

  /** The values of a string element, decoded and trimmed; an empty list when absent or not a value. */
  public List<String> strings(int tag) {
    DataElement e = elements.get(tag);
    if (!(e instanceof DataElement.Value v) || !v.vr().isString()) {
      return List.of();
    }
    return Values.strings(v.vr(), v.bytes(), charset());
  }

  /** The first value of a string element, or null. */
  public String string(int tag) {
    List<String> s = strings(tag);
    return s.isEmpty() ? null : s.get(0);
  }

  /** The first value of an integer element (US, SS, UL, SL, IS, …), or {@code orElse}. */
  public long integer(int tag, long orElse) {
    DataElement e = elements.get(tag);
    if (e instanceof DataElement.Value v) {
      long[] n = Values.integers(v.vr(), v.bytes());
      if (n.length > 0) {
        return n[0];
      }
    }
    return orElse;
  }

  public int intValue(int tag, int orElse) {
    return (int) integer(tag, orElse);
  }

  /** The items of a sequence element; empty when absent. */
  public List<Dataset> items(int tag) {
    DataElement e = elements.get(tag);
    return e instanceof DataElement.Sequence s ? s.items() : List.of();
  }

  /** Sets a string value, padded to even length as its VR requires, in this dataset's character set. */
  public Dataset putString(int tag, VR vr, String... values) {
    return put(new DataElement.Value(tag, vr, Values.encodeStrings(vr, charset(), values)));
  }

  /** Sets a binary integer value (US, SS, UL, SL, SV, UV) or, for IS, its string form. */
  public Dataset putInt(int tag, VR vr, long... values) {
    return put(new DataElement.Value(tag, vr, Values.encodeIntegers(vr, values)));
  }

  public Dataset putSequence(int tag, List<Dataset> items) {
    for (Dataset d : items) {
      d.parent(this);
    }
    return put(new DataElement.Sequence(tag, VR.SQ, List.copyOf(items)));
  }

  @Override
  public String toString() {
    return "Dataset(" + elements.size() + " elements)";
  }
}
