package org.xcaibridge.responder;

import java.util.Objects;
import org.xcaibridge.soap.MtomLimits;

/**
 * The limits of a {@link RespondingGateway}, each checked when the record is made.
 *
 * @param requestLimits      bounds on one request body (plain SOAP or MTOM); requests to a responder are small.
 *                           The envelope's XML is read within {@code XmlLimits.DEFAULT} and what it holds within
 *                           {@code IheReadLimits.DEFAULT}
 * @param maxDiscardBytes    most bytes of a refused request's body read and dropped after its fault, so the client
 *                           gets to read the fault; past that the connection is closed
 * @param maxDocumentEntries most DocumentEntries (or ObjectRefs) one ITI-38 answer holds; a query that matches more
 *                           is answered XDSTooManyResults (ITI TF-2a 3.18.4.1.3)
 * @param maxPatientMatches  most patients one ITI-55 answer lists, best scores first
 * @param archiveConcurrency most archive calls one query has under way at once (manifests made, series listed):
 *                           bounds the memory of manifests in flight and the load on a DICOMweb origin
 */
public record ResponderSettings(MtomLimits requestLimits, long maxDiscardBytes, int maxDocumentEntries,
    int maxPatientMatches, int archiveConcurrency) {

  /**
   * A 4 MiB envelope holds an ITI-38 or RAD-75 request of thousands of UIDs; 16 parts and 16 MiB per part
   * because no request of these transactions carries attachments; 1 MiB drained after a fault; 1000 entries
   * (a patient's lifetime of studies); 10 candidate patients; 4 archive calls at once.
   */
  public static final ResponderSettings DEFAULT = new ResponderSettings(
      new MtomLimits(4L << 20, 16, 8 * 1024, 16L << 20), 1L << 20, 1000, 10, 4);

  public ResponderSettings {
    Objects.requireNonNull(requestLimits, "requestLimits");
    if (maxDiscardBytes < 0) {
      throw new IllegalArgumentException("maxDiscardBytes must be ≥ 0, was " + maxDiscardBytes);
    }
    if (maxDocumentEntries < 1) {
      throw new IllegalArgumentException("maxDocumentEntries must be ≥ 1, was " + maxDocumentEntries);
    }
    if (maxPatientMatches < 1) {
      throw new IllegalArgumentException("maxPatientMatches must be ≥ 1, was " + maxPatientMatches);
    }
    if (archiveConcurrency < 1 || archiveConcurrency > 64) {
      throw new IllegalArgumentException("archiveConcurrency must be between 1 and 64, was " + archiveConcurrency);
    }
  }
}
