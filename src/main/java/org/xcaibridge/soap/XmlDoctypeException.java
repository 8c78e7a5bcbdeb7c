package org.xcaibridge.soap;

import javax.xml.stream.Location;

/**
 * The document has a document type declaration or an entity reference that would need one. SOAP 1.2
 * Part 1 §5 forbids DTDs in messages, and refusing them outright is what keeps entity expansion
 * ("billion laughs") and external entities (XXE) out: nothing from a DTD is ever processed.
 */
public final class XmlDoctypeException extends XmlInputException {
  public XmlDoctypeException(String message, Location where) {
    super(message, where);
  }
}
