package org.xcaibridge.dicom;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Writes a {@link Dataset} as a DICOM JSON Model object (PS3.18 Annex F), streaming: each element goes
 * to the {@link Writer} as it is met, and binary values are base64-encoded piece by piece.
 *
 * <p>What it writes: attributes in ascending tag order, without File Meta Information (group 0002) or
 * group lengths (§F.2.2); a value-less attribute as {"vr"} only, an empty component of a multi-valued
 * one as null (§F.2.5); Person Names as objects of their non-empty component groups; DS and IS as
 * numbers when valid, else as strings ({@link DicomJsonValues}); SV and UV as numbers within ±(2^53-1),
 * else as strings (§F.2.3.1 allows both, a string keeps all 64 bits); AT as 8 hex digits; sequences as
 * arrays of objects; binary values as InlineBinary or BulkDataURI as {@link DicomJsonOptions} say.
 * Like dcm2json, it writes a value whose every component is empty (such as "\\") as value-less, drops
 * trailing component delimiters of a Person Name group ("Doe^John^^" is "Doe^John", PS3.5 §6.2.1.1 says
 * they mean nothing) and writes a Person Name of only delimiters ("^^^^") as empty.
 */
public final class DicomJsonWriter {
  /** Nesting guard for datasets built by hand; readers bound theirs far below this. */
  private static final int MAX_DEPTH = 1024;

  private final DicomJsonOptions options;

