package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.QUERY;
import static org.xcaibridge.ihe.IheNamespaces.QUERY_PREFIX;
import static org.xcaibridge.ihe.IheNamespaces.RIM;
import static org.xcaibridge.ihe.IheNamespaces.RIM_PREFIX;
import static org.xcaibridge.ihe.IheNamespaces.RS;
import static org.xcaibridge.ihe.IheNamespaces.RS_PREFIX;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** ITI-38 response body: {@code query:AdhocQueryResponse} (ebRS 3.0 §6.3, protocol.md §2.4–§2.7). */
final class Iti38ResponseCodec {
  private Iti38ResponseCodec() {}

  static AdhocQueryResponse read(XmlIn in) throws IheParseException {
    ResponseStatus status = RegistryCodec.status(in);
    Integer total = null;
    String rawTotal = in.attr("totalResultCount");
    if (rawTotal != null && !rawTotal.isBlank()) {
      try {
        total = Integer.valueOf(rawTotal.trim());
      } catch (NumberFormatException e) {
        total = null; // informative only; a bad count must not lose the entries
      }
    }
    List<DocumentEntry> entries = new ArrayList<>();
    List<ObjectRef> refs = new ArrayList<>();
    List<RegistryError> errors = new ArrayList<>();
    while (in.nextChild()) {
      if (in.is("RegistryErrorList")) {
        RegistryCodec.readErrorList(in, errors);
      } else if (in.is("RegistryObjectList")) {
        while (in.nextChild()) {
          if (in.is("ExtrinsicObject")) {
            in.countRepeat(entries, "DocumentEntries");
            entries.add(DocumentEntryCodec.read(in));
          } else if (in.is("ObjectRef")) {
            in.countRepeat(refs, "ObjectRefs");
            String id = in.requiredAttr("id").trim();
            String home = in.attr("home");
            in.skip();
            refs.add(new ObjectRef(id, home == null || home.isBlank() ? null : home.trim()));
          } else {
            in.skip(); // RegistryPackage, Association, Classification: not modelled
          }
        }
      } else {
        in.skip();
      }
    }
    return new AdhocQueryResponse(status, entries, refs, errors, total);
  }

  static void write(XmlOut out, AdhocQueryResponse response) throws XMLStreamException {
    out.root(QUERY_PREFIX, "AdhocQueryResponse", QUERY, RIM_PREFIX, RIM, RS_PREFIX, RS);
    out.attr("status", response.status().urn());
    if (response.totalResultCount() != null) {
      out.attr("totalResultCount", response.totalResultCount().toString());
    }
    RegistryCodec.writeErrorList(out, response.errors());
    out.start(RIM_PREFIX, "RegistryObjectList", RIM);
    DocumentEntryCodec.Ids ids = new DocumentEntryCodec.Ids();
    for (DocumentEntry e : response.documentEntries()) {
      DocumentEntryCodec.write(out, e, ids);
    }
    for (ObjectRef r : response.objectRefs()) {
      out.empty(RIM_PREFIX, "ObjectRef", RIM);
      out.attr("id", r.id());
      out.attr("home", r.home());
    }
    out.end();
    out.end();
  }
}
