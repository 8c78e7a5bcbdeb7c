package org.xcaibridge.soap;

import java.util.Arrays;

/**
 * Decodes base64 text (RFC 4648 §4, the {@code xs:base64Binary} lexical space) pushed in pieces of any size,
 * handing the bytes to a {@link Sink} in blocks of at most {@link #BLOCK} bytes. White space (space, tab, CR, LF)
 * is skipped anywhere, as XML Schema allows; padding is optional at the end but, when present, must be
 * complete and last. Anything else is {@link Malformed}. Holds one block and one unfinished quantum.
 */
final class Base64Decoder {
  static final int BLOCK = 48 * 1024;

  /** Receives decoded bytes; the array is reused after the call. */
  interface Sink {
    void bytes(byte[] b, int off, int len);
  }

  /** The text is not base64; says why. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  private static final int BLANK = -2;
  private static final int PAD = -3;
  private static final byte[] VALUE = new byte[256];

  static {
    Arrays.fill(VALUE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUE[alphabet.charAt(i)] = (byte) i;
    }
    VALUE[' '] = BLANK;
    VALUE['\t'] = BLANK;
    VALUE['\r'] = BLANK;
    VALUE['\n'] = BLANK;
    VALUE['='] = PAD;
  }

  private final Sink sink;
  private final byte[] out = new byte[BLOCK];
  private int outLen;
  private int bits;
  private int chars; // data characters of the quantum being read, 0..3
  private int padding; // '=' seen in that quantum
  private boolean ended; // a padded quantum closed the data
  private long characters; // data and padding characters read so far

  Base64Decoder(Sink sink) {
    this.sink = sink;
  }

  /** True for a byte that is part of base64 text: the alphabet, '=' or white space. */
  static boolean isBase64Text(int c) {
    return VALUE[c & 0xff] != -1;
  }

  static boolean isBlank(int c) {
    return VALUE[c & 0xff] == BLANK;
  }

  /**
   * Decodes {@code b[from, to)} up to the first byte that is not base64 text.
   *
   * @return the index of that byte, or {@code to}
   */
  int decode(byte[] b, int from, int to) throws Malformed {
    int i = from;
    while (i < to) {
      int v = VALUE[b[i] & 0xff];
      if (v >= 0) {
        if (padding > 0 || ended) {
          throw new Malformed("base64 data after padding '='");
        }
        bits = bits << 6 | v;
        characters++;
        if (++chars == 4) {
          if (outLen > BLOCK - 3) {
            flush();
          }
          out[outLen] = (byte) (bits >> 16);
          out[outLen + 1] = (byte) (bits >> 8);
          out[outLen + 2] = (byte) bits;
          outLen += 3;
          chars = 0;
          bits = 0;
        }
      } else if (v == PAD) {
        pad();
      } else if (v != BLANK) {
        return i;
      }
      i++;
    }
    return to;
  }

  private void pad() throws Malformed {
    if (ended || chars < 2) {
      throw new Malformed(ended ? "'=' after the end of the base64 data"
          : "padding '=' where base64 data is expected (after " + characters + " characters)");
    }
    characters++;
    if (chars + ++padding == 4) {
      emitPartialQuantum();
      ended = true;
    }
  }

  /** The text is complete: decodes an unpadded last quantum and hands on what is left. */
  void finish() throws Malformed {
    if (padding > 0 && !ended) {
      throw new Malformed("incomplete padding at the end of the base64 data");
    }
    if (chars == 1) {
      throw new Malformed("a single base64 character is left over at the end (" + characters
          + " characters in all)");
    }
    if (chars > 1) {
      emitPartialQuantum();
    }
    flush();
  }

  private void emitPartialQuantum() {
    if (outLen > BLOCK - 2) {
      flush();
    }
    if (chars == 2) {
      out[outLen++] = (byte) (bits >> 4);
    } else {
      out[outLen++] = (byte) (bits >> 10);
      out[outLen++] = (byte) (bits >> 2);
    }
    chars = 0;
    bits = 0;
  }

  /** Hands on the bytes decoded so far. */
  void flush() {
    if (outLen > 0) {
      int n = outLen;
      outLen = 0;
      sink.bytes(out, 0, n);
    }
  }
}
