package org.xcaibridge.ops;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.xcaibridge.trust.XuaRecipient;

/**
 * What one community needs in the assertions sent to it, where it differs from the default (protocol.md §7.2): the
 * digest (SHA-1 only for old peers that cannot check SHA-256), a fixed audience, and the NameFormat of subject-id.
 *
 * <p>The default audience is the URL of the endpoint called: protocol.md §7.2 shows Carequality initiators sending
 * the target endpoint URL, and our own responder (like the XUA validators we know) compares the Audience with its
 * endpoint URLs. A peer that wants something else — its homeCommunityId, or a public URL in front of a proxy —
 * gets {@code audience}, an absolute URI, in every assertion sent to it.
 *
 * @param suite           RSA-SHA256/SHA-256 (default) or RSA-SHA1/SHA-1
 * @param audience        the fixed audience, or null for the endpoint called
 * @param subjectIdFormat {@code uri} (default) or {@code basic}
 */
public record CommunityXua(XuaRecipient.SignatureSuite suite, String audience,
                           XuaRecipient.SubjectIdFormat subjectIdFormat) {
  /** What a community without {@code xua:} gets. */
  static final CommunityXua DEFAULT = new CommunityXua(XuaRecipient.SignatureSuite.RSA_SHA256, null,
      XuaRecipient.SubjectIdFormat.URI);

  public CommunityXua {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(subjectIdFormat, "subjectIdFormat");
  }

  /** The recipient for one call to {@code endpoint}. */
  XuaRecipient recipient(URI endpoint) {
    return new XuaRecipient(audience == null ? endpoint.toString() : audience, suite, subjectIdFormat);
  }

  /** {@link #DEFAULT} when the community has no {@code xua:} mapping. */
  static CommunityXua read(ConfigReader r) {
    String digest = r.text("digest", "sha256").toLowerCase(Locale.ROOT);
    XuaRecipient.SignatureSuite suite = XuaRecipient.SignatureSuite.RSA_SHA256;
    if (digest.equals("sha1")) {
      suite = XuaRecipient.SignatureSuite.RSA_SHA1;
    } else if (!digest.equals("sha256")) {
      r.problem("digest", "expected sha256 or sha1 (sha1 only for peers that cannot check SHA-256), was '"
          + digest + "'");
    }
    String audience = r.text("audience", null);
    if (audience != null && !absolute(audience)) {
      r.problem("audience", "an absolute URI (an endpoint URL, or urn:oid:…), was '" + audience + "'");
      audience = null;
    }
    String format = r.text("subjectIdFormat", "uri").toLowerCase(Locale.ROOT);
    XuaRecipient.SubjectIdFormat f = XuaRecipient.SubjectIdFormat.URI;
    if (format.equals("basic")) {
      f = XuaRecipient.SubjectIdFormat.BASIC;
    } else if (!format.equals("uri")) {
      r.problem("subjectIdFormat", "expected uri or basic, was '" + format + "'");
    }
    return new CommunityXua(suite, audience, f);
  }

  private static boolean absolute(String s) {
    try {
      return new URI(s).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
