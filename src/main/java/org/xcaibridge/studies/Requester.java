package org.xcaibridge.studies;

import java.util.Objects;
import java.util.Optional;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.trust.XuaSubject;

/**
 * Who asks, for one request at the front: a user the front door authenticated, whose XUA subject every IHE call
 * made for that request names (protocol.md §7.2), or the bridge itself ({@link #service()}), whose configured
 * service identity then speaks. The front passes it to {@link StudyService#askedBy}; the front itself need not know
 * what is inside (the {@code dicomweb} package holds it without importing {@code trust}).
 *
 * <p>What a request finds cached (query results, manifests, instances, patient correlations) may have been fetched
 * for another user; what it fetches is fetched in its own user's name.
 */
public final class Requester {
  private static final Requester SERVICE = new Requester(Optional.empty());

  private final Optional<XuaSubject> subject;

  private Requester(Optional<XuaSubject> subject) {
    this.subject = subject;
  }

  /** The bridge acting for itself: the configured service identity (or, without XUA, nobody in particular). */
  public static Requester service() {
    return SERVICE;
  }

  /** A front-door user, named in every assertion sent for their requests. */
  public static Requester user(XuaSubject subject) {
    return new Requester(Optional.of(Objects.requireNonNull(subject, "subject")));
  }

  /** The user's XUA subject; empty for the service. */
  public Optional<XuaSubject> subject() {
    return subject;
  }

  /** The client whose requests speak for this requester. */
  CommunityClient client(CommunityClient c) {
    return subject.isEmpty() ? c : c.forSubject(subject.get());
  }

  /** For a log line: the user's subject-id, or "service"; the subject-id is a person's name, not patient data. */
  @Override
  public String toString() {
    return subject.map(s -> "user " + s.subjectId()).orElse("service");
  }
}
