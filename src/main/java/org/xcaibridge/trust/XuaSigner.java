package org.xcaibridge.trust;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.w3c.dom.Element;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.xcaibridge.soap.SecureXml;
import org.xcaibridge.soap.SecurityHeader;

/**
 * The initiating side of XUA: builds, per request, the {@code wsse:Security} block a Carequality
 * responding gateway expects (protocol.md §7.2): a {@code wsu:Timestamp}, a SAML 2.0 assertion signed
 * enveloped (signature after Issuer, X.509 certificate chain in KeyInfo), and a signature over the
 * timestamp placed after the assertion. Both signatures use exclusive c14n and, unless the recipient
 * needs SHA-1, RSA-SHA256 with SHA-256 digests. Under holder-of-key the timestamp signature names its key
 * through the assertion (SAML Token Profile 1.1 KeyIdentifier SAMLID); under sender-vouches it carries
 * the certificate itself.
 *
 * <p><b>CPU work — never on the event loop:</b> every call makes two RSA signatures, canonicalises and
 * serialises a DOM (milliseconds; bench/xua-signing.sh measures it against an unsigned request), so the
 * Vert.x caller runs it in {@code executeBlocking} or on a worker. This class has no Vert.x dependency.
 * Thread-safe if the clock and id source are.
 */
public final class XuaSigner {
  private static final TransformerFactory TRANSFORMERS = SecureXml.transformerFactory();

  private final XuaSignerConfig config;
  private final Clock clock;
  private final Supplier<UUID> ids;

  /**
   * @param clock what "now" is for IssueInstant, Conditions and the timestamp
   * @param ids   where assertion and timestamp IDs come from (random in production, fixed in tests)
   */
  public XuaSigner(XuaSignerConfig config, Clock clock, Supplier<UUID> ids) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** The block for {@link org.xcaibridge.soap.SoapWriter}; blocking CPU work, see the class comment. */
  public SecurityHeader securityHeader(XuaSubject subject, XuaRecipient recipient) {
    return SecurityHeader.ofXml(securityHeaderXml(subject, recipient));
  }

  /** The signed {@code wsse:Security} element as UTF-8 bytes without XML declaration. */
  public byte[] securityHeaderXml(XuaSubject subject, XuaRecipient recipient) {
    Element security = signedSecurityElement(subject, recipient);
    return serialise(security);
  }

  /** The signed block as DOM (the document element of its own document); for tests and tools. */
  Element signedSecurityElement(XuaSubject subject, XuaRecipient recipient) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(recipient, "recipient");
    // "_" and "TS-" keep the IDs NCNames (xs:ID) whatever the UUID starts with.
    String assertionId = "_" + Objects.requireNonNull(ids.get(), "id");
    String timestampId = "TS-" + Objects.requireNonNull(ids.get(), "id");
    SamlAssertionBuilder.Built b = SamlAssertionBuilder.build(config, subject, recipient, clock.instant(),
        assertionId, timestampId);
    XuaSignerConfig.SigningKey key = config.key();
    SamlSignatures.sign(b.assertion(), null, "ID", assertionId, true, b.assertion(), b.afterIssuer(),
        key.privateKey(), recipient.suite(), key.chain(), null);
    boolean holderOfKey = config.confirmation() == XuaSignerConfig.Confirmation.HOLDER_OF_KEY;
    SamlSignatures.sign(b.timestamp(), SamlNames.WSU, "Id", timestampId, false, b.security(), null,
        key.privateKey(), recipient.suite(), holderOfKey ? List.of() : key.chain(),
        holderOfKey ? tokenReference(b.security(), assertionId) : null);
    return b.security();
  }

  /** wsse:SecurityTokenReference naming the assertion as the key holder (SAML Token Profile 1.1 §3.4.2). */
  private static Element tokenReference(Element security, String assertionId) {
    var doc = security.getOwnerDocument();
    Element str = doc.createElementNS(SamlNames.WSSE, SamlNames.P_WSSE + ":SecurityTokenReference");
    str.setAttributeNS(SamlNames.XMLNS, "xmlns:" + SamlNames.P_WSSE11, SamlNames.WSSE11);
    str.setAttributeNS(SamlNames.WSSE11, SamlNames.P_WSSE11 + ":TokenType", SamlNames.TOKEN_SAML20);
    Element id = doc.createElementNS(SamlNames.WSSE, SamlNames.P_WSSE + ":KeyIdentifier");
    id.setAttribute("ValueType", SamlNames.SAMLID);
    id.setTextContent(assertionId);
    str.appendChild(id);
    return str;
  }

  /**
   * DOM to UTF-8 bytes with the JDK's identity transformer (an LSSerializer took longer than both
   * signatures together here). The factory is shared; it is not documented thread-safe, so making a transformer
   * (microseconds) is serialised on it, and each call then has its own.
   */
  static byte[] serialise(Element element) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16384);
    try {
      Transformer t;
      synchronized (TRANSFORMERS) {
        t = TRANSFORMERS.newTransformer();
      }
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.transform(new DOMSource(element), new StreamResult(bytes));
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialise the security header", e);
    }
    return bytes.toByteArray();
  }

}
