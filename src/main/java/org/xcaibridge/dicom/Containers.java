package org.xcaibridge.dicom;

import java.util.ArrayDeque;

/**
 * The containers a {@link DicomStreamParser} is inside, innermost on top: sequences, items and
 * encapsulated pixel data (PS3.5 §7.5, §A.4). An explicit stack rather than recursion, so hostile
 * nesting ends in a typed error at {@link ReadLimits#maxDepth()} instead of a stack overflow; closing
 * a container tells the handler. One frame per container, none per element.
 */
final class Containers {
  enum Kind {
    ITEM, SEQUENCE, FRAGMENTS;

    String noun() {
      return name().toLowerCase();
    }
  }

  /** One open container. */
  static final class Frame {
    final Kind kind;
    final long end; // stream offset where a defined-length container ends, or -1
    final boolean explicit;
    final boolean bigEndian;
    final ValueAction fragmentAction;
    final ElementHeader header;

    Frame(Kind kind, long end, boolean explicit, boolean bigEndian, ValueAction fragmentAction, ElementHeader header) {
      this.kind = kind;
      this.end = end;
      this.explicit = explicit;
      this.bigEndian = bigEndian;
      this.fragmentAction = fragmentAction;
      this.header = header;
    }
  }

  private final ArrayDeque<Frame> stack = new ArrayDeque<>();
  private final DicomParserHandler handler;
  private final int maxDepth;

  Containers(DicomParserHandler handler, int maxDepth) {
    this.handler = handler;
    this.maxDepth = maxDepth;
  }

  /** The innermost open container, or null at the top level. */
  Frame top() {
    return stack.peek();
  }

  int depth() {
    return stack.size();
  }

  /** Opens the container whose header is {@code h}: it ends at {@code h}'s value end, or at a delimiter. */
  void open(Kind kind, ElementHeader h, boolean explicit, boolean bigEndian, ValueAction fragmentAction) {
    if (stack.size() >= maxDepth) {
      throw new DicomLimitException("maxDepth", maxDepth, stack.size() + 1, h.offset());
    }
    long end = kind == Kind.FRAGMENTS || h.undefinedLength() ? -1 : h.valueOffset() + h.length();
    stack.push(new Frame(kind, end, explicit, bigEndian, fragmentAction, h));
  }

  /** Closes the innermost container. */
  void close() {
    Frame f = stack.pop();
    switch (f.kind) {
      case ITEM -> handler.endItem();
      case SEQUENCE -> handler.endSequence();
      case FRAGMENTS -> handler.endFragments();
    }
  }

  /** An item or sequence delimiter {@code h} closes the innermost container, if that is what it may close. */
  void delimiter(ElementHeader h) {
    Frame top = stack.peek();
    Kind in = top == null ? Kind.ITEM : top.kind;
    if (h.tag() == Tag.ItemDelimitationItem) {
      if (in != Kind.ITEM || top == null || top.end >= 0) {
        throw new DicomParseException("item delimiter outside an undefined-length item", h.offset());
      }
    } else if (in == Kind.ITEM || top.end >= 0) {
      if (top == null) {
        return; // a stray sequence delimiter at the end of some datasets; dcmtk and pydicom pass over it
      }
      throw new DicomParseException("sequence delimiter outside an undefined-length sequence", h.offset());
    }
    close();
  }

  /** The input ended at {@code position}: closes every container that ends there, or says which does not. */
  void closeAllAt(long position) {
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.end < 0) {
        // a missing delimiter is what a cut-off stream looks like: dcmtk and pydicom reject it too
        throw new DicomParseException("input ends inside an undefined-length " + f.kind.noun()
            + " that started at offset " + f.header.offset() + " and has no delimiter", position);
      }
      if (f.end != position) {
        throw new DicomParseException("input ends inside a " + f.kind.noun()
            + " that should end at offset " + f.end, position);
      }
      close();
    }
  }
}
