package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads DICOM JSON Model objects (PS3.18 Annex F) into {@link Dataset}s. Text is encoded in the
 * character set the dataset names in (0008,0005) (read first, wherever it stands in the object), so
 * that what {@link DicomJsonWriter} wrote reads back to the same JSON. A BulkDataURI becomes a
 * {@link DataElement.BulkData} with offset and length -1 (its bytes are elsewhere), and the URI is
 * kept in {@link Result#bulkDataUris()} under the element's path. An InlineBinary Pixel Data is kept as
 * the bytes it holds, encapsulated or not: JSON does not say which transfer syntax they belong to.
 */
public final class DicomJsonReader {
  /** A dataset read from JSON and the BulkDataURIs of its elements that had one. */
  public record Result(Dataset dataset, Map<BulkDataUriBuilder.Path, String> bulkDataUris) {
    /** A builder that writes these URIs again, for a round trip. */
    public BulkDataUriBuilder uris() {
      return (element, path) -> bulkDataUris.get(path);
    }
  }

  private final DicomJsonLimits limits;

  public DicomJsonReader(DicomJsonLimits limits) {
    if (limits == null) {
      throw new IllegalArgumentException("limits must be set");
    }
    this.limits = limits;
  }

  /** Reads one DICOM JSON object. */
  public Result read(Reader in) throws IOException {
    Json v = Json.parse(in, limits);
    if (!(v instanceof Json.Obj o)) {
      throw new DicomJsonException("expected a DICOM JSON object", v.offset());
    }
    return read(o);
  }

  /** Reads an array of DICOM JSON objects, as QIDO-RS, WADO-RS metadata and dicom2json answer. */
  public List<Result> readArray(Reader in) throws IOException {
    Json v = Json.parse(in, limits);
    if (!(v instanceof Json.Arr a)) {
      throw new DicomJsonException("expected an array of DICOM JSON objects", v.offset());
    }
    List<Result> out = new ArrayList<>(a.items().size());
    for (Json item : a.items()) {
      if (!(item instanceof Json.Obj o)) {
        throw new DicomJsonException("expected a DICOM JSON object", item.offset());
      }
      out.add(read(o));
    }
    return out;
  }

  public Result read(String json) throws IOException {
    return read(new StringReader(json));
  }

  /** Reads UTF-8 (RFC 8259 §8.1); malformed bytes are an error. */
  public Result read(InputStream in) throws IOException {
    return read(utf8(in));
  }

  public List<Result> readArray(InputStream in) throws IOException {
    return readArray(utf8(in));
  }

  private static Reader utf8(InputStream in) {
    return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** Converts a parsed JSON object (for tests that hold other writers' output as a tree). */
  Result read(Json.Obj o) {
    Map<BulkDataUriBuilder.Path, String> uris = new LinkedHashMap<>();
    Dataset ds = new Dataset();
    dataset(o, ds, null, uris);
    return new Result(ds, Collections.unmodifiableMap(uris));
  }

  /** Fills {@code ds} from {@code o}; {@code parent} is the path of the enclosing item (tag + index) or null. */
  private void dataset(Json.Obj o, Dataset ds, ItemPath parent, Map<BulkDataUriBuilder.Path, String> uris) {
    Json cs = o.members().get(Tag.hex(Tag.SpecificCharacterSet));
    if (cs != null) {
      element(Tag.SpecificCharacterSet, cs, ds, parent, uris);
    }
    for (Map.Entry<String, Json> m : o.members().entrySet()) {
      int tag = tag(m.getKey(), m.getValue());
      if (tag != Tag.SpecificCharacterSet) {
        element(tag, m.getValue(), ds, parent, uris);
      }
    }
  }

  private record ItemPath(BulkDataUriBuilder.Path path, int item) {}

  private static int tag(String key, Json at) {
    if (key.length() != 8) {
      throw new DicomJsonException("attribute name \"" + key + "\" is not 8 hex digits", at.offset());
    }
    int tag = 0;
    for (int i = 0; i < 8; i++) {
      int d = Character.digit(key.charAt(i), 16);
      if (d < 0) {
        throw new DicomJsonException("attribute name \"" + key + "\" is not 8 hex digits", at.offset());
      }
      tag = (tag << 4) | d;
    }
    return tag;
  }

  private void element(int tag, Json json, Dataset ds, ItemPath parent, Map<BulkDataUriBuilder.Path, String> uris) {
    if (!(json instanceof Json.Obj o)) {
      throw new DicomJsonException("attribute " + Tag.toString(tag) + " is not an object", json.offset());
    }
    Json vrJson = o.members().get("vr");
    VR vr = vrJson instanceof Json.Str s ? VR.fromCode(s.value()) : null;
    if (vr == null) {
      throw new DicomJsonException("attribute " + Tag.toString(tag) + " has no valid \"vr\"", o.offset());
    }
    Json value = o.members().get("Value");
    Json inline = o.members().get("InlineBinary");
    Json uri = o.members().get("BulkDataURI");
    if ((value != null ? 1 : 0) + (inline != null ? 1 : 0) + (uri != null ? 1 : 0) > 1) {
      throw new DicomJsonException("attribute " + Tag.toString(tag) + " has more than one of Value, InlineBinary, BulkDataURI", o.offset());
    }
    BulkDataUriBuilder.Path path = parent == null ? BulkDataUriBuilder.Path.of(tag) : parent.path().child(parent.item(), tag);
    if (uri != null) {
      if (!(uri instanceof Json.Str s)) {
        throw new DicomJsonException("BulkDataURI of " + Tag.toString(tag) + " is not a string", uri.offset());
      }
      uris.put(path, s.value());
      ds.put(new DataElement.BulkData(tag, vr, -1, -1, false));
    } else if (inline != null) {
      if (!vr.isBulk() || !(inline instanceof Json.Str s)) {
        throw new DicomJsonException("InlineBinary of " + Tag.toString(tag) + " must be a string of a binary VR", inline.offset());
      }
      try {
        ds.put(new DataElement.Value(tag, vr, java.util.Base64.getDecoder().decode(s.value())));
      } catch (IllegalArgumentException e) {
        throw new DicomJsonException("InlineBinary of " + Tag.toString(tag) + " is not base64: " + e.getMessage(), s.offset(), e);
      }
    } else if (vr == VR.SQ) {
      List<Dataset> items = new ArrayList<>();
      List<Json> values = values(tag, value);
      for (int i = 0; i < values.size(); i++) {
        if (!(values.get(i) instanceof Json.Obj item)) {
          throw new DicomJsonException("item " + i + " of " + Tag.toString(tag) + " is not an object", values.get(i).offset());
        }
        Dataset d = new Dataset(ds);
        dataset(item, d, new ItemPath(path, i), uris);
        items.add(d);
      }
      ds.putSequence(tag, items);
    } else {
      try {
        ds.put(new DataElement.Value(tag, vr, encode(tag, vr, values(tag, value), ds)));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new DicomJsonException("a value of " + Tag.toString(tag) + " does not fit VR " + vr + ": " + e.getMessage(),
            value.offset(), e);
      }
    }
  }

  private static List<Json> values(int tag, Json value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof Json.Arr a)) {
      throw new DicomJsonException("Value of " + Tag.toString(tag) + " is not an array", value.offset());
    }
    return a.items();
  }

  private static byte[] encode(int tag, VR vr, List<Json> values, Dataset ds) {
    switch (vr.kind()) {
      case INT: {
        long[] n = new long[values.size()];
        for (int i = 0; i < n.length; i++) {
          n[i] = integer(vr, number(tag, values.get(i)));
        }
        return Values.encodeIntegers(vr, n);
      }
      case FLOAT: {
        int size = vr == VR.FL ? 4 : 8;
        byte[] b = new byte[values.size() * size];
        for (int i = 0; i < values.size(); i++) {
          double d = Double.parseDouble(number(tag, values.get(i)));
          Values.writeLe(b, i * size, size, vr == VR.FL ? Float.floatToRawIntBits((float) d) : Double.doubleToRawLongBits(d));
        }
        return b;
      }
      case TAG: {
        byte[] b = new byte[values.size() * 4];
        for (int i = 0; i < values.size(); i++) {
          int t = tag(text(tag, values.get(i)), values.get(i));
          Values.writeLe(b, i * 4, 2, t >>> 16);
          Values.writeLe(b, i * 4 + 2, 2, t & 0xFFFF);
        }
        return b;
      }
      case BINARY:
      case SEQUENCE:
        if (!values.isEmpty()) {
          throw new DicomJsonException(Tag.toString(tag) + " of VR " + vr + " cannot have a Value", values.get(0).offset());
        }
        return new byte[0];
      default: {
        String[] s = new String[values.size()];
        for (int i = 0; i < s.length; i++) {
          Json v = values.get(i);
          s[i] = v instanceof Json.Null ? "" : vr == VR.PN ? personName(tag, v) : text(tag, v);
        }
        return Values.encodeStrings(vr, ds.charset(), s);
      }
    }
  }

  /** A string component: a JSON String, or the text of a JSON Number (DS, IS). */
  private static String text(int tag, Json v) {
    if (v instanceof Json.Str s) {
      return s.value();
    }
    if (v instanceof Json.Num n) {
      return n.text();
    }
    throw new DicomJsonException("a value of " + Tag.toString(tag) + " is neither string nor number", v.offset());
  }

  /** A number component: a JSON Number, or a String holding one (SV, UV beyond 2^53; NaN and infinities). */
  private static String number(int tag, Json v) {
    if (v instanceof Json.Num n) {
      return n.text();
    }
    if (v instanceof Json.Str s) {
      return s.value();
    }
    throw new DicomJsonException("a value of " + Tag.toString(tag) + " is not a number", v.offset());
  }

  private static long integer(VR vr, String text) {
    if (vr == VR.UV) {
      BigInteger b = new BigDecimal(text).toBigIntegerExact();
      if (b.signum() < 0 || b.bitLength() > 64) {
        throw new ArithmeticException(text + " is out of range");
      }
      return b.longValue();
    }
    long v = new BigDecimal(text).longValueExact();
    long min;
    long max;
    switch (vr) {
      case US -> { min = 0; max = 0xFFFF; }
      case SS -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
      case UL -> { min = 0; max = 0xFFFFFFFFL; }
      case SL -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
      default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
    }
    if (v < min || v > max) {
      throw new ArithmeticException(text + " is out of range");
    }
    return v;
  }

  /** "Alphabetic=Ideographic=Phonetic", without trailing empty groups (PS3.5 §6.2.1). */
  private static String personName(int tag, Json v) {
    if (v instanceof Json.Str s) {
      return s.value();
    }
    if (!(v instanceof Json.Obj o)) {
      throw new DicomJsonException("a PN value of " + Tag.toString(tag) + " is not an object", v.offset());
    }
    String[] g = new String[3];
    int last = -1;
    for (int i = 0; i < 3; i++) {
      Json c = o.members().get(DicomJsonValues.PN_GROUPS[i]);
      g[i] = c == null || c instanceof Json.Null ? "" : text(tag, c);
      if (!g[i].isEmpty()) {
        last = i;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      sb.append(i > 0 ? "=" : "").append(g[i]);
    }
    return sb.toString();
  }
}
