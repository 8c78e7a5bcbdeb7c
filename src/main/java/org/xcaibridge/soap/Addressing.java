package org.xcaibridge.soap;

import java.util.Objects;
import java.util.Optional;

/**
 * The WS-Addressing 1.0 headers of a message as read (each absent when the peer left it out; real
 * peers do, e.g. NIST's ITI-38 sample has no MessageID). Values are trimmed.
 *
 * @param relatesTo the {@code wsa:RelatesTo} of relationship type reply (the default), if any
 * @param replyTo   the {@code wsa:ReplyTo/wsa:Address}, if any
 */
public record Addressing(Optional<String> to, Optional<String> action, Optional<String> messageId,
    Optional<String> relatesTo, Optional<String> replyTo) {

  public Addressing {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(relatesTo, "relatesTo");
    Objects.requireNonNull(replyTo, "replyTo");
  }
}
