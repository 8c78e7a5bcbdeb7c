package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.RS;
import static org.xcaibridge.ihe.IheNamespaces.RS_PREFIX;
import static org.xcaibridge.ihe.IheNamespaces.XDS_B;
import static org.xcaibridge.ihe.IheNamespaces.XDS_B_PREFIX;
import static org.xcaibridge.ihe.IheNamespaces.XOP;
import static org.xcaibridge.ihe.IheNamespaces.XOP_PREFIX;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * ITI-39 bodies and the parts RAD-69/75 share with them: DocumentRequest, RetrieveDocumentSetRequest and
 * RetrieveDocumentSetResponse (IHEXDSB.xsd, protocol.md §3, §4.2).
 */
final class RetrieveCodec {
  private RetrieveCodec() {}

  /** At {@code DocumentRequest}; ends on its END_ELEMENT. */
  static DocumentRequest readDocumentRequest(XmlIn in) throws IheParseException {
    String home = null;
    String repo = null;
    String doc = null;
    while (in.nextChild()) {
      switch (in.local()) {
        case "HomeCommunityId" -> home = in.optionalText();
        case "RepositoryUniqueId" -> repo = in.optionalText();
        case "DocumentUniqueId" -> doc = in.optionalText();
        default -> in.skip();
      }
    }
    try {
      return new DocumentRequest(home, repo, doc);
    } catch (IllegalArgumentException e) {
      throw in.fail("DocumentRequest: " + e.getMessage(), e);
    }
  }

  static void writeDocumentRequest(XmlOut out, DocumentRequest r) throws XMLStreamException {
    out.start(XDS_B_PREFIX, "DocumentRequest", XDS_B);
    out.element(XDS_B_PREFIX, "HomeCommunityId", XDS_B, r.homeCommunityId());
    out.element(XDS_B_PREFIX, "RepositoryUniqueId", XDS_B, r.repositoryUniqueId());
    out.element(XDS_B_PREFIX, "DocumentUniqueId", XDS_B, r.documentUniqueId());
    out.end();
  }

  static RetrieveDocumentSetRequest readRequest(XmlIn in) throws IheParseException {
    List<DocumentRequest> docs = new ArrayList<>();
    while (in.nextChild()) {
      if (in.is("DocumentRequest")) {
        in.countRepeat(docs, "DocumentRequests");
        docs.add(readDocumentRequest(in));
      } else {
        in.skip();
      }
    }
    if (docs.isEmpty()) {
      throw in.fail("RetrieveDocumentSetRequest without DocumentRequest");
    }
    return new RetrieveDocumentSetRequest(docs);
  }

  static void writeRequest(XmlOut out, RetrieveDocumentSetRequest request) throws XMLStreamException {
    out.root(XDS_B_PREFIX, "RetrieveDocumentSetRequest", XDS_B);
    for (DocumentRequest r : request.documents()) {
      writeDocumentRequest(out, r);
    }
    out.end();
  }

  static RetrieveDocumentSetResponse readResponse(XmlIn in) throws IheParseException {
    RegistryResponse registry = null;
    List<DocumentResponse> docs = new ArrayList<>();
    while (in.nextChild()) {
      if (in.is("RegistryResponse")) {
        registry = RegistryCodec.readResponse(in);
      } else if (in.is("DocumentResponse")) {
        in.countRepeat(docs, "DocumentResponses");
        docs.add(readDocumentResponse(in));
      } else {
        in.skip();
      }
    }
    if (registry == null) {
      throw in.fail("RetrieveDocumentSetResponse without RegistryResponse");
    }
    return new RetrieveDocumentSetResponse(registry, docs);
  }

  private static DocumentResponse readDocumentResponse(XmlIn in) throws IheParseException {
    String[] v = new String[6];
    DocumentContent content = null;
    while (in.nextChild()) {
      switch (in.local()) {
        case "HomeCommunityId" -> v[0] = in.optionalText();
        case "RepositoryUniqueId" -> v[1] = in.optionalText();
        case "DocumentUniqueId" -> v[2] = in.optionalText();
        case "NewRepositoryUniqueId" -> v[3] = in.optionalText();
        case "NewDocumentUniqueId" -> v[4] = in.optionalText();
        case "mimeType" -> v[5] = in.optionalText();
        case "Document" -> content = readDocument(in);
        default -> in.skip();
      }
    }
    if (content == null) {
      throw in.fail("DocumentResponse without Document");
    }
    try {
      return new DocumentResponse(v[0], v[1], v[2], v[3], v[4], v[5], content);
    } catch (IllegalArgumentException e) {
      throw in.fail("DocumentResponse: " + e.getMessage(), e);
    }
  }

