package org.xcaibridge.dicom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A push parser for DICOM Part 10 files and bare datasets (PS3.10 §7, PS3.5 §7): feed it chunks as they
 * arrive, in any sizes, and it reports the structure to a {@link DicomParserHandler}. It keeps only the
 * unconsumed tail of the input plus any value the handler asked to keep, follows nesting with an explicit
 * stack (no recursion, bounded by {@link ReadLimits#maxDepth()}), and never allocates more than the
 * bytes actually received, whatever lengths the input declares.
 */
public final class DicomStreamParser {
  private static final int PREAMBLE = 128;
  private static final int INFLATE_STEP = 64 * 1024;

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

  private byte[] buf = new byte[16 * 1024];
  private int rp;
  private int wp;
  private long pos; // stream offset of buf[rp]
  private State state = State.PREAMBLE;

  private boolean explicit = true;
  private boolean bigEndian;
  private TransferSyntax syntax;
  private String metaTransferSyntax;
  private long metaEnd = -1;
  private boolean signedPixels;
  private boolean sawDatasetElement;
  private Inflater inflater;

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
    return pos;
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
    if (state != State.VALUE || currentAction != ValueAction.SKIP || inflater != null) {
      return 0;
    }
    return Math.max(0, remaining - (wp - rp));
  }

  /** Tells the parser that {@code n ≤ pendingSkip()} bytes were skipped by the driver. */
  public void skipped(long n) {
    if (n < 0 || n > pendingSkip()) {
      throw new IllegalArgumentException("cannot skip " + n + " bytes, pending " + pendingSkip());
    }
    long inBuffer = wp - rp;
    rp = wp;
    pos += inBuffer + n;
    remaining -= inBuffer + n;
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
    if (inflater != null) {
      inflater.setInput(bytes, off, len);
    } else {
      append(bytes, off, len);
      process();
    }
    if (inflater != null) {
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
    if (state == State.META && metaEnd >= 0 && pos >= metaEnd && wp > rp) {
      // meta() waits for 8 bytes of dataset before starting it; a shorter rest is all there is
      beginDataset();
      if (inflater != null) {
        inflateAndProcess();
      } else {
        process();
      }
    }
    if (state == State.DONE) {
      return;
    }
    if (state == State.VALUE || wp > rp) {
      throw new DicomParseException("input ends inside "
          + (current != null ? "element " + current : "an element header"), pos);
    }
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.end < 0) {
        // a missing delimiter is what a cut-off stream looks like: dcmtk and pydicom reject it too
        throw new DicomParseException("input ends inside an undefined-length " + f.kind.name().toLowerCase()
            + " that started at offset " + f.header.offset() + " and has no delimiter", pos);
      }
      if (f.end != pos) {
        throw new DicomParseException("input ends inside a " + f.kind.name().toLowerCase()
            + " that should end at offset " + f.end, pos);
      }
      pop();
    }
    if (inflater != null && !inflater.finished()) {
      throw new DicomParseException("deflated data ends before its final block", pos);
    }
    if (state == State.META) {
      beginDataset();
    }
    state = State.DONE;
    handler.end();
  }

  // ---- input buffering --------------------------------------------------------------------------

  private void append(byte[] bytes, int off, int len) {
    ensureRoom(len);
    System.arraycopy(bytes, off, buf, wp, len);
    wp += len;
  }

  private void ensureRoom(int len) {
    if (buf.length - wp >= len) {
      return;
    }
    int used = wp - rp;
    if (rp > 0) {
      System.arraycopy(buf, rp, buf, 0, used);
      wp = used;
      rp = 0;
      if (buf.length - wp >= len) {
        return;
      }
    }
    long need = (long) used + len;
    // grow at most to twice what has arrived, and never beyond what the value being kept still needs
    long hint = state == State.VALUE && currentAction == ValueAction.KEEP ? Math.max(0, remaining - need) : 0;
    long cap = Math.max(need, Math.min((long) buf.length * 2, need + Math.min(hint, need)));
    if (cap > Integer.MAX_VALUE - 16) {
      throw new DicomLimitException("buffered input", Integer.MAX_VALUE - 16, cap, pos);
    }
    byte[] n = new byte[(int) cap];
    System.arraycopy(buf, rp, n, 0, used);
    buf = n;
  }

  /**
   * Inflates in steps of {@link #INFLATE_STEP} and parses after each, so that memory follows what the
   * parser keeps rather than the compression ratio (a few KiB can inflate to many MiB). Returns once the
   * inflater has taken all its input, so the caller's array is not referenced after {@link #feed}.
   */
  private void inflateAndProcess() {
    try {
      while (state != State.DONE && !inflater.needsInput() && !inflater.finished()) {
        ensureRoom(INFLATE_STEP);
        int n = inflater.inflate(buf, wp, INFLATE_STEP);
        wp += n;
        if (n == 0 && inflater.needsDictionary()) {
          throw new DicomParseException("deflated dataset needs a preset dictionary", pos);
        }
        process();
      }
    } catch (DataFormatException e) {
      throw new DicomParseException("corrupt deflated data: " + e.getMessage(), pos, e);
    }
  }

  private int avail() {
    return wp - rp;
  }

  private void consume(int n) {
    rp += n;
    pos += n;
  }

  private int u16(int at, boolean be) {
    int a = buf[at] & 0xFF;
    int b = buf[at + 1] & 0xFF;
    return be ? (a << 8) | b : (b << 8) | a;
  }

  private long u32(int at, boolean be) {
    return be ? ((long) u16(at, true) << 16) | u16(at + 2, true) : ((long) u16(at + 2, false) << 16) | u16(at, false);
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
    if (avail() < PREAMBLE + 4) {
      return false;
    }
    if (buf[rp + 128] == 'D' && buf[rp + 129] == 'I' && buf[rp + 130] == 'C' && buf[rp + 131] == 'M') {
      consume(PREAMBLE + 4);
      state = State.META;
    } else {
      startWithoutPreamble();
    }
    return true;
  }

  /** No preamble: either the meta group starts at once, or a bare dataset whose encoding is guessed. */
  private void startWithoutPreamble() {
    if (avail() >= 4 && buf[rp] == 'D' && buf[rp + 1] == 'I' && buf[rp + 2] == 'C' && buf[rp + 3] == 'M') {
      consume(4);
      state = State.META;
      return;
    }
    if (avail() >= 2 && u16(rp, false) == 0x0002) {
      state = State.META;
      return;
    }
    if (avail() >= 8 && u32(rp, false) == 0 && u32(rp + 4, false) == 0) {
      // eight zero bytes are no data element, but they are how a preamble starts: a file cut short
      // inside it, or whose DICM prefix is damaged, must not be read as a dataset of empty elements
      throw new DicomParseException(avail() < PREAMBLE + 4 ? "input ends inside the 128-byte preamble"
          : "no DICM prefix after the 128-byte preamble, and the input does not start with a data element", pos);
    }
    if (avail() >= 6) {
      boolean vrBytes = VR.fromBytes(buf[rp + 4], buf[rp + 5]) != null;
      boolean be = u16(rp, false) > 0xFF && u16(rp, true) <= 0xFF && u16(rp, true) != 0;
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
    if (metaEnd >= 0 && pos >= metaEnd) {
      if (avail() < 8) {
        // the syntax may be guessed from the first header, and a deflated body tells its wrapper in
        // its first bytes: wait for them, however the input is chunked
        return false;
      }
      beginDataset();
      return true;
    }
    if (avail() < 8) {
      return false;
    }
    if (u16(rp, false) != 0x0002) {
      beginDataset();
      return true;
    }
    // group 2 is always Explicit VR Little Endian; some writers use implicit VR there, so check
    boolean metaExplicit = VR.fromBytes(buf[rp + 4], buf[rp + 5]) != null;
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
    if (avail() < h.length()) {
      unread(h);
      return false;
    }
    int len = (int) h.length();
    if (h.tag() == Tag.FileMetaInformationGroupLength && len == 4) {
      metaEnd = h.valueOffset() + 4 + u32(rp, false);
    } else if (h.tag() == Tag.TransferSyntaxUID) {
      metaTransferSyntax = new String(buf, rp, len, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }
    ValueAction a = handler.element(h);
    if (a == ValueAction.STOP) {
      state = State.DONE;
      handler.end();
      return false;
    }
    if (a == ValueAction.KEEP || a == ValueAction.STREAM) {
      handler.value(h, buf, rp, len, true);
    }
    consume(len);
    return true;
  }

  /** Puts a header back: used when a meta value has not fully arrived yet. */
  private void unread(ElementHeader h) {
    int back = (int) (h.valueOffset() - h.offset());
    rp -= back;
    pos -= back;
  }

  private void beginDataset() {
    syntax = TransferSyntax.of(metaTransferSyntax != null ? metaTransferSyntax : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    if (metaTransferSyntax == null) {
      // no Transfer Syntax UID in the meta group: guess as for a bare dataset
      if (avail() >= 6 && VR.fromBytes(buf[rp + 4], buf[rp + 5]) == null) {
        syntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
      }
    }
    applySyntax();
    handler.transferSyntax(syntax);
    state = State.DATASET;
    if (syntax.deflated()) {
      startInflating();
    }
  }

  private void applySyntax() {
    explicit = syntax.explicitVr();
    bigEndian = syntax.bigEndian();
  }

  /** Bytes already buffered after the meta group are deflated data: run them through the inflater. */
  private void startInflating() {
    byte[] rest = new byte[avail()];
    System.arraycopy(buf, rp, rest, 0, rest.length);
    wp = rp;
    boolean zlibWrapped = rest.length >= 2 && (rest[0] & 0x0F) == 8 && (((rest[0] & 0xFF) << 8) | (rest[1] & 0xFF)) % 31 == 0;
    inflater = new Inflater(!zlibWrapped); // PS3.5 §A.5 says raw deflate; a few writers add the zlib wrapper
    inflater.setInput(rest);
  }

  /**
   * Reads an element header at rp if enough bytes are present, consuming it. Item and delimitation
   * tags have no VR in any syntax.
   */
  private ElementHeader readHeader(boolean expl, boolean be, int depth) {
    if (avail() < 8) {
      return null;
    }
    long offset = pos;
    int tag = (u16(rp, be) << 16) | u16(rp + 2, be);
    if (tag == Tag.Item || tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
      long len = u32(rp + 4, be);
      consume(8);
      return new ElementHeader(tag, null, len == 0xFFFFFFFFL ? ElementHeader.UNDEFINED_LENGTH : len, offset, pos, be, depth);
    }
    VR vr;
    long len;
    if (expl) {
      vr = VR.fromBytes(buf[rp + 4], buf[rp + 5]);
      if (vr == null) {
        throw new DicomParseException("unknown VR bytes 0x" + Integer.toHexString(u16(rp + 4, true))
            + " in element " + Tag.toString(tag), offset);
      }
      if (vr.longHeader()) {
        if (avail() < 12) {
          return null;
        }
        len = u32(rp + 8, be);
        consume(12);
      } else {
        len = u16(rp + 6, be);
        consume(8);
      }
    } else {
      len = u32(rp + 4, be);
      // Pixel Data of undefined length is encapsulated, and encapsulated Pixel Data is OB (PS3.5 §A.4)
      vr = tag == Tag.PixelData ? (len == 0xFFFFFFFFL ? VR.OB : VR.OW) : ElementDictionary.standard().implicitVr(tag, signedPixels);
      consume(8);
    }
    return new ElementHeader(tag, vr, len == 0xFFFFFFFFL ? ElementHeader.UNDEFINED_LENGTH : len, offset, pos, be, depth);
  }

  private boolean nextElement() {
    Frame top = stack.peek();
    if (top != null && top.end >= 0 && pos >= top.end) {
      if (pos > top.end) {
        throw new DicomParseException("element runs past the end of its " + top.kind.name().toLowerCase()
            + " at offset " + top.end, pos);
      }
      pop();
      return true;
    }
    if (top == null && !sawDatasetElement) {
      if (avail() < 6) {
        return false; // the check below needs the first header, however the input is chunked
      }
      if (explicit && VR.fromBytes(buf[rp + 4], buf[rp + 5]) == null && u16(rp, bigEndian) != 0xFFFE) {
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
      if (avail() < 2) {
        return false;
      }
      signedPixels = u16(rp, h.bigEndian()) == 1;
    }
    int unit = h.bigEndian() ? h.vr().unitSize() : 1;
    switch (currentAction) {
      case SKIP -> {
        int n = (int) Math.min(avail(), remaining);
        consume(n);
        remaining -= n;
      }
      case KEEP -> {
        if (avail() < remaining) {
          return false;
        }
        int n = (int) remaining;
        swap(rp, n, unit);
        handler.value(h, buf, rp, n, true);
        consume(n);
        remaining = 0;
      }
      default -> {
        int n = (int) Math.min(avail(), remaining);
        if (n < remaining && unit > 1) {
          n -= n % unit;
        }
        if (n == 0 && remaining > 0) {
          return false;
        }
        swap(rp, n, unit);
        remaining -= n;
        handler.value(h, buf, rp, n, remaining == 0);
        consume(n);
      }
    }
    if (remaining > 0) {
      return false;
    }
    current = null;
    state = State.DATASET;
    return true;
  }

  private void swap(int from, int n, int unit) {
    if (unit <= 1) {
      return;
    }
    for (int i = from, end = from + n - n % unit; i < end; i += unit) {
      for (int a = i, b = i + unit - 1; a < b; a++, b--) {
        byte t = buf[a];
        buf[a] = buf[b];
        buf[b] = t;
      }
    }
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
