package org.xcaibridge.ihe;

/**
 * The transactions this package speaks, with their WS-Addressing actions and whether IHE sends them
 * MTOM-optimised (protocol.md §1.2). RAD-69 answers with the ITI-43 response action, RAD-75 with its own:
 * they are easy to mix up (§9.2 pitfall 1).
 */
public enum IheTransaction {
  ITI_38("urn:ihe:iti:2007:CrossGatewayQuery", "urn:ihe:iti:2007:CrossGatewayQueryResponse", false),
  ITI_39("urn:ihe:iti:2007:CrossGatewayRetrieve", "urn:ihe:iti:2007:CrossGatewayRetrieveResponse", true),
  RAD_69("urn:ihe:rad:2009:RetrieveImagingDocumentSet", "urn:ihe:iti:2007:RetrieveDocumentSetResponse", true),
  RAD_75("urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet",
      "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse", true),
  ITI_55("urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery",
      "urn:hl7-org:v3:PRPA_IN201306UV02:CrossGatewayPatientDiscovery", false);

  private final String requestAction;
  private final String responseAction;
  private final boolean mtom;

  IheTransaction(String requestAction, String responseAction, boolean mtom) {
    this.requestAction = requestAction;
    this.responseAction = responseAction;
    this.mtom = mtom;
  }

  public String requestAction() {
    return requestAction;
  }

  public String responseAction() {
    return responseAction;
  }

  /** Whether IHE configures the transaction with MTOM (IPF {@code XCA.java}/{@code RAD.java}). */
  public boolean mtom() {
    return mtom;
  }
}
