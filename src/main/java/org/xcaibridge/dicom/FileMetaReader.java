package org.xcaibridge.dicom;

import java.nio.charset.StandardCharsets;

/**
 * The start of what a {@link DicomStreamParser} reads: the 128-byte preamble and "DICM" prefix
 * (PS3.10 §7.1), the file meta group (group 0002, PS3.10 §7.1), and from them the transfer syntax of
 * the dataset that follows, guessed from its first header when the input is a bare dataset or the
 * meta group names none. It reads only; the parser owns the states and acts on each {@link Step}.
 */
final class FileMetaReader {
  static final int PREAMBLE = 128;
  private static final int MAX_META_VALUE = 64 * 1024;

  /** What one call found; the parser turns it into its next state. */
  enum Step {
    /** Not enough input yet. */
    WAIT,
    /** The prefix is behind or a meta element was read: (more of) the meta group follows. */
    META,
    /** The dataset starts here, in {@link #syntax()}. */
    DATASET,
    /** The handler asked to stop at a meta element. */
    STOP
  }

  private final ParserInput in;
  private final DicomParserHandler handler;
  private String metaTransferSyntax;
  private long metaEnd = -1;
  private TransferSyntax syntax;

  FileMetaReader(ParserInput in, DicomParserHandler handler) {
    this.in = in;
    this.handler = handler;
  }

  /** The dataset's transfer syntax, once {@link Step#DATASET} was returned. */
  TransferSyntax syntax() {
    return syntax;
  }

  /** True once the meta group's declared length has been read. */
  boolean metaEnded() {
    return metaEnd >= 0 && in.position() >= metaEnd;
  }

  Step preamble() {
    if (in.avail() < PREAMBLE + 4) {
      return Step.WAIT;
    }
    if (in.byteAt(128) == 'D' && in.byteAt(129) == 'I' && in.byteAt(130) == 'C' && in.byteAt(131) == 'M') {
      in.consume(PREAMBLE + 4);
      return Step.META;
    }
    return withoutPreamble();
  }

  /** No preamble: either the meta group starts at once, or a bare dataset whose encoding is guessed. */
  Step withoutPreamble() {
    if (in.avail() >= 4 && in.byteAt(0) == 'D' && in.byteAt(1) == 'I' && in.byteAt(2) == 'C' && in.byteAt(3) == 'M') {
      in.consume(4);
      return Step.META;
    }
    if (in.avail() >= 2 && in.u16(0, false) == 0x0002) {
      return Step.META;
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
    return Step.DATASET;
  }

  /** Reads one meta element, or finds where the meta group ends. */
  Step meta() {
    if (metaEnded()) {
      if (in.avail() < 8) {
        // the syntax may be guessed from the first header, and a deflated body tells its wrapper in
        // its first bytes: wait for them, however the input is chunked
        return Step.WAIT;
      }
      return datasetStarts();
    }
    if (in.avail() < 8) {
      return Step.WAIT;
    }
    if (in.u16(0, false) != 0x0002) {
      return datasetStarts();
    }
    // group 2 is always Explicit VR Little Endian; some writers use implicit VR there, so check
    boolean metaExplicit = VR.fromBytes(in.byteAt(4), in.byteAt(5)) != null;
    ElementHeader h = ElementHeaderDecoder.read(in, metaExplicit, false, 0, false);
    if (h == null) {
      return Step.WAIT;
    }
    if (h.undefinedLength()) {
      throw new DicomParseException("undefined length in file meta information: " + h, h.offset());
    }
    if (h.length() > MAX_META_VALUE) {
      throw new DicomLimitException("file meta element length", MAX_META_VALUE, h.length(), h.offset());
    }
    if (in.avail() < h.length()) {
      in.unread((int) (h.valueOffset() - h.offset())); // the value has not fully arrived: read the header again then
      return Step.WAIT;
    }
    int len = (int) h.length();
    if (h.tag() == Tag.FileMetaInformationGroupLength && len == 4) {
      metaEnd = h.valueOffset() + 4 + in.u32(0, false);
    } else if (h.tag() == Tag.TransferSyntaxUID) {
      metaTransferSyntax = new String(in.array(), in.readIndex(), len, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }
    ValueAction a = handler.element(h);
    if (a == ValueAction.STOP) {
      return Step.STOP;
    }
    if (a == ValueAction.KEEP || a == ValueAction.STREAM) {
      handler.value(h, in.array(), in.readIndex(), len, true);
    }
    in.consume(len);
    return Step.META;
  }

  /** The meta group is over: the dataset's syntax is the one it names, or guessed when it names none. */
  Step datasetStarts() {
    syntax = TransferSyntax.of(metaTransferSyntax != null ? metaTransferSyntax : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    if (metaTransferSyntax == null) {
      // no Transfer Syntax UID in the meta group: guess as for a bare dataset
      if (in.avail() >= 6 && VR.fromBytes(in.byteAt(4), in.byteAt(5)) == null) {
        syntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
      }
    }
    return Step.DATASET;
  }
}
