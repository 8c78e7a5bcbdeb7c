package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value (RFC 8259) as a small tree, and its strict parser. Numbers keep their text, so a DS value
 * read from JSON keeps the digits it was written with. Every node knows the UTF-8 byte offset where it
 * starts, for error messages. The parser recurses once per nesting level, bounded by
 * {@link DicomJsonLimits#maxDepth()}, and stops at {@link DicomJsonLimits#maxDocumentBytes()}.
 */
sealed interface Json permits Json.Obj, Json.Arr, Json.Str, Json.Num, Json.Bool, Json.Null {
  long offset();

  record Obj(Map<String, Json> members, long offset) implements Json {}

  record Arr(List<Json> items, long offset) implements Json {}

  record Str(String value, long offset) implements Json {}

  record Num(String text, long offset) implements Json {}

  record Bool(boolean value, long offset) implements Json {}

  record Null(long offset) implements Json {}

  /** Parses one JSON document; anything but whitespace after it is an error. */
  static Json parse(Reader in, DicomJsonLimits limits) throws IOException {
    Parser p = new Parser(in, limits);
    Json v = p.value(0);
    p.skipWhitespace();
    if (p.peek() != -1) {
      throw p.error("unexpected '" + (char) p.peek() + "' after the JSON document");
    }
    return v;
  }

  /** The parser's state: a buffered reader with one character of lookahead and a byte count. */
  final class Parser {
    private final Reader in;
    private final DicomJsonLimits limits;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private long offset;
    private final StringBuilder sb = new StringBuilder();

    Parser(Reader in, DicomJsonLimits limits) {
      this.in = in;
      this.limits = limits;
    }

    int peek() throws IOException {
      if (pos == len) {
        try {
          len = in.read(buf, 0, buf.length);
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new DicomJsonException("the document is not valid UTF-8", offset, e);
        }
        pos = 0;
        if (len <= 0) {
          len = 0;
          return -1;
        }
      }
      return buf[pos];
    }

    int next() throws IOException {
      int c = peek();
      if (c >= 0) {
        pos++;
        // UTF-8 length of the character; a surrogate pair counts 2 + 2 = 4
        offset += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate((char) c) ? 2 : 3;
        if (offset > limits.maxDocumentBytes()) {
          throw new DicomLimitException("maxDocumentBytes", limits.maxDocumentBytes(), offset, offset);
        }
      }
      return c;
    }

    DicomJsonException error(String message) {
      return new DicomJsonException(message, offset);
    }

    void skipWhitespace() throws IOException {
      for (int c; (c = peek()) == ' ' || c == '\t' || c == '\n' || c == '\r'; ) {
        next();
      }
    }

    void expect(char c) throws IOException {
      skipWhitespace();
      if (peek() != c) {
        throw error("expected '" + c + "', found " + describe(peek()));
      }
      next();
    }

    private static String describe(int c) {
      return c < 0 ? "the end of the input" : "'" + (char) c + "'";
    }

    Json value(int depth) throws IOException {
      skipWhitespace();
      long at = offset;
      int c = peek();
      switch (c) {
        case '{':
          return object(depth + 1, at);
        case '[':
          return array(depth + 1, at);
        case '"':
          return new Str(string(), at);
        case 't':
          literal("true");
          return new Bool(true, at);
        case 'f':
          literal("false");
          return new Bool(false, at);
        case 'n':
          literal("null");
          return new Null(at);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return new Num(number(), at);
          }
          throw error("expected a JSON value, found " + describe(c));
      }
    }

    private void checkDepth(int depth) {
      if (depth > limits.maxDepth()) {
        throw new DicomLimitException("maxDepth", limits.maxDepth(), depth, offset);
      }
    }

    private Json object(int depth, long at) throws IOException {
      checkDepth(depth);
      next();
      Map<String, Json> members = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        next();
        return new Obj(Collections.unmodifiableMap(members), at);
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a member name, found " + describe(peek()));
        }
        long keyAt = offset;
        String key = string();
        expect(':');
        Json v = value(depth);
        if (members.put(key, v) != null) {
          throw new DicomJsonException("duplicate member \"" + key + "\"", keyAt);
        }
        skipWhitespace();
        int c = peek();
        if (c != ',' && c != '}') {
          throw error("expected ',' or '}' in an object, found " + describe(c));
        }
        next();
        if (c == '}') {
          return new Obj(Collections.unmodifiableMap(members), at);
        }
      }
    }

    private Json array(int depth, long at) throws IOException {
      checkDepth(depth);
      next();
      List<Json> items = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        next();
        return new Arr(Collections.unmodifiableList(items), at);
      }
      while (true) {
        items.add(value(depth));
        skipWhitespace();
        int c = peek();
        if (c != ',' && c != ']') {
          throw error("expected ',' or ']' in an array, found " + describe(c));
        }
        next();
        if (c == ']') {
          return new Arr(Collections.unmodifiableList(items), at);
        }
      }
    }

    private void literal(String word) throws IOException {
      for (int i = 0; i < word.length(); i++) {
        if (next() != word.charAt(i)) {
          throw error("invalid literal, expected " + word);
        }
      }
    }

    private String string() throws IOException {
      next();
      sb.setLength(0);
      while (true) {
        int c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0) {
          throw error("unterminated string");
        }
        if (c < 0x20) {
          throw error("control character 0x" + Integer.toHexString(c) + " in a string");
        }
        if (c != '\\') {
          sb.append((char) c);
          continue;
        }
        int e = next();
        switch (e) {
          case '"', '\\', '/' -> sb.append((char) e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            int v = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(next(), 16);
              if (d < 0) {
                throw error("invalid \\u escape");
              }
              v = (v << 4) | d;
            }
            sb.append((char) v);
          }
          default -> throw error("invalid escape \\" + (e < 0 ? "" : String.valueOf((char) e)));
        }
      }
    }

    /** A number per RFC 8259 §6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private String number() throws IOException {
      sb.setLength(0);
      if (peek() == '-') {
        sb.append((char) next());
      }
      if (peek() == '0') {
        sb.append((char) next());
      } else if (digits() == 0) {
        throw error("invalid number");
      }
      if (peek() == '.') {
        sb.append((char) next());
        if (digits() == 0) {
          throw error("invalid number: no digit after '.'");
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        sb.append((char) next());
        if (peek() == '+' || peek() == '-') {
          sb.append((char) next());
        }
        if (digits() == 0) {
          throw error("invalid number: no digit in the exponent");
        }
      }
      return sb.toString();
    }

    private int digits() throws IOException {
      int n = 0;
      for (int c; (c = peek()) >= '0' && c <= '9'; n++) {
        sb.append((char) next());
      }
      return n;
    }
  }
}
