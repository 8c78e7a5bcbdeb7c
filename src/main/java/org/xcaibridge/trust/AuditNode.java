package org.xcaibridge.trust;

import java.util.List;
import java.util.Objects;
import org.xcaibridge.trust.AuditMessage.CodedValue;

/**
 * This bridge as it appears in its own audit messages: the audit source, and the local side of every event.
 *
 * @param auditSourceId     AuditSourceID: identifies this bridge to the audit repository
 * @param enterpriseSiteId  AuditEnterpriseSiteID, or null
 * @param sourceType        AuditSourceTypeCode (e.g. {@link AuditCodes#APPLICATION_SERVER_PROCESS}), or null
 * @param applicationName   UserID of the bridge where it takes part as an application (start/stop, the node
 *                          that authenticates)
 * @param processId         AlternativeUserID of the bridge: its process id
 * @param hostName          NetworkAccessPointID of the bridge: its host name or address
 */
public record AuditNode(
    String auditSourceId,
    String enterpriseSiteId,
    CodedValue sourceType,
    String applicationName,
    String processId,
    String hostName) {
  public AuditNode {
    AuditMessage.requireText(auditSourceId, "auditSourceId");
    AuditMessage.requireText(applicationName, "applicationName");
    AuditMessage.requireText(processId, "processId");
    AuditMessage.requireText(hostName, "hostName");
  }

  /** The ActiveParticipant for this bridge. */
  AuditMessage.ActiveParticipant participant(String userId, boolean requestor, CodedValue role) {
    Objects.requireNonNull(userId, "userId");
    return new AuditMessage.ActiveParticipant(userId, processId, null, requestor,
        role == null ? List.of() : List.of(role), hostName,
        AuditMessage.NetworkAccessPointType.of(hostName));
  }

  AuditMessage.AuditSourceIdentification source() {
    return new AuditMessage.AuditSourceIdentification(auditSourceId, enterpriseSiteId,
        sourceType == null ? List.of() : List.of(sourceType));
  }
}
