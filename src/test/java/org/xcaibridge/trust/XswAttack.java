package org.xcaibridge.trust;

import static org.xcaibridge.trust.XuaFixtures.DS;
import static org.xcaibridge.trust.XuaFixtures.SAML2;
import static org.xcaibridge.trust.XuaFixtures.child;
import static org.xcaibridge.trust.XuaFixtures.children;

import org.w3c.dom.Element;

/**
 * XML signature wrapping, XSW1 to XSW8 (the classic variants of Somorovsky et al., "On Breaking SAML", 2012, as
 * tools such as SAML Raider build them), moved from a SAML Response to an assertion in wsse:Security. Each
 * rearranges a signed block so that an "evil" assertion saying subject-id = Mallory sits where a naive reader
 * looks (the first saml2:Assertion child of wsse:Security), while the original signature still verifies over the
 * original content hidden elsewhere. Shared by the validator's own test and the responder door's.
 */
enum XswAttack {
  /** Evil assertion with a new ID; the original inside the signature's ds:Object. */
  XSW1("2 saml2:Assertion", (sec, a, sig) -> {
    Element evil = evil(a, false);
    sec.replaceChild(evil, a);
    takeSignature(evil, sig);
    return (Element) dsObject(sig).appendChild(unsigned(a));
  }),
  /** Evil assertion with a new ID; the original inside it, before the signature. */
  XSW2("2 saml2:Assertion", (sec, a, sig) -> {
    Element evil = evil(a, false);
    sec.replaceChild(evil, a);
    takeSignature(evil, sig);
    return (Element) evil.insertBefore(unsigned(a), sig);
  }),
  /** Evil assertion with the same ID before the original. */
  XSW3("duplicate ID", (sec, a, sig) -> {
    sec.insertBefore(evil(a, true), a);
    return a;
  }),
  /** Evil assertion with the same ID wrapping the original. */
  XSW4("duplicate ID", (sec, a, sig) -> {
    Element evil = evil(a, true);
    sec.replaceChild(evil, a);
    evil.appendChild(a);
    return a;
  }),
  /** Evil assertion keeps the signature; an unsigned copy of the original appended. */
  XSW5("duplicate ID", (sec, a, sig) -> {
    Element evil = evil(a, true);
    sec.replaceChild(evil, a);
    takeSignature(evil, sig);
    return (Element) sec.appendChild(unsigned(a));
  }),
  /** Evil assertion keeps the signature; the original inside its KeyInfo. */
  XSW6("duplicate ID", (sec, a, sig) -> {
    Element evil = evil(a, true);
    sec.replaceChild(evil, a);
    takeSignature(evil, sig);
    return (Element) child(sig, DS, "KeyInfo").appendChild(unsigned(a));
  }),
  /** The original inside an Extensions element, the evil assertion beside it. */
  XSW7("duplicate ID", (sec, a, sig) -> {
    Element evil = evil(a, true);
    Element extensions = sec.getOwnerDocument()
        .createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "samlp:Extensions");
    sec.replaceChild(extensions, a);
    extensions.appendChild(a);
    sec.insertBefore(evil, extensions.getNextSibling());
    return a;
  }),
  /** Evil assertion keeps the signature; the original, without signature, in a ds:Object. */
  XSW8("duplicate ID", (sec, a, sig) -> {
    Element evil = evil(a, true);
    sec.replaceChild(evil, a);
    takeSignature(evil, sig);
    return (Element) dsObject(sig).appendChild(unsigned(a));
  });

  /** Rearranges the signed block; returns the element holding the original signed content now. */
  @FunctionalInterface
  interface Rearrangement {
    Element apply(Element security, Element assertion, Element signature);
  }

  /** What the validator's message says the shape check caught. */
  final String because;
  private final Rearrangement rearrangement;

  XswAttack(String because, Rearrangement rearrangement) {
    this.because = because;
    this.rearrangement = rearrangement;
  }

  /** Applies the attack to a parsed signed block; returns the element holding the original signed content. */
  Element apply(Element security) {
    Element a = child(security, SAML2, "Assertion");
    Element sig = child(a, DS, "Signature");
    return rearrangement.apply(security, a, sig);
  }

  /** The attack applied to the bytes of a signed block. */
  byte[] apply(byte[] security) throws Exception {
    Element sec = XuaFixtures.parse(security).getDocumentElement();
    apply(sec);
    return XuaFixtures.bytes(sec);
  }

  /** A copy of the assertion without its signature, subject-id changed to Mallory, same or new ID. */
  static Element evil(Element assertion, boolean sameId) {
    Element evil = unsigned(assertion);
    if (!sameId) {
      evil.setAttribute("ID", "_evil");
    }
    evil.getElementsByTagNameNS(SAML2, "AttributeValue").item(0).setTextContent("Mallory");
    return evil;
  }

  /** A copy of the original assertion, signature removed: what the signature's digest was made over. */
  static Element unsigned(Element assertion) {
    Element copy = (Element) assertion.cloneNode(true);
    for (Element s : children(copy, DS, "Signature")) {
      copy.removeChild(s);
    }
    return copy;
  }

  /** Moves the signature into {@code evil}, right after its Issuer, as SAML's schema places it. */
  static void takeSignature(Element evil, Element signature) {
    evil.insertBefore(signature, child(evil, SAML2, "Issuer").getNextSibling());
  }

  private static Element dsObject(Element signature) {
    Element object = signature.getOwnerDocument().createElementNS(DS, "ds:Object");
    signature.appendChild(object);
    return object;
  }
}
