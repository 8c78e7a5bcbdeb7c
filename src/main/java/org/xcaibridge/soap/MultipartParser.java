package org.xcaibridge.soap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A push parser for {@code multipart/related} bodies (RFC 2046 §5.1, RFC 2387) as used by MTOM/XOP: feed it
 * chunks of any size as they arrive and it reports parts to a {@link MultipartHandler}, passing content on as
 * slices of the fed chunks. It never holds a part: only the part header being read (bounded by
 * {@link MtomLimits#maxPartHeaderBytes()}) and a carry-over tail shorter than the delimiter plus one byte, for a
 * delimiter that may continue in the next chunk.
 *
 * <p>Framing rules (RFC 2046 §5.1.1): a delimiter is {@code CRLF "--" boundary}; its CRLF belongs to it, not to
 * the content before it; the first delimiter may open the body without a CRLF; after the boundary come
 * optional transport padding (spaces, tabs) and CRLF, or {@code "--"} for the closing delimiter. Preamble and
 * epilogue are skipped. Line ends of bare LF are accepted wherever CRLF is expected, since captures and some
 * stacks use them. A line that starts with the delimiter but continues otherwise is refused: the boundary
 * must not prefix any content line, and guessing would let two readers split the body differently.
 *
 * <p>Any failure is thrown from {@link #feed} or {@link #finish} as a {@link MultipartException} (a limit,
 * a truncation, an encoding) naming the body offset; the parser is then unusable.
 */
public final class MultipartParser {
  private enum State { PREAMBLE, DELIMITER_SUFFIX, HEADERS, BODY, EPILOGUE, FAILED }

  /** Eight bytes of an array at once, the first in the lowest byte (the order the LF scan needs). */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  /** Short Horspool steps in a row the content scan takes before it goes on to the next LF instead. */
  private static final int MAX_SHORT_SHIFTS = 2;

  private final MultipartHandler handler;
  private final MtomLimits limits;
  private final byte[] delimiter; // "\n--" + boundary; a CR before it is taken along when present
  /** Horspool's shifts for the content scan: by the byte under the delimiter's last position, how far it may move. */
  private final int[] shifts = new int[256];

  private State state = State.PREAMBLE;
  private long consumed; // bytes fed so far
  private long base; // body offset of index 0 of the array being processed

  private final byte[] tail;
  private int tailLen;
  private long tailOffset;

  private int suffixStep; // inside DELIMITER_SUFFIX: 0 start, 1 one '-', 2 padding, 3 CR seen
  private int paddingBytes;

  private byte[] header = new byte[256];
  private int headerLen;
  private int lineStart;
  private long headerOffset;

  private int parts;
  private MultipartPart part;
  private long partBytes;
  private long preambleBytes;
  private long sliceOffset;

  /**
   * @param boundary the boundary parameter of the body's Content-Type (see {@link MultipartContentType#boundary()})
   */
  public MultipartParser(String boundary, MultipartHandler handler, MtomLimits limits) {
    if (boundary == null || boundary.isEmpty() || boundary.length() > MultipartContentType.MAX_BOUNDARY_LENGTH) {
      throw new IllegalArgumentException("boundary must have 1 to " + MultipartContentType.MAX_BOUNDARY_LENGTH
          + " characters");
    }
    this.handler = handler;
    this.limits = limits;
    this.delimiter = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Arrays.fill(shifts, delimiter.length);
    for (int k = 0; k < delimiter.length - 1; k++) {
      shifts[delimiter[k] & 0xff] = delimiter.length - 1 - k;
    }
    this.tail = new byte[delimiter.length + 1];
    // the body's start counts as a line start: a virtual LF lets the first delimiter omit its CRLF
    tail[0] = '\n';
    tailLen = 1;
    tailOffset = -1;
  }

  /** Body offset of the next byte to be fed. */
  public long position() {
    return consumed;
  }

  /** Body offset of the first byte of the slice being passed to {@link MultipartHandler#partBody}. */
  long sliceOffset() {
    return sliceOffset;
  }

  public void feed(byte[] chunk) {
    feed(chunk, 0, chunk.length);
  }

  /** Consumes the buffer's remaining bytes (its position moves to its limit). */
  public void feed(ByteBuffer chunk) {
    int len = chunk.remaining();
    if (chunk.hasArray()) {
      feed(chunk.array(), chunk.arrayOffset() + chunk.position(), len);
    } else {
      byte[] copy = new byte[len];
      chunk.duplicate().get(copy);
      feed(copy, 0, len);
    }
    chunk.position(chunk.limit());
  }

  public void feed(byte[] chunk, int off, int len) {
    if (state == State.FAILED) {
      throw new IllegalStateException("the parser failed earlier; use a new one");
    }
    if (len == 0) {
      return;
    }
    try {
      int at = off;
      int end = off + len;
      // a carried-over tail is resolved in a small window (the tail and the few bytes that complete or refute a
      // delimiter), so the rest of the chunk is still read, and passed on as slices, in place rather than copied
      while (tailLen > 0 && at < end) {
        int take = Math.min(end - at, tail.length);
        byte[] w = Arrays.copyOf(tail, tailLen + take);
        System.arraycopy(chunk, at, w, tailLen, take);
        base = tailOffset;
        tailLen = 0;
        consumed += take;
        at += take;
        process(w, 0, w.length);
      }
      if (at < end) {
        base = consumed - at;
        consumed += end - at;
        process(chunk, at, end);
      }
    } catch (RuntimeException e) {
      state = State.FAILED;
      throw e;
    }
  }

  /** Marks the end of the body; throws if it ended before the closing delimiter. */
  public void finish() {
    State at = state;
    if (at == State.EPILOGUE) {
      return;
    }
    state = State.FAILED;
    if (at == State.FAILED) {
      throw new IllegalStateException("the parser failed earlier; use a new one");
    }
    if (at == State.PREAMBLE) {
      throw new MultipartException("body has no delimiter line for its boundary", consumed);
    }
    throw truncation(at);
  }

  /** Gives up on a body whose source failed: the error names the part cut short. The parser is then unusable. */
  MultipartException cutShort() {
    State at = state;
    state = State.FAILED;
    return at == State.FAILED || at == State.EPILOGUE ? new MultipartException("body source failed", consumed)
        : at == State.PREAMBLE ? new MultipartException("body source failed before the first delimiter", consumed)
        : truncation(at);
  }

  private MultipartTruncatedException truncation(State at) {
    if (at == State.BODY) {
      return new MultipartTruncatedException(part.index(), part.contentId(), partBytes, consumed);
    }
    return new MultipartTruncatedException(parts - (at == State.HEADERS ? 1 : 0), null, 0, consumed);
  }

  private void process(byte[] w, int i, int n) {
    while (i < n) {
      switch (state) {
        case PREAMBLE, BODY -> {
          int next = scanContent(w, i, n);
          if (next < 0) {
            return;
          }
          if (state == State.BODY) {
            handler.partEnd();
          }
          state = State.DELIMITER_SUFFIX;
          suffixStep = 0;
          paddingBytes = 0;
          i = next;
        }
        case DELIMITER_SUFFIX -> i = delimiterSuffix(w, i, n);
        case HEADERS -> i = headers(w, i, n);
        default -> {
          return; // epilogue: ignored
        }
      }
    }
  }

  /**
   * Passes content on up to the next delimiter; returns the index just after the delimiter's boundary, or -1
   * when the array ends first (the bytes that may start a delimiter are then kept as the tail). Whole delimiters are
   * sought with Horspool's algorithm, which on binary content reads about one byte per delimiter length rather than
   * every byte. Where the shift is shorter than a word (content made of the delimiter's own bytes, which would make it
   * step byte by byte) it goes on to the next LF with the word-wise scan instead; content made to keep every shift
   * just over that still costs about twice the word-wise scan (bench/multipart-scan.sh: hostile body).
   */
  private int scanContent(byte[] w, int from, int n) {
    int last = delimiter.length - 1;
    int full = delimiter.length;
    byte lastByte = delimiter[last];
    int shortShifts = 0;
    for (int i = from; i < n - last; ) {
      byte b = w[i + last];
      int shift = shifts[b & 0xff];
      if (shift == full && b != lastByte) { // a byte the delimiter lacks (most binary content): a fixed step, which
        // the CPU can take before the byte is loaded, where i += shift would wait for the load
        i += full;
        shortShifts = 0;
        continue;
      }
      if (b == lastByte && w[i] == '\n' && Arrays.equals(w, i, i + last, delimiter, 0, last)) {
        content(w, from, i > from && w[i - 1] == '\r' ? i - 1 : i);
        return i + delimiter.length;
      }
      if (shift >= Long.BYTES) {
        i += shift;
        shortShifts = 0;
      } else if (++shortShifts <= MAX_SHORT_SHIFTS) { // one of the delimiter's last bytes by chance: the next probe
        i += shift; // most likely steps far again, where the LF scan below would read every byte to the next LF
      } else { // content made of the delimiter's own bytes: as every delimiter starts with an LF, go to the next one
        i = indexOfLf(w, i + shift, n - last);
        shortShifts = 0;
        if (i < 0) {
          break;
        }
      }
    }
    // no whole delimiter starts in w[from, n); one may start in its last bytes and go on in the next chunk
    for (int lf = indexOfLf(w, Math.max(from, n - last), n); lf >= 0; lf = indexOfLf(w, lf + 1, n)) {
      if (Arrays.equals(w, lf, n, delimiter, 0, n - lf)) {
        int end = lf > from && w[lf - 1] == '\r' ? lf - 1 : lf;
        content(w, from, end);
        keepTail(w, end, n);
        return -1;
      }
    }
    int keep = w[n - 1] == '\r' ? n - 1 : n; // a CR may begin "\r\n--"
    content(w, from, keep);
    keepTail(w, keep, n);
    return -1;
  }

  private void content(byte[] w, int from, int to) {
    int len = to - from;
    if (len <= 0) {
      return;
    }
    if (state == State.PREAMBLE) {
      preambleBytes += len;
      if (preambleBytes > limits.maxPartHeaderBytes()) {
        throw new MtomLimitException("maxPartHeaderBytes", limits.maxPartHeaderBytes(), preambleBytes, base + from);
      }
      return;
    }
    partBytes += len;
    if (partBytes > limits.maxPartBytes()) {
      throw new MtomLimitException("maxPartBytes", limits.maxPartBytes(), partBytes, base + from);
    }
    sliceOffset = base + from;
    handler.partBody(ByteBuffer.wrap(w, from, len).slice().asReadOnlyBuffer());
  }

  private void keepTail(byte[] w, int from, int n) {
    tailLen = n - from;
    System.arraycopy(w, from, tail, 0, tailLen);
    tailOffset = base + from;
  }

  /** Reads what follows a boundary: "--" (closing), or transport padding and a line end (next part). */
  private int delimiterSuffix(byte[] w, int i, int n) {
    while (i < n) {
      byte b = w[i];
      long at = base + i;
      i++;
      if (suffixStep == 1) {
        if (b != '-') {
          throw new MultipartException("delimiter is followed by '-' and " + describe(b), at);
        }
        state = State.EPILOGUE;
        handler.end();
        return n;
      }
      if (suffixStep == 3) {
        if (b != '\n') {
          throw new MultipartException("CR after a delimiter is followed by " + describe(b), at);
        }
        startHeaders(base + i);
        return i;
      }
      if (b == '-' && suffixStep == 0) {
        suffixStep = 1;
      } else if (b == ' ' || b == '\t') {
        suffixStep = 2;
        if (++paddingBytes > limits.maxPartHeaderBytes()) {
          throw new MtomLimitException("maxPartHeaderBytes", limits.maxPartHeaderBytes(), paddingBytes, at);
        }
      } else if (b == '\r') {
        suffixStep = 3;
      } else if (b == '\n') {
        startHeaders(base + i);
        return i;
      } else {
        throw new MultipartException("a line starts with the delimiter but continues with " + describe(b), at);
      }
    }
    return i;
  }

  private void startHeaders(long offset) {
    parts++;
    if (parts > limits.maxParts()) {
      throw new MtomLimitException("maxParts", limits.maxParts(), parts, offset);
    }
    state = State.HEADERS;
    headerLen = 0;
    lineStart = 0;
    headerOffset = offset;
  }

  private int headers(byte[] w, int i, int n) {
    while (i < n) {
      int lf = indexOfLf(w, i, n);
      int end = lf < 0 ? n : lf + 1;
      appendHeader(w, i, end);
      i = end;
      if (lf < 0) {
        return i;
      }
      int lineLen = headerLen - lineStart;
      if (lineLen == 1 || (lineLen == 2 && header[lineStart] == '\r')) {
        startPart(MultipartHeaderBlock.read(header, lineStart, parts - 1, headerOffset));
        return i;
      }
      lineStart = headerLen;
    }
    return i;
  }

  private void appendHeader(byte[] w, int from, int to) {
    int len = to - from;
    if ((long) headerLen + len > limits.maxPartHeaderBytes()) {
      throw new MtomLimitException("maxPartHeaderBytes", limits.maxPartHeaderBytes(), (long) headerLen + len,
          headerOffset);
    }
    if (headerLen + len > header.length) {
      header = Arrays.copyOf(header, Math.min(Math.max(header.length * 2, headerLen + len),
          limits.maxPartHeaderBytes()));
    }
    System.arraycopy(w, from, header, headerLen, len);
    headerLen += len;
  }

  private void startPart(MultipartPart p) {
    part = p;
    partBytes = 0;
    state = State.BODY;
    handler.partStart(p);
  }

  /**
   * The first LF in {@code w[from, to)}, or -1. Header bytes and content the delimiter search cannot skip pass here,
   * so it tests eight at a time: in {@code x = word ^ LF_BYTES} an LF is a zero byte, and
   * {@code (x - LOW_BITS) & ~x & HIGH_BITS} sets the high bit of the lowest zero byte (bytes above it may be flagged
   * falsely by the borrow, never one below it).
   */
  static int indexOfLf(byte[] w, int from, int to) {
    int k = from;
    for (; k <= to - Long.BYTES; k += Long.BYTES) {
      long x = (long) LONGS.get(w, k) ^ LF_BYTES;
      long found = (x - LOW_BITS) & ~x & HIGH_BITS;
      if (found != 0) {
        return k + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; k < to; k++) {
      if (w[k] == '\n') {
        return k;
      }
    }
    return -1;
  }

  private static String describe(byte b) {
    return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
  }
}
