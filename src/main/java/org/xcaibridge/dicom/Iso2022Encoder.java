package org.xcaibridge.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes text for a character set with (or, with escapes off, without) ISO 2022 code extensions, so
 * that {@link Iso2022Decoder} reads it back (PS3.5 §6.1.2.5.3).
 *
 * <p>A character stays in the set designated when it can; otherwise the first declared set that has
 * it is designated with its escape sequence. Before every character at which a decoder returns to the
 * initial designations (value, component and group delimiters, CR, LF, FF, TAB) and at the end of the
 * value, the encoder switches back to them explicitly. It does so before {@code ^} and {@code =} even
 * outside PN: a decoder of another VR does not reset there, and the explicit escapes keep both sides
 * agreeing. A character no declared set has becomes {@code ?}.
 */
final class Iso2022Encoder {
  private final GraphicSet initialG0;
  private final GraphicSet initialG1;
  /** The sets a character may be written in, in order of preference; empty when escapes are off. */
  private final List<GraphicSet> designatable;

  Iso2022Encoder(GraphicSet initialG0, GraphicSet initialG1, List<GraphicSet> designatable) {
    this.initialG0 = initialG0;
    this.initialG1 = initialG1;
    this.designatable = List.copyOf(designatable);
  }

  /** The encoded bytes and how many characters were replaced by {@code ?}. */
  record Result(byte[] bytes, int replaced) {}

  Result encode(String s) {
    if (initialG0 == GraphicSet.IR6 && isAscii(s)) {
      return new Result(s.getBytes(StandardCharsets.US_ASCII), 0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
    ByteArrayOutputStream one = new ByteArrayOutputStream(4);
    ByteBuffer scratch = ByteBuffer.allocate(8);
    Map<GraphicSet, CharsetEncoder> encoders = new EnumMap<>(GraphicSet.class);
    GraphicSet[] state = {initialG0, initialG1};
    int replaced = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '^' || c == '=' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
        backToInitial(state, out);
        out.write(c); // the same byte in both G0 sets DICOM allows as value 1 (IR 6, IR 14)
        continue;
      }
      if (c < 0x21 || c == 0x7F) {
        out.write(c); // SPACE, DEL and C0 controls need no designation
        continue;
      }
      if (tryIn(state[0], c, encoders, scratch, one, out) || tryIn(state[1], c, encoders, scratch, one, out)) {
        continue;
      }
      GraphicSet chosen = null;
      for (GraphicSet g : designatable) {
        if (g != state[0] && g != state[1] && g.encode(c, encoder(g, encoders), scratch, one)) {
          chosen = g;
          break;
        }
      }
      if (chosen != null) {
        out.writeBytes(chosen.escape());
        state[chosen.isG1() ? 1 : 0] = chosen;
        out.writeBytes(one.toByteArray());
        one.reset();
        continue;
      }
      replaced++;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // one replacement for the whole code point
      }
      if (state[0].bytesPerChar() != 1) {
        out.writeBytes(initialG0.escape());
        state[0] = initialG0;
      }
      out.write('?');
    }
    backToInitial(state, out);
    return new Result(out.toByteArray(), replaced);
  }

  private static boolean tryIn(GraphicSet g, char c, Map<GraphicSet, CharsetEncoder> encoders, ByteBuffer scratch,
      ByteArrayOutputStream one, ByteArrayOutputStream out) {
    if (g == null || !g.encode(c, encoder(g, encoders), scratch, one)) {
      return false;
    }
    out.writeBytes(one.toByteArray());
    one.reset();
    return true;
  }

  private static CharsetEncoder encoder(GraphicSet g, Map<GraphicSet, CharsetEncoder> encoders) {
    return g.bytesPerChar() == 1 ? null : encoders.computeIfAbsent(g, GraphicSet::newEncoder);
  }

  /**
   * Designates the initial sets again. A G1 with no initial set cannot be undesignated by an escape;
   * the decoder drops it at the delimiter by itself, and this side forgets it too.
   */
  private void backToInitial(GraphicSet[] state, ByteArrayOutputStream out) {
    if (state[0] != initialG0) {
      out.writeBytes(initialG0.escape());
      state[0] = initialG0;
    }
    if (state[1] != initialG1) {
      if (initialG1 != null) {
        out.writeBytes(initialG1.escape());
      }
      state[1] = initialG1;
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
