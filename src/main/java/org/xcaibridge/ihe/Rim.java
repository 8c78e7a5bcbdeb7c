package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.RIM;
import static org.xcaibridge.ihe.IheNamespaces.RIM_PREFIX;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** Reading and writing of the ebRIM 3.0 building blocks: Slot, Name/Description LocalizedString. */
final class Rim {
  private Rim() {}

  /** At {@code rim:Slot}; returns it with a trimmed name and trimmed values; ends on its END_ELEMENT. */
  static Slot readSlot(XmlIn in) throws IheParseException {
    String name = in.attr("name");
    if (name == null) {
      throw in.fail("rim:Slot without name");
    }
    List<String> values = new ArrayList<>();
    while (in.nextChild()) {
      if (in.is("ValueList")) {
        while (in.nextChild()) {
          if (in.is("Value")) {
            in.countRepeat(values, "slot values");
            values.add(in.text());
          } else {
            in.skip();
          }
        }
      } else {
        in.skip();
      }
    }
    return new Slot(name.trim(), values);
  }

  /** At {@code rim:Name} or {@code rim:Description}: the first LocalizedString's value, or null. */
  static String readLocalized(XmlIn in) throws IheParseException {
    String value = null;
    while (in.nextChild()) {
      if (in.is("LocalizedString") && value == null) {
        value = in.attr("value");
      }
      in.skip();
    }
    return value;
  }

  static void writeSlot(XmlOut out, String name, List<String> values) throws XMLStreamException {
    if (values.isEmpty()) {
      return;
    }
    out.start(RIM_PREFIX, "Slot", RIM);
    out.attr("name", name);
    out.start(RIM_PREFIX, "ValueList", RIM);
    for (String v : values) {
      out.element(RIM_PREFIX, "Value", RIM, v);
    }
    out.end();
    out.end();
  }

  static void writeSlot(XmlOut out, String name, String value) throws XMLStreamException {
    if (value != null) {
      writeSlot(out, name, List.of(value));
    }
  }

  /** {@code <rim:Name>} or {@code <rim:Description>} with one LocalizedString; nothing when null. */
  static void writeLocalized(XmlOut out, String element, String value) throws XMLStreamException {
    if (value == null) {
      return;
    }
    out.start(RIM_PREFIX, element, RIM);
    out.empty(RIM_PREFIX, "LocalizedString", RIM);
    out.attr("value", value);
    out.end();
  }
}