  public DicomJsonWriter(DicomJsonOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must be set");
    }
    this.options = options;
  }

  /** Writes {@code dataset} as one JSON object to {@code out} in UTF-8, and flushes. */
  public void write(Dataset dataset, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
    write(dataset, w);
    w.flush();
  }

  /** Writes {@code dataset} as one JSON object to {@code out}; the caller flushes. */
  public void write(Dataset dataset, Writer out) throws IOException {
    new Walk(out).dataset(dataset, 0);
  }

  /** The state of one write: the output and the path to the element being written. */
  private final class Walk {
    private final Writer out;
    private final int[] tags = new int[MAX_DEPTH + 1];
    private final int[] items = new int[MAX_DEPTH];

    Walk(Writer out) {
      this.out = out;
    }

    void dataset(Dataset ds, int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("datasets nested deeper than " + MAX_DEPTH);
      }
      out.write('{');
      boolean first = true;
      for (DataElement e : ds.elements()) {
        int tag = e.tag();
        if (Tag.group(tag) == 2 || Tag.isGroupLength(tag)) {
          continue;
        }
        if (!first) {
          out.write(',');
        }
        first = false;
        out.write('"');
        out.write(Tag.hex(tag));
        out.write("\":{\"vr\":\"");
        out.write(e instanceof DataElement.Sequence ? "SQ" : e.vr().name());
        out.write('"');
        tags[depth] = tag;
        element(ds, e, depth);
        out.write('}');
      }
      out.write('}');
    }

    private void element(Dataset ds, DataElement e, int depth) throws IOException {
      boolean pixelData = depth == 0 && (e.tag() == Tag.PixelData || e.tag() == Tag.FloatPixelData
          || e.tag() == Tag.DoubleFloatPixelData);
      boolean mayInline = !(pixelData && options.pixelDataAsBulkData());
      if (e instanceof DataElement.Sequence s) {
        sequence(s, depth);
      } else if (e instanceof DataElement.BulkData) {
        bulkDataUri(e, depth);
      } else if (e instanceof DataElement.Fragments f) {
        long length = encapsulatedLength(f);
        if (mayInline && length >= 0 && length <= options.maxInlineBinaryBytes()) {
          inlineFragments(f);
        } else {
          bulkDataUri(e, depth);
        }
      } else if (e instanceof DataElement.Value v) {
        if (!v.vr().isBulk()) {
          value(ds, v);
        } else if (v.bytes().length == 0) {
          return;
        } else if (mayInline && v.bytes().length <= options.maxInlineBinaryBytes()) {
          out.write(",\"InlineBinary\":\"");
          try (OutputStream b64 = base64()) {
            b64.write(v.bytes());
          }
          out.write('"');
        } else {
          bulkDataUri(e, depth);
        }
      }
    }

    private void sequence(DataElement.Sequence s, int depth) throws IOException {
      if (s.items().isEmpty()) {
        return;
      }
      out.write(",\"Value\":[");
      for (int i = 0; i < s.items().size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        items[depth] = i;
        dataset(s.items().get(i), depth + 1);
      }
      out.write(']');
    }

    private void bulkDataUri(DataElement e, int depth) throws IOException {
      Integer[] t = new Integer[depth + 1];
      Integer[] i = new Integer[depth];
      for (int k = 0; k <= depth; k++) {
        t[k] = tags[k];
        if (k < depth) {
          i[k] = items[k];
        }
      }
      String uri = options.bulkDataUris().uri(e, new BulkDataUriBuilder.Path(List.of(t), List.of(i)));
      if (uri == null) {
        throw new IllegalStateException("no BulkDataURI for " + Tag.toString(e.tag()));
      }
      out.write(",\"BulkDataURI\":");
      string(uri);
    }

    /** The length of the encapsulated items with their headers, or -1 when not all in memory. */
    private long encapsulatedLength(DataElement.Fragments f) {
      long n = 0;
      for (DataElement.Fragment x : f.fragments()) {
        if (x.bytes() == null) {
          return -1;
        }
        n += 8 + x.bytes().length;
      }
      return n;
    }

    /**
     * The encapsulated value as it is encoded (PS3.5 §A.4): each item with its header, without the
     * sequence delimiter that ends the value, as pydicom writes it (dcm2json refuses to).
     */
    private void inlineFragments(DataElement.Fragments f) throws IOException {
      out.write(",\"InlineBinary\":\"");
      byte[] header = new byte[8];
      try (OutputStream b64 = base64()) {
        for (DataElement.Fragment x : f.fragments()) {
          Values.writeLe(header, 0, 2, 0xFFFE);
          Values.writeLe(header, 2, 2, 0xE000);
          Values.writeLe(header, 4, 4, x.bytes().length);
          b64.write(header);
          b64.write(x.bytes());
        }
      }
      out.write('"');
    }

    private void value(Dataset ds, DataElement.Value v) throws IOException {
      VR vr = v.vr();
      byte[] b = v.bytes();
      switch (vr.kind()) {
        case STRING, TEXT, URI, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING -> strings(vr, Values.strings(vr, b, ds.charset()));
        case INT -> integers(vr, b);
        case FLOAT -> floats(vr == VR.FL, b);
        case TAG -> tags(b);
        case BINARY, SEQUENCE -> {
          // a zero-length SQ the reader kept as a value: no items, so no Value
        }
      }
    }

    private void strings(VR vr, List<String> values) throws IOException {
      if (vr == VR.PN) {
        values = values.stream().map(DicomJsonValues::personName).toList();
      }
      if (values.stream().allMatch(String::isEmpty)) {
        return;
      }
      out.write(",\"Value\":[");
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        String s = values.get(i);
        String number;
        if (s.isEmpty()) {
          out.write("null");
        } else if (vr == VR.PN) {
          personName(s);
        } else if (vr == VR.DS && (number = DicomJsonValues.decimalNumber(s)) != null) {
          out.write(number);
        } else if (vr == VR.IS && (number = DicomJsonValues.integerNumber(s)) != null) {
          out.write(number);
        } else {
          string(s);
        }
      }
      out.write(']');
    }

    /** A PN value as {@link DicomJsonValues#personName} left it: each non-empty group a member. */
    private void personName(String s) throws IOException {
      String[] groups = s.split("=", -1);
      out.write('{');
      boolean any = false;
      for (int g = 0; g < groups.length; g++) {
        if (groups[g].isEmpty()) {
          continue;
        }
        out.write(any ? ",\"" : "\"");
        out.write(DicomJsonValues.PN_GROUPS[g]);
        out.write("\":");
        string(groups[g]);
        any = true;
      }
      out.write('}');
    }

    private void integers(VR vr, byte[] b) throws IOException {
      long[] n = Values.integers(vr, b);
      if (n.length == 0) {
        return;
      }
      out.write(",\"Value\":[");
      for (int i = 0; i < n.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        long v = n[i];
        if (vr == VR.UV && (v < 0 || v > DicomJsonValues.MAX_SAFE_INTEGER)) {
          string(Long.toUnsignedString(v));
        } else if (vr == VR.SV && (v < -DicomJsonValues.MAX_SAFE_INTEGER || v > DicomJsonValues.MAX_SAFE_INTEGER)) {
          string(Long.toString(v));
        } else {
          out.write(Long.toString(v));
        }
      }
      out.write(']');
    }

    private void floats(boolean single, byte[] b) throws IOException {
      int size = single ? 4 : 8;
      if (b.length < size) {
        return;
      }
      out.write(",\"Value\":[");
      for (int off = 0; off + size <= b.length; off += size) {
        if (off > 0) {
          out.write(',');
        }
        long bits = Values.readLe(b, off, size, false);
        double v = single ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
        String number = DicomJsonValues.floatNumber(v, single);
        if (number != null) {
          out.write(number);
        } else {
          string(DicomJsonValues.nonFiniteName(v));
        }
      }
      out.write(']');
    }

    private void tags(byte[] b) throws IOException {
      if (b.length < 4) {
        return;
      }
      out.write(",\"Value\":[");
      for (int off = 0; off + 4 <= b.length; off += 4) {
        if (off > 0) {
          out.write(',');
        }
        int tag = (int) (Values.readLe(b, off, 2, false) << 16 | Values.readLe(b, off + 2, 2, false));
        out.write('"');
        out.write(Tag.hex(tag));
        out.write('"');
      }
      out.write(']');
    }

    /** A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    private void string(String s) throws IOException {
      out.write('"');
      int start = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c != '"' && c != '\\') {
          continue;
        }
        out.write(s, start, i - start);
        start = i + 1;
        switch (c) {
          case '"' -> out.write("\\\"");
          case '\\' -> out.write("\\\\");
          case '\n' -> out.write("\\n");
          case '\r' -> out.write("\\r");
          case '\t' -> out.write("\\t");
          case '\b' -> out.write("\\b");
          case '\f' -> out.write("\\f");
          default -> out.write(String.format("\\u%04x", (int) c));
        }
      }
      out.write(s, start, s.length() - start);
      out.write('"');
    }

    /** A base64 stream onto the output; closing it writes the padding but leaves the output open. */
    private OutputStream base64() {
      OutputStream ascii = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(new String(b, off, len, StandardCharsets.ISO_8859_1));
        }
      };
      return Base64.getEncoder().wrap(ascii);
    }
  }
}
