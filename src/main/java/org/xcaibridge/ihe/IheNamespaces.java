package org.xcaibridge.ihe;

/** XML namespaces and the customary prefixes we write (protocol.md §1.3). */
public final class IheNamespaces {
  /** ebRIM 3.0 ({@code rim:}). */
  public static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
  /** ebRS 3.0 query ({@code query:}). */
  public static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
  /** ebRS 3.0 registry services ({@code rs:}). */
  public static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
  /** XDS.b ({@code ihe:} / {@code xdsb:}): DocumentRequest, RetrieveDocumentSetRequest/Response. */
  public static final String XDS_B = "urn:ihe:iti:xds-b:2007";
  /** XDS-I.b ({@code iherad:} / {@code xdsiB:}): RetrieveImagingDocumentSetRequest, Study/Series requests. */
  public static final String XDS_I_B = "urn:ihe:rad:xdsi-b:2009";
  /** XOP include. */
  public static final String XOP = "http://www.w3.org/2004/08/xop/include";
  /** HL7 v3 (ITI-55 payloads). */
  public static final String HL7V3 = "urn:hl7-org:v3";
  /** XML Schema instance, for {@code xsi:type} in HL7 v3. */
  public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  static final String RIM_PREFIX = "rim";
  static final String QUERY_PREFIX = "query";
  static final String RS_PREFIX = "rs";
  static final String XDS_B_PREFIX = "ihe";
  static final String XDS_I_B_PREFIX = "iherad";
  static final String XOP_PREFIX = "xop";
  static final String XSI_PREFIX = "xsi";

  private IheNamespaces() {}
}
