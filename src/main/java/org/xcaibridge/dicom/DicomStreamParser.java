package org.xcaibridge.dicom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A push parser for DICOM Part 10 files and bare datasets (PS3.10 §7, PS3.5 §7): feed it chunks as they
 * arrive, in any sizes, and it reports the structure to a {@link DicomParserHandler}. It keeps only the
 * unconsumed tail of the input plus any value the handler asked to keep, follows nesting with an explicit
 * stack (no recursion, bounded by {@link ReadLimits#maxDepth()}), and never allocates more than the
 * bytes actually received, whatever lengths the input declares.
 */
public final class DicomStreamParser {
  private static final int PREAMBLE = 128;

  private enum State { PREAMBLE, META, DATASET, VALUE, DONE }

  private enum Kind { ITEM, SEQUENCE, FRAGMENTS }

  /** One open container: a sequence, an item, or encapsulated pixel data. */
  private static final class Frame {
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

  private final DicomParserHandler handler;
  private final ReadLimits limits;
  private final ArrayDeque<Frame> stack = new ArrayDeque<>();

  private final ParserInput in = new ParserInput();
  private State state = State.PREAMBLE;

  private boolean explicit = true;
  private boolean bigEndian;
  private TransferSyntax syntax;
  private String metaTransferSyntax;
  private long metaEnd = -1;
  private boolean signedPixels;
  private boolean sawDatasetElement;

  private ElementHeader current;
  private ValueAction currentAction;
  private long remaining;
  private boolean inFragment;

  public DicomStreamParser(DicomParserHandler handler) {
    this(handler, ReadLimits.DEFAULT);
  }

  public DicomStreamParser(DicomParserHandler handler, ReadLimits limits) {
    this.handler = handler;
    this.limits = limits;
  }

  /** Offset in the stream of the next byte to be parsed. */
  public long position() {
    return in.position();
  }

  /** True once the handler asked to stop, or the input ended. */
  public boolean done() {
    return state == State.DONE;
  }

  /** The dataset's transfer syntax, once known. */
  public TransferSyntax transferSyntax() {
    return syntax;
  }

  /**
   * Bytes of the value being skipped that have not arrived yet. A driver reading a file may seek past
   * them and call {@link #skipped(long)} instead of feeding them.
   */
  public long pendingSkip() {
    if (state != State.VALUE || currentAction != ValueAction.SKIP || in.inflating()) {
      return 0;
    }
    return Math.max(0, remaining - in.avail());
  }

  /** Tells the parser that {@code n ≤ pendingSkip()} bytes were skipped by the driver. */
  public void skipped(long n) {
    if (n < 0 || n > pendingSkip()) {
      throw new IllegalArgumentException("cannot skip " + n + " bytes, pending " + pendingSkip());
    }
    remaining -= in.avail() + n;
    in.discardAll(n);
    process();
  }

  public void feed(ByteBuffer chunk) {
    if (chunk.hasArray()) {
      feed(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
      chunk.position(chunk.limit());
    } else {
      byte[] copy = new byte[chunk.remaining()];
      chunk.get(copy);
      feed(copy, 0, copy.length);
    }
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  public void feed(byte[] bytes, int off, int len) {
    if (state == State.DONE) {
      return;
    }
    if (in.inflating()) {
      in.inflaterInput(bytes, off, len);
    } else {
      in.append(bytes, off, len, keepHint());
      process();
    }
    if (in.inflating()) {
      inflateAndProcess(); // also when the meta group ended inside this chunk: the rest is deflated
    }
  }

  /** The input has ended: reports the end, or throws if it ended inside an element or container. */
  public void end() {
    if (state == State.DONE) {
      return;
    }
    if (state == State.PREAMBLE) {
      startWithoutPreamble();
      process();
    }
    if (state == State.META && metaEnd >= 0 && in.position() >= metaEnd && in.avail() > 0) {
      // meta() waits for 8 bytes of dataset before starting it; a shorter rest is all there is
      beginDataset();
      if (in.inflating()) {
        inflateAndProcess();
      } else {
        process();
      }
    }
    if (state == State.DONE) {
      return;
    }
    if (state == State.VALUE || in.avail() > 0) {
      throw new DicomParseException("input ends inside "
          + (current != null ? "element " + current : "an element header"), in.position());
    }
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.end < 0) {
        // a missing delimiter is what a cut-off stream looks like: dcmtk and pydicom reject it too
        throw new DicomParseException("input ends inside an undefined-length " + f.kind.name().toLowerCase()
            + " that started at offset " + f.header.offset() + " and has no delimiter", in.position());
      }
      if (f.end != in.position()) {
        throw new DicomParseException("input ends inside a " + f.kind.name().toLowerCase()
            + " that should end at offset " + f.end, in.position());
      }
      pop();
    }
    if (!in.inflatedAll()) {
      throw new DicomParseException("deflated data ends before its final block", in.position());
    }
    if (state == State.META) {
      beginDataset();
    }
    state = State.DONE;
    handler.end();
  }

  /** Bytes a value being kept still needs, which bounds how far the input window may grow. */
  private long keepHint() {
    return state == State.VALUE && currentAction == ValueAction.KEEP ? remaining : 0;
  }

  /** Inflates step by step and parses after each, so memory follows what the parser keeps, not the compression ratio. */
  private void inflateAndProcess() {
    while (state != State.DONE && in.canInflate()) {
      in.inflateStep(keepHint());
      process();
    }
  }

  // ---- the state machine -------------------------------------------------------------------------

  private void process() {
    while (state != State.DONE) {
      boolean progressed = switch (state) {
        case PREAMBLE -> preamble();
        case META -> meta();
        case DATASET -> nextElement();
        case VALUE -> value();
        case DONE -> false;
      };
      if (!progressed) {
        return;
      }
    }
  }

  private boolean preamble() {
    if (in.avail() < PREAMBLE + 4) {
      return false;
    }
    if (in.byteAt(128) == 'D' && in.byteAt(129) == 'I' && in.byteAt(130) == 'C' && in.byteAt(131) == 'M') {
      in.consume(PREAMBLE + 4);
      state = State.META;
    } else {
      startWithoutPreamble();
    }
    return true;
  }

  /** No preamble: either the meta group starts at once, or a bare dataset whose encoding is guessed. */
  private void startWithoutPreamble() {
    if (in.avail() >= 4 && in.byteAt(0) == 'D' && in.byteAt(1) == 'I' && in.byteAt(2) == 'C' && in.byteAt(3) == 'M') {
      in.consume(4);
      state = State.META;
      return;
    }
    if (in.avail() >= 2 && in.u16(0, false) == 0x0002) {
      state = State.META;
      return;
    }
    if (in.avail() >= 8 && in.u32(0, false) == 0 && in.u32(4, false) == 0) {
      // eight zero bytes are no data element, but they are how a preamble starts: a file cut short
      // inside it, or whose DICM prefix is damaged, must not be read as a dataset of empty elements
      throw new DicomParseException(in.avail() < PREAMBLE + 4 ? "input ends inside the 128-byte preamble"
          : "no DICM prefix after the 128-byte preamble, and the input does not start with a data element", in.position());
    }
    if (in.avail() >= 6) {
      boolean vrBytes = VR.fromBytes(in.byteAt(4), in.byteAt(5)) != null;
      boolean be = in.u16(0, false) > 0xFF && in.u16(0, true) <= 0xFF && in.u16(0, true) != 0;
      syntax = !vrBytes ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN
          : be ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    } else {
      syntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    applySyntax();
    handler.transferSyntax(syntax);
    state = State.DATASET;
  }

  private boolean meta() {
    if (metaEnd >= 0 && in.position() >= metaEnd) {
      if (in.avail() < 8) {
        // the syntax may be guessed from the first header, and a deflated body tells its wrapper in
        // its first bytes: wait for them, however the input is chunked
        return false;
      }
      beginDataset();
      return true;
    }
    if (in.avail() < 8) {
      return false;
    }
    if (in.u16(0, false) != 0x0002) {
      beginDataset();
      return true;
    }
    // group 2 is always Explicit VR Little Endian; some writers use implicit VR there, so check
    boolean metaExplicit = VR.fromBytes(in.byteAt(4), in.byteAt(5)) != null;
    ElementHeader h = readHeader(metaExplicit, false, 0);
    if (h == null) {
      return false;
    }
    if (h.undefinedLength()) {
      throw new DicomParseException("undefined length in file meta information: " + h, h.offset());
    }
    if (h.length() > 64 * 1024) {
      throw new DicomLimitException("file meta element length", 64 * 1024, h.length(), h.offset());
    }
    if (in.avail() < h.length()) {
      unread(h);
      return false;
    }
    int len = (int) h.length();
    if (h.tag() == Tag.FileMetaInformationGroupLength && len == 4) {
      metaEnd = h.valueOffset() + 4 + in.u32(0, false);
    } else if (h.tag() == Tag.TransferSyntaxUID) {
      metaTransferSyntax = new String(in.array(), in.readIndex(), len, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }
    ValueAction a = handler.element(h);
    if (a == ValueAction.STOP) {
      state = State.DONE;
      handler.end();
      return false;
    }
    if (a == ValueAction.KEEP || a == ValueAction.STREAM) {
      handler.value(h, in.array(), in.readIndex(), len, true);
    }
    in.consume(len);
    return true;
  }

  /** Puts a header back: used when a meta value has not fully arrived yet. */
  private void unread(ElementHeader h) {
    in.unread((int) (h.valueOffset() - h.offset()));
  }

  private void beginDataset() {
    syntax = TransferSyntax.of(metaTransferSyntax != null ? metaTransferSyntax : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    if (metaTransferSyntax == null) {
      // no Transfer Syntax UID in the meta group: guess as for a bare dataset
      if (in.avail() >= 6 && VR.fromBytes(in.byteAt(4), in.byteAt(5)) == null) {
        syntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
      }
    }
    applySyntax();
    handler.transferSyntax(syntax);
    state = State.DATASET;
    if (syntax.deflated()) {
      in.startInflating();
    }
  }

  private void applySyntax() {
    explicit = syntax.explicitVr();
    bigEndian = syntax.bigEndian();
  }

  private ElementHeader readHeader(boolean expl, boolean be, int depth) {
    return ElementHeaderDecoder.read(in, expl, be, depth, signedPixels);
  }

  private boolean nextElement() {
    Frame top = stack.peek();
    if (top != null && top.end >= 0 && in.position() >= top.end) {
      if (in.position() > top.end) {
        throw new DicomParseException("element runs past the end of its " + top.kind.name().toLowerCase()
            + " at offset " + top.end, in.position());
      }
      pop();
      return true;
    }
    if (top == null && !sawDatasetElement) {
      if (in.avail() < 6) {
        return false; // the check below needs the first header, however the input is chunked
      }
      if (explicit && VR.fromBytes(in.byteAt(4), in.byteAt(5)) == null && in.u16(0, bigEndian) != 0xFFFE) {
        // the meta group says explicit VR but the dataset is implicit: a known writer bug that
        // pydicom and dcmtk both tolerate by reading the dataset as Implicit VR Little Endian
        explicit = false;
        bigEndian = false;
      }
      sawDatasetElement = true;
    }
    boolean expl = top == null ? explicit : top.explicit;
    boolean be = top == null ? bigEndian : top.bigEndian;
    ElementHeader h = readHeader(expl, be, stack.size());
    if (h == null) {
      return false;
    }
    if (top != null && top.end >= 0 && !h.undefinedLength() && h.valueOffset() + h.length() > top.end) {
      throw new DicomParseException("length " + h.length() + " of " + Tag.toString(h.tag())
          + " runs past the end of its " + top.kind.name().toLowerCase() + " at offset " + top.end, h.offset());
    }
    Kind in = top == null ? Kind.ITEM : top.kind;
    switch (h.tag()) {
      case Tag.Item -> startItem(h, top, in);
      case Tag.ItemDelimitationItem -> {
        if (in != Kind.ITEM || top == null || top.end >= 0) {
          throw new DicomParseException("item delimiter outside an undefined-length item", h.offset());
        }
        pop();
      }
      case Tag.SequenceDelimitationItem -> {
        if (in == Kind.ITEM || top.end >= 0) {
          if (top == null) {
            // a stray delimiter at the end of some datasets; dcmtk and pydicom pass over it
            return true;
          }
          throw new DicomParseException("sequence delimiter outside an undefined-length sequence", h.offset());
        }
        pop();
      }
      default -> {
        if (in != Kind.ITEM) {
          throw new DicomParseException("expected an item in " + (in == Kind.FRAGMENTS ? "encapsulated pixel data" : "a sequence")
              + ", found " + Tag.toString(h.tag()), h.offset());
        }
        element(h, expl, be);
      }
    }
    return true;
  }

  private void startItem(ElementHeader h, Frame top, Kind in) {
    if (in == Kind.ITEM) {
      throw new DicomParseException("item outside a sequence", h.offset());
    }
    if (in == Kind.FRAGMENTS) {
      if (h.undefinedLength()) {
        throw new DicomParseException("fragment with undefined length", h.offset());
      }
      handler.fragment(h);
      beginValue(new ElementHeader(top.header.tag(), top.header.vr(), h.length(), h.offset(), h.valueOffset(), false, h.depth()),
          top.fragmentAction, true);
      return;
    }
    push(new Frame(Kind.ITEM, h.undefinedLength() ? -1 : h.valueOffset() + h.length(), top.explicit, top.bigEndian, null, h), h);
    handler.startItem(h.offset(), h.length());
  }

  private void element(ElementHeader h, boolean expl, boolean be) {
    if (h.vr() == VR.SQ || (h.vr() == VR.UN && h.undefinedLength())) {
      // PS3.5 §6.2.2: an undefined-length UN holds a sequence encoded as Implicit VR Little Endian
      boolean itemsExplicit = h.vr() == VR.SQ && expl;
      boolean itemsBe = h.vr() == VR.SQ && be;
      push(new Frame(Kind.SEQUENCE, h.undefinedLength() ? -1 : h.valueOffset() + h.length(), itemsExplicit, itemsBe, null, h), h);
      handler.startSequence(h);
      return;
    }
    if (h.undefinedLength()) {
      ValueAction a = handler.startFragments(h);
      if (a == ValueAction.STOP) {
        stop();
        return;
      }
      push(new Frame(Kind.FRAGMENTS, -1, expl, false, a, h), h);
      return;
    }
    ValueAction a = handler.element(h);
    if (a == ValueAction.STOP) {
      stop();
      return;
    }
    beginValue(h, a, false);
  }

  private void beginValue(ElementHeader h, ValueAction a, boolean fragment) {
    if (a == ValueAction.KEEP && h.length() > limits.maxValueBytes()) {
      throw new DicomLimitException("maxValueBytes", limits.maxValueBytes(), h.length(), h.offset());
    }
    current = h;
    currentAction = a;
    remaining = h.length();
    inFragment = fragment;
    state = State.VALUE;
  }

  private boolean value() {
    ElementHeader h = current;
    if (h.tag() == Tag.PixelRepresentation && h.depth() == 0 && !inFragment && remaining == h.length() && remaining >= 2) {
      // it decides "US or SS" for Implicit VR: wait for both bytes, however the input is chunked
      if (in.avail() < 2) {
        return false;
      }
      signedPixels = in.u16(0, h.bigEndian()) == 1;
    }
    int unit = h.bigEndian() ? h.vr().unitSize() : 1;
    switch (currentAction) {
      case SKIP -> {
        int n = (int) Math.min(in.avail(), remaining);
        in.consume(n);
        remaining -= n;
      }
      case KEEP -> {
        if (in.avail() < remaining) {
          return false;
        }
        int n = (int) remaining;
        in.swap(n, unit);
        handler.value(h, in.array(), in.readIndex(), n, true);
        in.consume(n);
        remaining = 0;
      }
      default -> {
        int n = (int) Math.min(in.avail(), remaining);
        if (n < remaining && unit > 1) {
          n -= n % unit;
        }
        if (n == 0 && remaining > 0) {
          return false;
        }
        in.swap(n, unit);
        remaining -= n;
        handler.value(h, in.array(), in.readIndex(), n, remaining == 0);
        in.consume(n);
      }
    }
    if (remaining > 0) {
      return false;
    }
    current = null;
    state = State.DATASET;
    return true;
  }

  private void push(Frame f, ElementHeader h) {
    if (stack.size() >= limits.maxDepth()) {
      throw new DicomLimitException("maxDepth", limits.maxDepth(), stack.size() + 1, h.offset());
    }
    stack.push(f);
  }

  private void pop() {
    Frame f = stack.pop();
    switch (f.kind) {
      case ITEM -> handler.endItem();
      case SEQUENCE -> handler.endSequence();
      case FRAGMENTS -> handler.endFragments();
    }
  }

  private void stop() {
    state = State.DONE;
    handler.end();
  }
}
