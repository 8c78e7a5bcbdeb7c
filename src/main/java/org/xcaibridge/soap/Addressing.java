package org.xcaibridge.soap;

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
    java.util.Objects.requireNonNull(to, "to");
    java.util.Objects.requireNonNull(action, "action");
    java.util.Objects.requireNonNull(messageId, "messageId");
    java.util.Objects.requireNonNull(relatesTo, "relatesTo");
    java.util.Objects.requireNonNull(replyTo, "replyTo");
  }
}
