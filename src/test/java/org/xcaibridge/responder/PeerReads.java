package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLQueryResponse30;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.transform.responses.QueryResponseTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.responses.QueryResponseValidator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Answers of our gateway read by independent peers: the envelope by SAAJ (Eclipse Metro, the SOAP stack CXF's SAAJ
 * support runs on), an ITI-38 body by IPF's JAXB model, validator and transformer.
 */
final class PeerReads {
  private static final JAXBContext JAXB;

  static {
    try {
      JAXB = JAXBContext.newInstance(AdhocQueryResponse.class);
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private PeerReads() {}

  static SOAPMessage saaj(GatewayRig.Answer a) throws Exception {
    MimeHeaders headers = new MimeHeaders();
    headers.addHeader("Content-Type", a.contentType());
    return MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
        .createMessage(headers, new ByteArrayInputStream(a.body()));
  }

  /** The text of a WS-Addressing header of the answer. */
  static String wsa(SOAPMessage m, String local) throws Exception {
    var it = m.getSOAPHeader().getChildElements(new QName(RequestFaults.WSA, local));
    return it.hasNext() ? ((Node) it.next()).getTextContent().strip() : null;
  }

  /** An ITI-38 answer as IPF reads it, after IPF's ITI-38 response validator accepted it. */
  static QueryResponse ipfQueryResponse(GatewayRig.Answer a) throws Exception {
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    SOAPMessage m = saaj(a);
    Element body = firstElement(m.getSOAPBody());
    Unmarshaller u = JAXB.createUnmarshaller();
    u.setEventHandler(event -> false);
    AdhocQueryResponse jaxb = u.unmarshal(body, AdhocQueryResponse.class).getValue();
    EbXMLQueryResponse30 ebxml = new EbXMLQueryResponse30(jaxb);
    QueryResponseValidator.getInstance().validate(ebxml, XCA.Interactions.ITI_38);
    return new QueryResponseTransformer(new EbXMLFactory30()).fromEbXML(ebxml);
  }

  /** The fault's code, subcodes (local names) and reason, as SAAJ reads them. */
  record Fault(String code, List<String> subcodes, String reason) {}

  static Fault fault(GatewayRig.Answer a) throws Exception {
    SOAPMessage m = saaj(a);
    assertThat(m.getSOAPBody().hasFault()).as(a.text()).isTrue();
    var f = m.getSOAPBody().getFault();
    List<String> subcodes = new ArrayList<>();
    f.getFaultSubcodes().forEachRemaining(q -> subcodes.add(q.getLocalPart()));
    return new Fault(f.getFaultCodeAsQName().getLocalPart(), subcodes, f.getFaultReasonText(java.util.Locale.ENGLISH));
  }

  private static Element firstElement(Node parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    throw new AssertionError("no element in " + parent.getNodeName());
  }
}
