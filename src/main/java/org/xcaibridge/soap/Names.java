package org.xcaibridge.soap;

import javax.xml.namespace.QName;

/** Namespaces and element names of SOAP 1.2, WS-Addressing 1.0 and WS-Security (protocol.md §1.3). */
final class Names {
  private Names() {}

  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String WSA = "http://www.w3.org/2005/08/addressing";
  static final String WSA_ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

  /** SOAP 1.2 Part 1 §5.2.2: the role no node plays; such header blocks are never processed. */
  static final String ROLE_NONE = "http://www.w3.org/2003/05/soap-envelope/role/none";
  static final String ROLE_NEXT = "http://www.w3.org/2003/05/soap-envelope/role/next";
  static final String ROLE_ULTIMATE = "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";

  static final String P_SOAP = "soap";
  static final String P_WSA = "wsa";

  static final QName ENVELOPE = new QName(SOAP12, "Envelope");
  static final QName HEADER = new QName(SOAP12, "Header");
  static final QName BODY = new QName(SOAP12, "Body");
  static final QName FAULT = new QName(SOAP12, "Fault");

  static final QName WSA_TO = new QName(WSA, "To");
  static final QName WSA_ACTION = new QName(WSA, "Action");
  static final QName WSA_MESSAGE_ID = new QName(WSA, "MessageID");
  static final QName WSA_RELATES_TO = new QName(WSA, "RelatesTo");
  static final QName WSA_REPLY_TO = new QName(WSA, "ReplyTo");
  static final QName WSA_ADDRESS = new QName(WSA, "Address");
  static final QName WSSE_SECURITY = new QName(WSSE, "Security");
}
