package org.xcaibridge.dicomweb;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.DataElement;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.VR;
import org.xcaibridge.dicom.Values;

/**
 * The attributes of one candidate entity as matching needs them: each value as its DICOM string form
 * (PN as {@code Alphabetic=Ideographic=Phonetic}, numbers in decimal), and the items of sequences. Two
 * sources: a {@link Dataset} (headers of cached instances) and a DICOM JSON object (PS3.18 Annex F, as
 * rows are kept and answered).
 */
public interface AttributeView {
  /** The values of {@code tag}; empty when the attribute is absent, empty or held as bulk data. */
  List<String> values(int tag);

  /** The items of a sequence; empty when absent. */
  List<AttributeView> items(int tag);

  static AttributeView of(Dataset dataset) {
    return new DatasetView(dataset);
  }

  static AttributeView of(JsonObject dicomJson) {
    return new JsonView(dicomJson);
  }

  /** Over a dataset; values are decoded with the dataset's character set. */
  record DatasetView(Dataset dataset) implements AttributeView {
    @Override
    public List<String> values(int tag) {
      DataElement e = dataset.get(tag);
      if (!(e instanceof DataElement.Value v)) {
        return List.of();
      }
      VR vr = v.vr();
      if (vr.isString()) {
        return dataset.strings(tag);
      }
      if (vr.kind() == VR.Kind.INT) {
        List<String> out = new ArrayList<>();
        for (long n : Values.integers(vr, v.bytes())) {
          out.add(vr == VR.UV && n < 0 ? Long.toUnsignedString(n) : Long.toString(n));
        }
        return out;
      }
      if (vr == VR.FL || vr == VR.FD) {
        ByteBuffer b = ByteBuffer.wrap(v.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        List<String> out = new ArrayList<>();
        while (b.remaining() >= (vr == VR.FL ? 4 : 8)) {
          double d = vr == VR.FL ? b.getFloat() : b.getDouble();
          out.add(Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : Double.toString(d));
        }
        return out;
      }
      if (vr == VR.AT) {
        List<String> out = new ArrayList<>();
        byte[] b = v.bytes();
        for (int i = 0; i + 4 <= b.length; i += 4) {
          out.add(Tag.hex((int) (Values.readLe(b, i, 2, false) << 16 | Values.readLe(b, i + 2, 2, false))));
        }
        return out;
      }
      return List.of();
    }

    @Override
    public List<AttributeView> items(int tag) {
      List<AttributeView> out = new ArrayList<>();
      for (Dataset d : dataset.items(tag)) {
        out.add(new DatasetView(d));
      }
      return out;
    }
  }

  /** Over a DICOM JSON object whose keys are eight upper-case hex digits (PS3.18 §F.2.1). */
  record JsonView(JsonObject json) implements AttributeView {
    @Override
    public List<String> values(int tag) {
      JsonArray value = valueArray(tag);
      if (value == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>(value.size());
      for (Object o : value) {
        if (o == null) {
          out.add("");
        } else if (o instanceof JsonObject pn) {
          out.add(personName(pn));
        } else if (o instanceof Number n) {
          out.add(n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue()).toPlainString()
              : n.toString());
        } else if (o instanceof String s) {
          out.add(s);
        }
      }
      return trailingEmptiesDropped(out);
    }

    @Override
    public List<AttributeView> items(int tag) {
      JsonArray value = valueArray(tag);
      List<AttributeView> out = new ArrayList<>();
      if (value != null) {
        for (Object o : value) {
          if (o instanceof JsonObject item) {
            out.add(new JsonView(item));
          }
        }
      }
      return out;
    }

    private JsonArray valueArray(int tag) {
      Object attribute = json.getValue(Tag.hex(tag));
      if (!(attribute instanceof JsonObject a)) {
        return null;
      }
      Object v = a.getValue("Value");
      return v instanceof JsonArray arr ? arr : null;
    }

    /** PS3.18 §F.2.2: the three component groups, joined back as PS3.5 writes them. */
    private static String personName(JsonObject pn) {
      String a = pn.getString("Alphabetic", "");
      String i = pn.getString("Ideographic", "");
      String p = pn.getString("Phonetic", "");
      String joined = a + "=" + i + "=" + p;
      int end = joined.length();
      while (end > 0 && joined.charAt(end - 1) == '=') {
        end--;
      }
      return joined.substring(0, end);
    }

    private static List<String> trailingEmptiesDropped(List<String> values) {
      return values.size() == 1 && values.get(0).isEmpty() ? List.of() : values;
    }
  }
}
