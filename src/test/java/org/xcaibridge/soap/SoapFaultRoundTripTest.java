package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A SOAP 1.2 fault written with every part (subcode chain, reasons, node, role, detail) reads back equal. */
class SoapFaultRoundTripTest {
  private static final QName ACTION_NOT_SUPPORTED = new QName(SoapFixtures.WSA, "ActionNotSupported", "wsa");
  private static final QName CUSTOM = new QName("urn:bridge:faults", "UnknownCommunity", "b");

  @Test
  void everyPartSurvives() throws Exception {
    List<Element> detail = List.of(
        SecureXml.parseDocument(SoapFixtures.utf8("<d:Problem xmlns:d='urn:d' d:code='7'><d:Where>x</d:Where>"
            + "<e:Other xmlns:e='urn:e' plain='p'>&lt;text&gt;</e:Other></d:Problem>"), XmlLimits.DEFAULT).getDocumentElement(),
        SecureXml.parseDocument(SoapFixtures.utf8("<Plain>no namespace</Plain>"), XmlLimits.DEFAULT).getDocumentElement());
    SoapFault fault = new SoapFault(SoapFault.SENDER, List.of(ACTION_NOT_SUPPORTED, CUSTOM),
        List.of(new SoapFault.Reason("en", "Action not supported"), new SoapFault.Reason("de", "Aktion unbekannt")),
        Optional.of("https://responder.example/rad75"), Optional.of(SoapFixtures.ENV + "/role/ultimateReceiver"), detail);

    byte[] envelope = new SoapWriter(SoapFixtures.countingIds()).fault("urn:uuid:7", fault);

    SoapFaultException e = catchFault(envelope);
    SoapFault read = e.fault();
    assertThat(read.code()).isEqualTo(SoapFault.SENDER);
    assertThat(read.subcodes()).containsExactly(ACTION_NOT_SUPPORTED, CUSTOM);
    assertThat(read.reasons()).isEqualTo(fault.reasons());
    assertThat(read.node()).isEqualTo(fault.node());
    assertThat(read.role()).isEqualTo(fault.role());
    assertThat(read.detail()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(describe(read.detail().get(i))).isEqualTo(describe(detail.get(i)));
    }
    assertThat(e.headers().addressing().action()).contains(SoapWriter.FAULT_ACTION);
    assertThat(e.headers().addressing().relatesTo()).contains("urn:uuid:7");
    assertThat(e.getMessage()).contains("Sender").contains("Action not supported");
  }

  @Test
  void simplestFaultSurvives() throws Exception {
    SoapFault fault = SoapFault.of(SoapFault.RECEIVER, "busy");
    SoapFault read = catchFault(new SoapWriter(SoapFixtures.countingIds()).fault(null, fault)).fault();
    assertThat(read).isEqualTo(fault); // no detail: record equality holds
  }

  @Test
  void peerFaultWithoutLangAndWithItsOwnPrefixes() throws Exception {
    byte[] envelope = SoapFixtures.utf8("<env:Envelope xmlns:env='" + SoapFixtures.ENV + "'><env:Body><env:Fault>"
        + "<env:Code><env:Value>env:Receiver</env:Value><env:Subcode><env:Value xmlns:x='urn:x'> x:Busy </env:Value>"
        + "</env:Subcode></env:Code><env:Reason><env:Text>try later</env:Text></env:Reason>"
        + "<x:Extra xmlns:x='urn:x'/></env:Fault></env:Body></env:Envelope>");
    SoapFault read = catchFault(envelope).fault();
    assertThat(read.code()).isEqualTo(SoapFault.RECEIVER);
    assertThat(read.subcodes()).containsExactly(new QName("urn:x", "Busy"));
    assertThat(read.reasons()).containsExactly(new SoapFault.Reason("", "try later"));
  }

  @Test
  void faultCodeWithUndeclaredPrefixIsAnEnvelopeError() {
    byte[] envelope = SoapFixtures.utf8("<env:Envelope xmlns:env='" + SoapFixtures.ENV + "'><env:Body><env:Fault>"
        + "<env:Code><env:Value>nope:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang='en'>r</env:Text>"
        + "</env:Reason></env:Fault></env:Body></env:Envelope>");
    assertThatThrownBy(() -> SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(SoapEnvelopeException.class).hasMessageContaining("undeclared prefix");
  }

  @Test
  void faultValuesAreValidated() {
    assertThatThrownBy(() -> new SoapFault(SoapFault.SENDER, List.of(), List.of(), Optional.empty(),
        Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SoapFault.of(SoapFault.SENDER, "r").withSubcodes(new QName("local")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SoapFaultException catchFault(byte[] envelope) {
    Throwable t = DepthBombRejectedTest.catchAny(() -> SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME));
    assertThat(t).isInstanceOf(SoapFaultException.class);
    return (SoapFaultException) t;
  }

  /** Names, non-xmlns attributes and text of a DOM subtree, for comparing copies. */
  static String describe(Node node) {
    StringBuilder s = new StringBuilder();
    if (node instanceof Element) {
      Element e = (Element) node;
      s.append('{').append(e.getNamespaceURI()).append('}').append(e.getLocalName()).append('[');
      for (int i = 0; i < e.getAttributes().getLength(); i++) {
        Node a = e.getAttributes().item(i);
        if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
          s.append('{').append(a.getNamespaceURI()).append('}').append(a.getLocalName()).append('=')
              .append(a.getNodeValue()).append(' ');
        }
      }
      s.append(']');
      for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
        s.append(describe(c));
      }
      s.append("</>");
    } else if (node.getNodeType() == Node.TEXT_NODE) {
      s.append('"').append(node.getNodeValue()).append('"');
    }
    return s.toString();
  }
}
