package org.xcaibridge.dicom;

/**
 * Receives the structure of a dataset from {@link DicomStreamParser}, in stream order. Values are
 * always little endian, whatever the transfer syntax. Sequences and fragments are announced with
 * start/end calls so that no recursion is needed to follow nesting of any depth.
 */
public interface DicomParserHandler {
  /** The syntax of the dataset that follows the file meta information (or was guessed for a bare dataset). */
  default void transferSyntax(TransferSyntax ts) {}

  /** A non-sequence element with a defined length; answer what to do with its value. */
  ValueAction element(ElementHeader header);

  /**
   * Value bytes of the current element or fragment. With {@link ValueAction#KEEP} this is called once
   * with the whole value; with {@link ValueAction#STREAM} once per arriving chunk, {@code last} on the final one.
   */
  default void value(ElementHeader header, byte[] bytes, int offset, int length, boolean last) {}

  /** A sequence starts (SQ, or UN with undefined length, whose items are Implicit VR Little Endian). */
  void startSequence(ElementHeader header);

  /** An item of the current sequence starts at {@code offset}; {@code length} is -1 when undefined. */
  void startItem(long offset, long length);

  void endItem();

  void endSequence();

  /** Encapsulated pixel data starts; the answer decides what happens to each fragment's bytes. */
  ValueAction startFragments(ElementHeader header);

  /**
   * One fragment (the first is the Basic Offset Table); its bytes follow through {@link #value} unless
   * {@link #startFragments} answered SKIP.
   */
  void fragment(ElementHeader fragment);

  void endFragments();

  /** The input ended cleanly (or parsing stopped at the handler's request). */
  default void end() {}
}