  /**
   * At {@code Document}: an {@code xop:Include} child, or base64 text. Base64 is decoded the way JAXB
   * (CXF, IPF) does, ignoring characters outside the alphabet, so we read what those peers read. The
   * number of base64 characters is bounded before any bytes are kept.
   */
  private static DocumentContent readDocument(XmlIn in) throws IheParseException {
    XMLStreamReader r = in.reader();
    long maxChars = (in.limits.maxInlineDocumentBytes() + 2) / 3 * 4;
    StringBuilder b64 = new StringBuilder();
    DocumentContent include = null;
    try {
      while (true) {
        int e = r.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          if (in.is("Include") && include == null) {
            String href = in.attr("href");
            if (href == null || href.isBlank()) {
              throw in.fail("xop:Include without href");
            }
            include = new DocumentContent.XopInclude(href.trim());
          }
          in.skip();
        } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
          char[] chars = r.getTextCharacters();
          for (int i = r.getTextStart(), end = i + r.getTextLength(); i < end; i++) {
            char c = chars[i];
            if (c > ' ') {
              if (b64.length() >= maxChars) {
                throw in.limit("maxInlineDocumentBytes", in.limits.maxInlineDocumentBytes(), (b64.length() + 1L) * 3 / 4);
              }
              b64.append(c);
            }
          }
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          break;
        } else if (e == XMLStreamConstants.END_DOCUMENT) {
          throw in.fail("document ended inside Document");
        }
      }
    } catch (XMLStreamException e) {
      throw in.fail("malformed XML in Document: " + e.getMessage(), e);
    }
    if (include != null) {
      return include;
    }
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(b64.toString());
      if (bytes.length > in.limits.maxInlineDocumentBytes()) {
        throw in.limit("maxInlineDocumentBytes", in.limits.maxInlineDocumentBytes(), bytes.length);
      }
      return new DocumentContent.Inline(bytes);
    } catch (IllegalArgumentException e) {
      throw in.fail("Document is not base64: " + e.getMessage(), e);
    }
  }

  static void writeResponse(XmlOut out, RetrieveDocumentSetResponse response) throws XMLStreamException {
    out.root(XDS_B_PREFIX, "RetrieveDocumentSetResponse", XDS_B, RS_PREFIX, RS);
    RegistryCodec.writeResponse(out, response.registryResponse());
    for (DocumentResponse d : response.documents()) {
      out.start(XDS_B_PREFIX, "DocumentResponse", XDS_B);
      out.element(XDS_B_PREFIX, "HomeCommunityId", XDS_B, d.homeCommunityId());
      out.element(XDS_B_PREFIX, "RepositoryUniqueId", XDS_B, d.repositoryUniqueId());
      out.element(XDS_B_PREFIX, "DocumentUniqueId", XDS_B, d.documentUniqueId());
      out.element(XDS_B_PREFIX, "NewRepositoryUniqueId", XDS_B, d.newRepositoryUniqueId());
      out.element(XDS_B_PREFIX, "NewDocumentUniqueId", XDS_B, d.newDocumentUniqueId());
      out.element(XDS_B_PREFIX, "mimeType", XDS_B, d.mimeType());
      out.start(XDS_B_PREFIX, "Document", XDS_B);
      writeContent(out, d.content());
      out.end();
      out.end();
    }
    out.end();
  }

  private static void writeContent(XmlOut out, DocumentContent content) throws XMLStreamException {
    if (content instanceof DocumentContent.XopInclude x) {
      out.empty(XOP_PREFIX, "Include", XOP);
      out.writer().writeNamespace(XOP_PREFIX, XOP);
      out.attr("href", x.href());
    } else if (content instanceof DocumentContent.Inline i) {
      out.text(Base64.getEncoder().encodeToString(i.bytes()));
    }
  }
}
