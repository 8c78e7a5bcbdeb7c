package org.xcaibridge.dicom;

import java.nio.ByteBuffer;
import org.xcaibridge.dicom.Containers.Frame;
import org.xcaibridge.dicom.Containers.Kind;

/**
 * A push parser for DICOM Part 10 files and bare datasets (PS3.10 §7, PS3.5 §7): feed it chunks as they
 * arrive, in any sizes, and it reports the structure to a {@link DicomParserHandler}. It keeps only the
 * unconsumed tail of the input plus any value the handler asked to keep, follows nesting with an explicit
 * stack (no recursion, bounded by {@link ReadLimits#maxDepth()}), and never allocates more than the
 * bytes actually received, whatever lengths the input declares.
 *
 * <p>This class is the state machine and the dataset phase; {@link FileMetaReader} reads the preamble
 * and meta group, {@link Containers} keeps the open sequences, items and fragments, {@link ParserInput}
 * the unconsumed bytes.
 */
public final class DicomStreamParser {
  private enum State { PREAMBLE, META, DATASET, VALUE, DONE }

  /** Bytes put into the window at a time between elements: a few headers' worth, and a small copy. */
  private static final int HEADER_STEP = 4 << 10;

  private final DicomParserHandler handler;
  private final ReadLimits limits;
  private final ParserInput in = new ParserInput();
  private final byte[] directStep = new byte[HEADER_STEP]; // see feed(ByteBuffer)
  private final FileMetaReader meta;
  private final Containers containers;
  private State state = State.PREAMBLE;

  private boolean explicit = true;
  private boolean bigEndian;
  private TransferSyntax syntax;
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
    this.meta = new FileMetaReader(in, handler);
    this.containers = new Containers(handler, limits.maxDepth());
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

