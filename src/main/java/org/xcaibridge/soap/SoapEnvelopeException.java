package org.xcaibridge.soap;

import javax.xml.stream.Location;

/** Well-formed XML that is not a SOAP 1.2 envelope we can read (SOAP 1.2 Part 1 §5). */
public class SoapEnvelopeException extends XmlInputException {
  public SoapEnvelopeException(String message, Location where) {
    super(message, where);
  }
}
