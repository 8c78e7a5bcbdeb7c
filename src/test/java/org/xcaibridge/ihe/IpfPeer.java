package org.xcaibridge.ihe;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.xdsi.RetrieveImagingDocumentSetRequestType;

/**
 * IPF 5.1.0 as an independent peer: its JAXB ebXML 3.0 model unmarshals what we write, validating against
 * the IHE/ebRS schemas IPF ships (IHEXDSB.xsd, IHEXDSIB.xsd, ebRS 3.0 query.xsd); its validators and
 * transformers then run on the result.
 */
final class IpfPeer {
  private static final JAXBContext CONTEXT;
  /** ebRS 3.0 query.xsd (with IPF's rim.xsd). */
  private static final Schema QUERY_SCHEMA;
  /** IHEXDSB.xsd + IHEXDSIB.xsd. */
  private static final Schema RETRIEVE_SCHEMA;

  static {
    try {
      CONTEXT = JAXBContext.newInstance(AdhocQueryRequest.class, AdhocQueryResponse.class,
          RetrieveDocumentSetRequestType.class, RetrieveDocumentSetResponseType.class,
          RetrieveImagingDocumentSetRequestType.class);
      QUERY_SCHEMA = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(source("wsdl/schema/ebRS30/query.xsd"));
      // IPF's rim.xsd refers to an xds-b:Document element that only its xcf.xsd declares; both files share
      // the xds-b namespace, so they are included into one schema document for that namespace.
      String wrapper = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='"
          + IheNamespaces.XDS_B + "' elementFormDefault='qualified'>"
          + "<xs:include schemaLocation='" + url("wsdl/schema/IHE/IHEXDSB.xsd") + "'/>"
          + "<xs:include schemaLocation='" + url("wsdl/schema/IHE/xcf.xsd") + "'/></xs:schema>";
      StreamSource xdsb = new StreamSource(new StringReader(wrapper));
      xdsb.setSystemId("urn:xcai:test:xdsb-wrapper");
      RETRIEVE_SCHEMA = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(new Source[] {xdsb, source("wsdl/schema/IHE/IHEXDSIB.xsd")});
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private IpfPeer() {}

  private static String url(String resource) {
    URL url = IpfPeer.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException("IPF schema not on the test class path: " + resource);
    }
    return url.toExternalForm();
  }

  private static Source source(String resource) {
    return new StreamSource(url(resource));
  }

  /** Unmarshals {@code xml} into IPF's JAXB type, failing on any schema violation. */
  static <T> T unmarshalValid(String xml, Class<T> type) throws JAXBException {
    Unmarshaller u = CONTEXT.createUnmarshaller();
    boolean query = type == AdhocQueryRequest.class || type == AdhocQueryResponse.class;
    u.setSchema(query ? QUERY_SCHEMA : RETRIEVE_SCHEMA);
    u.setEventHandler(event -> false); // any schema or binding problem fails the unmarshal
    JAXBElement<T> e = u.unmarshal(new StreamSource(new StringReader(xml)), type);
    return e.getValue();
  }

  /**
   * Unmarshals through IPF's JAXB binding alone, failing on any binding problem. For the RAD-69/75 request:
   * IPF's IHEXDSIB.xsd, read literally (elementFormDefault qualified), puts {@code DocumentRequest} in the
   * xdsi-b namespace, while IPF's JAXB binding, the NIST test messages (fixtures 01, 02) and protocol.md §4.1
   * put it in xds-b, which we write. IPF's runtime is the peer, so its binding decides.
   */
  static <T> T unmarshalBound(String xml, Class<T> type) throws JAXBException {
    return unmarshalXop(xml, type, Map.of());
  }

  /**
   * Unmarshals an MTOM root part: {@code xop:Include}s are resolved through {@code attachments} (keyed by
   * href as written, {@code cid:…}) the way a JAX-WS stack does. No schema: the XSD describes the
   * reconstituted infoset, not the XOP form.
   */
  static <T> T unmarshalXop(String xml, Class<T> type, Map<String, byte[]> attachments) throws JAXBException {
    Unmarshaller u = CONTEXT.createUnmarshaller();
    u.setEventHandler(event -> false);
    u.setAttachmentUnmarshaller(new AttachmentUnmarshaller() {
      @Override
      public DataHandler getAttachmentAsDataHandler(String cid) {
        byte[] bytes = attachments.get(cid);
        if (bytes == null) {
          throw new IllegalArgumentException("no attachment for " + cid);
        }
        return new DataHandler(bytesSource(bytes));
      }

      @Override
      public byte[] getAttachmentAsByteArray(String cid) {
        return attachments.get(cid);
      }

      @Override
      public boolean isXOPPackage() {
        return true;
      }
    });
    return u.unmarshal(new StreamSource(new StringReader(xml)), type).getValue();
  }

  private static DataSource bytesSource(byte[] bytes) {
    return new DataSource() {
      @Override
      public InputStream getInputStream() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public OutputStream getOutputStream() {
        throw new UnsupportedOperationException();
      }

      @Override
      public String getContentType() {
        return "application/octet-stream";
      }

      @Override
      public String getName() {
        return "attachment";
      }
    };
  }

  /** IPF's own XML for one of its JAXB objects, under the given root element. */
  static <T> String marshal(T value, Class<T> type, QName root) throws JAXBException {
    Marshaller m = CONTEXT.createMarshaller();
    StringWriter sw = new StringWriter();
    m.marshal(new JAXBElement<>(root, type, value), sw);
    return sw.toString();
  }
}
