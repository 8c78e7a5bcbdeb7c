package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.RS;
import static org.xcaibridge.ihe.IheNamespaces.RS_PREFIX;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** Reads and writes {@code rs:RegistryResponse} and {@code rs:RegistryErrorList} (ebRS 3.0). */
final class RegistryCodec {
  private RegistryCodec() {}

  /** The status attribute of the current element, tolerant as {@link ResponseStatus#fromUrn} is. */
  static ResponseStatus status(XmlIn in) throws IheParseException {
    String raw = in.attr("status");
    ResponseStatus s = ResponseStatus.fromUrn(raw);
    if (s == null) {
      throw in.fail("<" + in.local() + "> has no known status: " + raw);
    }
    return s;
  }

  /** At {@code rs:RegistryResponse}; ends on its END_ELEMENT. */
  static RegistryResponse readResponse(XmlIn in) throws IheParseException {
    ResponseStatus status = status(in);
    List<RegistryError> errors = new ArrayList<>();
    while (in.nextChild()) {
      if (in.is("RegistryErrorList")) {
        readErrorList(in, errors);
      } else {
        in.skip(); // ResponseSlotList and extensions carry nothing we act on
      }
    }
    return new RegistryResponse(status, errors);
  }

  /** At {@code rs:RegistryErrorList}; appends its errors; ends on its END_ELEMENT. */
  static void readErrorList(XmlIn in, List<RegistryError> into) throws IheParseException {
    while (in.nextChild()) {
      if (in.is("RegistryError")) {
        in.countRepeat(into, "RegistryError");
        String code = in.attr("errorCode");
        RegistryError e = new RegistryError(code == null ? "" : code.trim(), in.attr("codeContext"),
            in.attr("location"), ErrorSeverity.fromUrn(in.attr("severity")));
        in.skip();
        into.add(e);
      } else {
        in.skip();
      }
    }
  }

  static void writeResponse(XmlOut out, RegistryResponse response) throws XMLStreamException {
    out.start(RS_PREFIX, "RegistryResponse", RS);
    out.attr("status", response.status().urn());
    writeErrorList(out, response.errors());
    out.end();
  }

  /** Writes the list only when there are errors (an empty list is invalid ebRS). */
  static void writeErrorList(XmlOut out, List<RegistryError> errors) throws XMLStreamException {
    if (errors.isEmpty()) {
      return;
    }
    out.start(RS_PREFIX, "RegistryErrorList", RS);
    out.attr("highestSeverity", RegistryResponse.highestSeverity(errors).urn());
    for (RegistryError e : errors) {
      out.empty(RS_PREFIX, "RegistryError", RS);
      out.attr("codeContext", e.codeContext() == null ? "" : e.codeContext());
      out.attr("errorCode", e.errorCode());
      out.attr("location", e.location());
      out.attr("severity", e.severity().urn());
    }
    out.end();
  }
}
