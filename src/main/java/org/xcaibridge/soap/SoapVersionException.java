package org.xcaibridge.soap;

import javax.xml.stream.Location;

/**
 * The envelope is not SOAP 1.2 (most often SOAP 1.1). The IHE profiles require SOAP 1.2; a responder
 * answers this with a VersionMismatch fault (SOAP 1.2 Part 1 §5.4.7).
 */
public final class SoapVersionException extends SoapEnvelopeException {
  private final String envelopeNamespace;

  public SoapVersionException(String envelopeNamespace, Location where) {
    super(describe(envelopeNamespace), where);
    this.envelopeNamespace = envelopeNamespace;
  }

  /** The namespace of the envelope that was received. */
  public String envelopeNamespace() {
    return envelopeNamespace;
  }

  private static String describe(String ns) {
    if (Names.SOAP11.equals(ns)) {
      return "SOAP 1.1 envelope (" + ns + "); the IHE profiles require SOAP 1.2 (" + Names.SOAP12 + ")";
    }
    return "envelope in namespace '" + ns + "' is not SOAP 1.2 (" + Names.SOAP12 + ")";
  }
}
