package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Test-side readers of what the trail sends, independent of the code under test: a regex reading of the
 * RFC 5424 header, the JDK's XML Schema validator with the transcribed PS3.15 A.5.1 schema, and the JDK's
 * DOM parser with XPath.
 */
public final class AuditChecks {
  private AuditChecks() {}

  private static final Schema SCHEMA = loadSchema();
  private static final ThreadLocal<XPath> XPATH =
      ThreadLocal.withInitial(() -> XPathFactory.newDefaultInstance().newXPath());
  private static final Pattern HEADER = Pattern.compile(
      "<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?(?:Z|[+-]\\d\\d:\\d\\d)) (\\S{1,255}) "
          + "(\\S{1,48}) (\\S{1,128}) (\\S{1,32}) \\[meta sequenceId=\"(\\d{1,10})\"\\] ");

  /** One SYSLOG-MSG read back. */
  public record Syslog(int pri, String timestamp, String hostName, String appName, String procId, String msgId,
      long sequenceId, boolean bom, byte[] xml) {}

  public static Syslog parse(byte[] message) {
    // the header is ASCII; the MSG starts after the structured data
    int headerEnd = indexOf(message, "\"] ".getBytes(StandardCharsets.US_ASCII)) + 3;
    assertThat(headerEnd).as("structured data end").isGreaterThan(3);
    String header = new String(message, 0, headerEnd, StandardCharsets.US_ASCII);
    Matcher m = HEADER.matcher(header);
    assertThat(m.matches()).as("RFC 5424 header: %s", header).isTrue();
    boolean bom = message.length >= headerEnd + 3 && (message[headerEnd] & 0xFF) == 0xEF
        && (message[headerEnd + 1] & 0xFF) == 0xBB && (message[headerEnd + 2] & 0xFF) == 0xBF;
    byte[] xml = Arrays.copyOfRange(message, headerEnd + (bom ? 3 : 0), message.length);
    return new Syslog(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
        Long.parseLong(m.group(7)), bom, xml);
  }

  /** Validates against the transcribed DICOM audit message schema; fails the test with the validator's message. */
  public static void validate(byte[] xml) {
    try {
      SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    } catch (Exception e) {
      throw new AssertionError("not valid per PS3.15 A.5.1: " + e.getMessage() + "\n"
          + new String(xml, StandardCharsets.UTF_8), e);
    }
  }

  public static Document dom(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * The syslog messages among {@code audits} of event {@code type} (a DCM code) written by the node one of whose
   * endpoints starts with {@code endpoint}: its own participant carries its process id (AlternativeUserID) and the
   * endpoint as UserID; the other side's audits of the same exchange name that node without a process id.
   */
  public static List<Document> writtenBy(List<String> audits, String type, String endpoint) {
    return audits.stream().filter(a -> a.contains("csd-code=\"" + type + "\""))
        .map(a -> dom(a.substring(a.indexOf("<AuditMessage")).getBytes(StandardCharsets.UTF_8)))
        .filter(d -> !text(d, "/AuditMessage/ActiveParticipant[@AlternativeUserID and starts-with(@UserID, '"
            + endpoint + "')]/@UserID").isEmpty()).toList();
  }

  public static String text(Document d, String xpath) {
    try {
      return (String) XPATH.get().evaluate(xpath, d, XPathConstants.STRING);
    } catch (Exception e) {
      throw new AssertionError(xpath, e);
    }
  }

  static int count(Document d, String xpath) {
    try {
      return ((NodeList) XPATH.get().evaluate(xpath, d, XPathConstants.NODESET))
          .getLength();
    } catch (Exception e) {
      throw new AssertionError(xpath, e);
    }
  }

  /** The base64 value of an attribute or element, decoded as UTF-8. */
  static String base64Text(Document d, String xpath) {
    return new String(Base64.getDecoder().decode(text(d, xpath).strip()), StandardCharsets.UTF_8);
  }

  private static Schema loadSchema() {
    try {
      SchemaFactory f = SchemaFactory.newDefaultInstance();
      return f.newSchema(AuditChecks.class.getResource("dicom-audit-message.xsd"));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
