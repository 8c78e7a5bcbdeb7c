package org.xcaibridge.ihe;

import java.util.Objects;

/**
 * ITI-55 Cross Gateway Patient Discovery request, {@code PRPA_IN201305UV02} (protocol.md §6.1).
 *
 * @param creationTime HL7 TS {@code YYYYMMDDhhmmss}
 * @param processingCode P (production), T (training), D (debugging)
 */
public record PatientDiscoveryRequest(Ii messageId, String creationTime, String processingCode, Device receiver,
    Device sender, PatientQuery query) implements IheMessage {
  public PatientDiscoveryRequest {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(processingCode, "processingCode");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(query, "query");
  }
}
