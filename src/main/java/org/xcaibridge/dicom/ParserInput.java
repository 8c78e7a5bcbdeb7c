package org.xcaibridge.dicom;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The unconsumed input of a {@link DicomStreamParser}: a window over the bytes received but not yet
 * parsed, with their stream offset, and the inflater of a deflated dataset (PS3.5 §A.5). Indexes given
 * to its readers are relative to the first unconsumed byte. It grows only with bytes that have
 * arrived (at most twice what it holds), never with lengths the input merely declares.
 */
final class ParserInput {
  static final int INFLATE_STEP = 64 * 1024;

  private byte[] buf = new byte[16 * 1024];
  private int rp;
  private int wp;
  private long pos; // stream offset of buf[rp]
  private Inflater inflater;

  long position() {
    return pos;
  }

  int avail() {
    return wp - rp;
  }

  byte[] array() {
    return buf;
  }

  /** Index in {@link #array()} of the first unconsumed byte. */
  int readIndex() {
    return rp;
  }

  int byteAt(int rel) {
    return buf[rp + rel];
  }

  int u16(int rel, boolean be) {
    int a = buf[rp + rel] & 0xFF;
    int b = buf[rp + rel + 1] & 0xFF;
    return be ? (a << 8) | b : (b << 8) | a;
  }

  long u32(int rel, boolean be) {
    return be ? ((long) u16(rel, true) << 16) | u16(rel + 2, true) : ((long) u16(rel + 2, false) << 16) | u16(rel, false);
  }

  void consume(int n) {
    rp += n;
    pos += n;
  }

  /** Puts back {@code n} bytes just consumed (a header whose value has not fully arrived). */
  void unread(int n) {
    rp -= n;
    pos -= n;
  }

  /** Drops what is buffered and counts {@code more} bytes a driver skipped without feeding them. */
  void discardAll(long more) {
    pos += avail() + more;
    rp = wp;
  }

  /** Reverses the byte order of each {@code unit}-byte value in the next {@code n} bytes, in place. */
  void swap(int n, int unit) {
    if (unit <= 1) {
      return;
    }
    for (int i = rp, end = rp + n - n % unit; i < end; i += unit) {
      for (int a = i, b = i + unit - 1; a < b; a++, b--) {
        byte t = buf[a];
        buf[a] = buf[b];
        buf[b] = t;
      }
    }
  }

  /**
   * Appends received bytes. {@code keepHint} is how many more bytes a value being kept still needs:
   * growth goes no further than that.
   */
  void append(byte[] bytes, int off, int len, long keepHint) {
    ensureRoom(len, keepHint);
    System.arraycopy(bytes, off, buf, wp, len);
    wp += len;
  }

  private void ensureRoom(int len, long keepHint) {
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
    long hint = Math.max(0, keepHint - need);
    long cap = Math.max(need, Math.min((long) buf.length * 2, need + Math.min(hint, need)));
    if (cap > Integer.MAX_VALUE - 16) {
      throw new DicomLimitException("buffered input", Integer.MAX_VALUE - 16, cap, pos);
    }
    byte[] n = new byte[(int) cap];
    System.arraycopy(buf, rp, n, 0, used);
    buf = n;
  }

  // ---- deflated datasets ---------------------------------------------------------------------------

  boolean inflating() {
    return inflater != null;
  }

  /** From here on the input is deflated; bytes already buffered are the start of the deflated data. */
  void startInflating() {
    byte[] rest = new byte[avail()];
    System.arraycopy(buf, rp, rest, 0, rest.length);
    wp = rp;
    boolean zlibWrapped = rest.length >= 2 && (rest[0] & 0x0F) == 8 && (((rest[0] & 0xFF) << 8) | (rest[1] & 0xFF)) % 31 == 0;
    inflater = new Inflater(!zlibWrapped); // PS3.5 §A.5 says raw deflate; a few writers add the zlib wrapper
    inflater.setInput(rest);
  }

  void inflaterInput(byte[] bytes, int off, int len) {
    inflater.setInput(bytes, off, len);
  }

  /** True while the inflater holds input it can still turn into bytes. */
  boolean canInflate() {
    return !inflater.needsInput() && !inflater.finished();
  }

  boolean inflatedAll() {
    return inflater == null || inflater.finished();
  }

  /** Inflates at most {@link #INFLATE_STEP} bytes into the window. */
  void inflateStep(long keepHint) {
    ensureRoom(INFLATE_STEP, keepHint);
    try {
      int n = inflater.inflate(buf, wp, INFLATE_STEP);
      wp += n;
      if (n == 0 && inflater.needsDictionary()) {
        throw new DicomParseException("deflated dataset needs a preset dictionary", pos);
      }
    } catch (DataFormatException e) {
      throw new DicomParseException("corrupt deflated data: " + e.getMessage(), pos, e);
    }
  }
}
