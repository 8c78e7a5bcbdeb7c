package org.xcaibridge.soap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A SOAP 1.2 fault (SOAP 1.2 Part 1 §5.4): the code, optional nested subcodes, the reason in one or more
 * languages, the node and role that faulted, and detail entries.
 *
 * @param code     {@code env:Code/env:Value}; one of the five constants below when the peer is conformant,
 *                 but any name read from the wire is kept as it is
 * @param subcodes the {@code env:Subcode/env:Value} chain, outermost first; each has a namespace
 * @param reasons  the {@code env:Reason/env:Text} entries, at least one
 * @param detail   the child elements of {@code env:Detail} (standalone DOM copies when read); empty when
 *                 there is no detail (DOM elements compare by identity, so two faults with detail are
 *                 equal only if they share the elements)
 */
public record SoapFault(QName code, List<QName> subcodes, List<Reason> reasons, Optional<String> node,
    Optional<String> role, List<Element> detail) {

  public static final QName VERSION_MISMATCH = new QName(Names.SOAP12, "VersionMismatch");
  public static final QName MUST_UNDERSTAND = new QName(Names.SOAP12, "MustUnderstand");
  public static final QName DATA_ENCODING_UNKNOWN = new QName(Names.SOAP12, "DataEncodingUnknown");
  public static final QName SENDER = new QName(Names.SOAP12, "Sender");
  public static final QName RECEIVER = new QName(Names.SOAP12, "Receiver");

  /** One {@code env:Text}; {@code lang} is its {@code xml:lang} ("" when a peer left it out). */
  public record Reason(String lang, String text) {
    public Reason {
      Objects.requireNonNull(lang, "lang");
      Objects.requireNonNull(text, "text");
    }
  }

  public SoapFault {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(role, "role");
    subcodes = List.copyOf(subcodes);
    reasons = List.copyOf(reasons);
    detail = List.copyOf(detail);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a SOAP fault needs at least one reason");
    }
    for (QName subcode : subcodes) {
      if (subcode.getNamespaceURI().isEmpty()) {
        throw new IllegalArgumentException("a fault subcode needs a namespace, was " + subcode);
      }
    }
  }

  /** A fault with one English reason and nothing else. */
  public static SoapFault of(QName code, String reason) {
    return new SoapFault(code, List.of(), List.of(new Reason("en", reason)), Optional.empty(),
        Optional.empty(), List.of());
  }

  /** This fault with the given subcode chain. */
  public SoapFault withSubcodes(QName... chain) {
    return new SoapFault(code, List.of(chain), reasons, node, role, detail);
  }

  /** The first reason's text, for messages and logs. */
  public String reasonText() {
    return reasons.get(0).text();
  }
}
