package org.xcaibridge.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * What one responding community needs in the assertions sent to it: the audience, and the per-peer
 * quirks real gateways have (protocol.md §7.2).
 *
 * @param audience          {@code saml2:Audience}: the responding gateway's endpoint URL (an absolute URI)
 * @param suite             the signature and digest algorithms; {@link SignatureSuite#RSA_SHA1} only for
 *                          old peers that cannot check SHA-256
 * @param subjectIdFormat   the NameFormat of the subject-id attribute: most peers want {@code uri}, a few
 *                          insist on {@code basic}
 */
public record XuaRecipient(String audience, SignatureSuite suite, SubjectIdFormat subjectIdFormat) {

  /** Signature method and digest, as pairs of XML DSig URIs. */
  public enum SignatureSuite {
    /** RSA-SHA256 with SHA-256 digests: the default (protocol.md §7.2). */
    RSA_SHA256(SamlNames.RSA_SHA256, SamlNames.SHA256),
    /** RSA-SHA1 with SHA-1 digests: only for peers that still need it. */
    RSA_SHA1(SamlNames.RSA_SHA1, SamlNames.SHA1);

    final String signatureMethod;
    final String digestMethod;

    SignatureSuite(String signatureMethod, String digestMethod) {
      this.signatureMethod = signatureMethod;
      this.digestMethod = digestMethod;
    }
  }

  /** NameFormat of the subject-id attribute. */
  public enum SubjectIdFormat {
    URI(SamlNames.NAME_FORMAT_URI),
    BASIC(SamlNames.NAME_FORMAT_BASIC);

    final String urn;

    SubjectIdFormat(String urn) {
      this.urn = urn;
    }
  }

  public XuaRecipient {
    XuaCode.requireText(audience, "audience");
    try {
      if (!new URI(audience).isAbsolute()) {
        throw new IllegalArgumentException("audience must be an absolute URI, was '" + audience + "'");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("audience must be an absolute URI, was '" + audience + "'", e);
    }
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(subjectIdFormat, "subjectIdFormat");
  }

  /** A recipient with the defaults: RSA-SHA256 and a {@code uri} subject-id. */
  public static XuaRecipient of(String audience) {
    return new XuaRecipient(audience, SignatureSuite.RSA_SHA256, SubjectIdFormat.URI);
  }
}