  /**
   * Consumes the buffer's remaining bytes. Direct memory (a network read) is fed through a small array in steps of
   * {@link #HEADER_STEP}, as if it came in chunks of that size, and bytes of a value being passed over are counted
   * without being copied at all: a download whose pixel data is skipped costs a copy of its headers only.
   */
  public void feed(ByteBuffer chunk) {
    if (chunk.hasArray()) {
      feed(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
      chunk.position(chunk.limit());
      return;
    }
    while (chunk.hasRemaining() && state != State.DONE) {
      chunk.position(chunk.position() + passOver(chunk.remaining())); // none while inflating (see pendingSkip)
      // an inflater keeps the array it was given until it has inflated it: a fresh one where one may begin
      int n = in.inflating() ? chunk.remaining() : Math.min(chunk.remaining(), HEADER_STEP);
      byte[] step = in.inflating() ? new byte[n] : directStep;
      chunk.get(step, 0, n);
      feed(step, 0, n);
    }
    chunk.position(chunk.limit());
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
      appendAndProcess(bytes, off, len);
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
      step(meta.withoutPreamble());
      process();
    }
    if (state == State.META && meta.metaEnded() && in.avail() > 0) {
      // meta() waits for 8 bytes of dataset before starting it; a shorter rest is all there is
      step(meta.datasetStarts());
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
    containers.closeAllAt(in.position());
    if (!in.inflatedAll()) {
      throw new DicomParseException("deflated data ends before its final block", in.position());
    }
    if (state == State.META) {
      step(meta.datasetStarts());
    }
    state = State.DONE;
    handler.end();
  }

  /**
   * Parses {@code bytes[off, off + len)}, copying into the input window only what is not passed over: bytes of a value
   * being skipped that nothing buffered precedes are counted, not copied ({@link #passOver}). Between the elements
   * of a dataset the bytes go into the window a small step at a time, so that a chunk that starts with the end of a
   * header is not copied whole before its value turns out to be one to skip. (The meta group goes in whole: a
   * deflated dataset begins inside it, and the bytes after that go to the inflater.)
   */
  private void appendAndProcess(byte[] bytes, int off, int len) {
    int end = off + len;
    int at = off + passOver(len);
    while (at < end && state != State.DONE) {
      int n = state == State.DATASET ? Math.min(end - at, HEADER_STEP) : end - at;
      in.append(bytes, at, n, keepHint());
      at += n;
      process();
      at += passOver(end - at);
    }
  }

  /**
   * Counts the first of {@code len} new bytes as read without copying them into the input window, where they belong
   * to a value being skipped and nothing is buffered before them: what a driver that seeks past such a value does
   * ({@link #skipped}), here for bytes that were fed. Pixel data passed over, most of an instance, then costs no pass
   * over its bytes. Returns how many it took. (PixelRepresentation is read even when skipped: see {@link #value()}.)
   */
  private int passOver(int len) {
    long pending = pendingSkip();
    if (pending == 0 || in.avail() > 0 || current.tag() == Tag.PixelRepresentation) {
      return 0;
    }
    int n = (int) Math.min(len, pending);
    skipped(n);
    return n;
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
        case PREAMBLE -> step(meta.preamble());
        case META -> step(meta.meta());
        case DATASET -> nextElement();
        case VALUE -> value();
        case DONE -> false;
      };
      if (!progressed) {
        return;
      }
    }
  }

  /** Acts on what the preamble / meta group reader found; true when it moved on. */
  private boolean step(FileMetaReader.Step step) {
    switch (step) {
      case META -> state = State.META;
      case DATASET -> beginDataset(meta.syntax());
      case STOP -> stop();
      default -> { }
    }
    return step == FileMetaReader.Step.META || step == FileMetaReader.Step.DATASET;
  }

  private void beginDataset(TransferSyntax ts) {
    syntax = ts;
    explicit = ts.explicitVr();
    bigEndian = ts.bigEndian();
    handler.transferSyntax(ts);
    state = State.DATASET;
    if (ts.deflated()) {
      in.startInflating(); // a guessed syntax is never deflated: only a meta group names one
    }
  }

  private boolean nextElement() {
    Frame top = containers.top();
    if (top != null && top.end >= 0 && in.position() >= top.end) {
      if (in.position() > top.end) {
        throw new DicomParseException("element runs past the end of its " + top.kind.noun()
            + " at offset " + top.end, in.position());
      }
      containers.close();
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
    ElementHeader h = ElementHeaderDecoder.read(in, expl, be, containers.depth(), signedPixels);
    if (h == null) {
      return false;
    }
    if (top != null && top.end >= 0 && !h.undefinedLength() && h.valueOffset() + h.length() > top.end) {
      throw new DicomParseException("length " + h.length() + " of " + Tag.toString(h.tag())
          + " runs past the end of its " + top.kind.noun() + " at offset " + top.end, h.offset());
    }
    Kind in = top == null ? Kind.ITEM : top.kind;
    switch (h.tag()) {
      case Tag.Item -> startItem(h, top, in);
      case Tag.ItemDelimitationItem, Tag.SequenceDelimitationItem -> containers.delimiter(h);
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
    containers.open(Kind.ITEM, h, top.explicit, top.bigEndian, null);
    handler.startItem(h.offset(), h.length());
  }

  private void element(ElementHeader h, boolean expl, boolean be) {
    if (h.vr() == VR.SQ || (h.vr() == VR.UN && h.undefinedLength())) {
      // PS3.5 §6.2.2: an undefined-length UN holds a sequence encoded as Implicit VR Little Endian
      boolean itemsExplicit = h.vr() == VR.SQ && expl;
      boolean itemsBe = h.vr() == VR.SQ && be;
      containers.open(Kind.SEQUENCE, h, itemsExplicit, itemsBe, null);
      handler.startSequence(h);
      return;
    }
    if (h.undefinedLength()) {
      ValueAction a = handler.startFragments(h);
      if (a == ValueAction.STOP) {
        stop();
        return;
      }
      containers.open(Kind.FRAGMENTS, h, expl, false, a);
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

  private void stop() {
    state = State.DONE;
    handler.end();
  }
}
