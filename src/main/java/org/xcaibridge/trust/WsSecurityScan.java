package org.xcaibridge.trust;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * The shape check of a received {@code wsse:Security} block, before any signature is looked at: the
 * defence against XML signature wrapping (XSW). A signature can only be trusted to cover "the
 * assertion" if there is exactly one element that could be meant. So:
 * <ul>
 *   <li>no ID value (attributes {@code ID}, {@code Id}, {@code wsu:Id}, {@code AssertionID}) occurs twice
 *       anywhere in the document;</li>
 *   <li>exactly one {@code saml2:Assertion} exists in the block, and it is a direct child of
 *       {@code wsse:Security} (not inside a signature's {@code ds:Object}, an extension, another
 *       assertion or anything else);</li>
 *   <li>that assertion holds exactly one {@code ds:Signature}, as its second child right after Issuer
 *       (SAML 2.0 core schema), and no other signature anywhere inside it;</li>
 *   <li>at most one {@code wsu:Timestamp}, a direct child of the block, and at most one direct-child
 *       signature whose reference names it.</li>
 * </ul>
 * The walk is iterative, so a deep document costs heap, not stack (SecureXml bounds the depth anyway).
 */
final class WsSecurityScan {
  private WsSecurityScan() {}

  /** The elements validation will use; nothing is looked up by name after this. */
  record Found(Element assertion, Element assertionSignature, Optional<Element> timestamp,
      Optional<Element> timestampSignature) {}

  static Found scan(Element security) throws XuaRejectedException {
    uniqueIds(security.getOwnerDocument().getDocumentElement() != null
        ? security.getOwnerDocument().getDocumentElement() : security);
    List<Element> assertions = new ArrayList<>();
    List<Element> timestamps = new ArrayList<>();
    for (Element e : descendants(security)) {
      if (is(e, SamlNames.SAML2, "Assertion")) {
        assertions.add(e);
      } else if (is(e, SamlNames.WSU, "Timestamp")) {
        timestamps.add(e);
      }
    }
    if (assertions.isEmpty()) {
      throw new XuaRejectedException(Reason.MISSING, "no saml2:Assertion in wsse:Security");
    }
    if (assertions.size() > 1) {
      throw new XuaRejectedException(Reason.STRUCTURE, assertions.size() + " saml2:Assertion elements in wsse:Security");
    }
    Element assertion = assertions.get(0);
    if (assertion.getParentNode() != security) {
      throw new XuaRejectedException(Reason.STRUCTURE, "saml2:Assertion is not a direct child of wsse:Security");
    }
    Element signature = assertionSignature(assertion);
    if (timestamps.size() > 1) {
      throw new XuaRejectedException(Reason.STRUCTURE, timestamps.size() + " wsu:Timestamp elements");
    }
    Optional<Element> timestamp = timestamps.stream().findFirst();
    if (timestamp.isPresent() && timestamp.get().getParentNode() != security) {
      throw new XuaRejectedException(Reason.STRUCTURE, "wsu:Timestamp is not a direct child of wsse:Security");
    }
    return new Found(assertion, signature, timestamp, timestampSignature(security, timestamp));
  }

  private static Element assertionSignature(Element assertion) throws XuaRejectedException {
    List<Element> children = children(assertion);
    List<Element> direct = new ArrayList<>();
    for (Element c : children) {
      if (is(c, SamlNames.DS, "Signature")) {
        direct.add(c);
      }
    }
    for (Element e : descendants(assertion)) {
      if (is(e, SamlNames.DS, "Signature") && e.getParentNode() != assertion) {
        throw new XuaRejectedException(Reason.STRUCTURE, "a ds:Signature is nested inside the assertion");
      }
    }
    if (direct.isEmpty()) {
      throw new XuaRejectedException(Reason.UNSIGNED, "saml2:Assertion has no ds:Signature");
    }
    if (direct.size() > 1) {
      throw new XuaRejectedException(Reason.STRUCTURE, "saml2:Assertion has " + direct.size() + " signatures");
    }
    if (children.size() < 2 || !is(children.get(0), SamlNames.SAML2, "Issuer") || children.get(1) != direct.get(0)) {
      throw new XuaRejectedException(Reason.STRUCTURE, "the assertion's ds:Signature does not follow saml2:Issuer");
    }
    return direct.get(0);
  }

  /** The direct-child signature whose single reference names the timestamp's wsu:Id, if any. */
  private static Optional<Element> timestampSignature(Element security, Optional<Element> timestamp)
      throws XuaRejectedException {
    if (timestamp.isEmpty()) {
      return Optional.empty();
    }
    String uri = "#" + timestamp.get().getAttributeNS(SamlNames.WSU, "Id");
    Element found = null;
    for (Element c : children(security)) {
      if (!is(c, SamlNames.DS, "Signature")) {
        continue;
      }
      for (Element si : children(c)) {
        if (!is(si, SamlNames.DS, "SignedInfo")) {
          continue;
        }
        for (Element ref : children(si)) {
          if (is(ref, SamlNames.DS, "Reference") && uri.equals(ref.getAttribute("URI"))) {
            if (found != null) {
              throw new XuaRejectedException(Reason.STRUCTURE, "two signatures reference the timestamp");
            }
            found = c;
          }
        }
      }
    }
    return Optional.ofNullable(found);
  }

  private static void uniqueIds(Element root) throws XuaRejectedException {
    Set<String> seen = new HashSet<>();
    for (Element e : descendantsAndSelf(root)) {
      NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr a = (Attr) attributes.item(i);
        String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
        if (("ID".equals(local) || "Id".equals(local) || "AssertionID".equals(local))
            && !SamlNames.XMLNS.equals(a.getNamespaceURI()) && !seen.add(a.getValue())) {
          throw new XuaRejectedException(Reason.STRUCTURE, "duplicate ID '" + a.getValue() + "'");
        }
      }
    }
  }

  static boolean is(Node n, String ns, String local) {
    return n.getNodeType() == Node.ELEMENT_NODE && ns.equals(n.getNamespaceURI()) && local.equals(n.getLocalName());
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        out.add((Element) n);
      }
    }
    return out;
  }

  private static List<Element> descendants(Element root) {
    List<Element> all = descendantsAndSelf(root);
    return all.subList(1, all.size());
  }

  /** Document order, iteratively. */
  private static List<Element> descendantsAndSelf(Element root) {
    List<Element> out = new ArrayList<>();
    Deque<Element> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Element e = stack.pop();
      out.add(e);
      List<Element> kids = children(e);
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.push(kids.get(i));
      }
    }
    return out;
  }
}
