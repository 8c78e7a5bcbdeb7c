package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.soap.SOAPMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.PatientDiscoveryResponse;
import org.xcaibridge.soap.SecureXml;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.XmlLimits;

/**
 * ITI-55 from the tests' side: requests made from IPF's PRPA_IN201305UV02 sample (fixture 13) with the
 * demographics changed as a test needs, posted in a SOAP 1.2 envelope; answers checked by SAAJ (the envelope and
 * its WS-Addressing headers), against the element structure of IPF's PRPA_IN201306UV02 sample (fixture 14) —
 * IPF's HL7 v3 module is not available to validate it — and read into our model for the values.
 */
final class Iti55Exchange {
  static final String HL7 = "urn:hl7-org:v3";
  private static final Pattern MESSAGE_ID = Pattern.compile("<a:MessageID>([^<]+)</a:MessageID>");

  private Iti55Exchange() {}

  /** IPF's sample request: Jimmy Jones, male, born 1963-08-05, two ids of other domains, minimumDegreeMatch 100. */
  static String fixtureRequest() throws Exception {
    return Files.readString(Fixtures.sharedIhe().resolve("13_iti55_request_PRPA_IN201305UV02.ipf.xml"));
  }

  /** The sample with a parameter element (and its content) removed, e.g. {@code livingSubjectBirthTime}. */
  static String without(String request, String element) {
    String out = request.replaceAll("(?s)<" + element + ">.*?</" + element + ">", "");
    assertThat(out).isNotEqualTo(request);
    return out;
  }

  /** The answer to the request, after SAAJ read it and its headers name the response and the request. */
  static PatientDiscoveryResponse ask(GatewayRig rig, String request) throws Exception {
    byte[] env = GatewayRig.envelope(IheTransaction.ITI_55.requestAction(), rig.url(RespondingGateway.ITI55_PATH),
        request);
    Matcher id = MESSAGE_ID.matcher(new String(env, StandardCharsets.UTF_8));
    assertThat(id.find()).isTrue();
    GatewayRig.Answer a = rig.post(RespondingGateway.ITI55_PATH, GatewayRig.SOAP, env);
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/soap+xml");
    SOAPMessage m = PeerReads.saaj(a);
    assertThat(m.getSOAPBody().hasFault()).isFalse();
    assertThat(PeerReads.wsa(m, "Action")).isEqualTo(IheTransaction.ITI_55.responseAction());
    assertThat(PeerReads.wsa(m, "RelatesTo")).isEqualTo(id.group(1));
    assertFixtureShape(a.body());
    return SoapReader.read(a.body(), XmlLimits.DEFAULT, in -> {
      try {
        return IheCodec.withDefaults().read(in, PatientDiscoveryResponse.class);
      } catch (IheParseException e) {
        throw new XMLStreamException(e);
      }
    }).body();
  }

  /**
   * Every element path of the answer's body is one IPF's sample answer has (all in the HL7 v3 namespace), but for
   * the degree of match the sample's echo lacks, error details and our homeCommunityId as sender; and the paths that
   * carry the answer are there.
   */
  private static void assertFixtureShape(byte[] envelope) throws Exception {
    Set<String> fixture = paths(Files.readAllBytes(Fixtures.sharedIhe().resolve(
        "14_iti55_response_PRPA_IN201306UV02.ipf.xml")), null);
    Set<String> ours = paths(envelope, "PRPA_IN201306UV02");
    Set<String> extra = new TreeSet<>(ours);
    extra.removeAll(fixture);
    // the sample answer names the homeCommunityId under receiver/device/asAgent only; we name ours under sender
    // too, where the sample request names the initiator's (fixture 13)
    assertThat(extra).allMatch(p -> p.contains("/matchCriterionList") || p.contains("/reasonOf")
        || p.contains("/acknowledgementDetail") || p.startsWith("/PRPA_IN201306UV02/sender/device/asAgent"));
    assertThat(ours).contains("/PRPA_IN201306UV02/acknowledgement/typeCode",
        "/PRPA_IN201306UV02/acknowledgement/targetMessage/id",
        "/PRPA_IN201306UV02/controlActProcess/queryAck/queryResponseCode",
        "/PRPA_IN201306UV02/controlActProcess/queryByParameter/queryId");
  }

  /** Element paths from {@code root} (the document element when null); every element must be HL7 v3. */
  private static Set<String> paths(byte[] xml, String root) throws Exception {
    Set<String> paths = new TreeSet<>();
    XMLStreamReader r = SecureXml.reader(xml, XmlLimits.DEFAULT);
    StringBuilder path = new StringBuilder();
    boolean inside = root == null;
    int depth = 0;
    while (r.hasNext()) {
      int e = r.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        if (!inside && r.getLocalName().equals(root)) {
          inside = true;
          depth = 0;
        }
        if (inside) {
          assertThat(r.getNamespaceURI()).as(r.getLocalName()).isEqualTo(HL7);
          path.append('/').append(r.getLocalName());
          paths.add(path.toString());
          depth++;
        }
      } else if (e == XMLStreamConstants.END_ELEMENT && inside) {
        path.setLength(path.lastIndexOf("/"));
        if (--depth == 0 && root != null) {
          inside = false;
        }
      }
    }
    return paths;
  }
}
