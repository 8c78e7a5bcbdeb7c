package org.xcaibridge.trust;

import java.util.Objects;
import javax.xml.namespace.QName;
import org.xcaibridge.soap.SoapFault;

/**
 * A request's WS-Security header or SAML assertion was refused. IHE XUA (ITI TF-2b §3.40.4.1.3) has
 * the X-Service Provider answer a failed validation with the WS-Security error codes (WS-Security 1.1
 * SOAP Message Security §12), as a SOAP 1.2 fault with Code {@code env:Sender} and the WS-Security code
 * as Subcode; {@link #toSoapFault()} makes that fault. The message says what exactly was wrong, for the
 * log and the audit trail; the fault carries only the reason's fixed text, never assertion content.
 */
public final class XuaRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why, with the WS-Security fault code it answers with. */
  public enum Reason {
    /** No wsse:Security header, no SAML assertion in it, or no signed timestamp where one is required. */
    MISSING("InvalidSecurity", "security header, SAML assertion or signed timestamp missing"),
    /**
     * The header is not shaped as required: duplicate IDs, a second or misplaced assertion, a signature
     * whose reference does not point at the assertion it sits in (the signature wrapping attacks), or
     * anything the strict reading cannot follow.
     */
    STRUCTURE("InvalidSecurity", "security header structure refused"),
    /** The assertion carries no signature. */
    UNSIGNED("FailedAuthentication", "assertion is not signed"),
    /** The signer's certificate does not chain to a trust anchor (or is not valid now). */
    UNTRUSTED_SIGNER("FailedAuthentication", "signer is not trusted"),
    /** A digest or the signature value does not match: the content was changed after signing. */
    BAD_SIGNATURE("FailedCheck", "signature is invalid"),
    /** An algorithm outside RSA-SHA256/384/512, SHA-256/384/512 and exclusive c14n. */
    UNSUPPORTED_ALGORITHM("UnsupportedAlgorithm", "signature algorithm not accepted"),
    /** NotOnOrAfter (or wsu:Expires) is past, beyond the allowed clock skew. */
    EXPIRED("MessageExpired", "assertion or timestamp has expired"),
    /** NotBefore (or wsu:Created) is still ahead, beyond the allowed clock skew. */
    NOT_YET_VALID("InvalidSecurityToken", "assertion or timestamp is not yet valid"),
    /** No AudienceRestriction names this responder. */
    WRONG_AUDIENCE("FailedAuthentication", "assertion is not meant for this responder"),
    /** A required attribute or element is missing or malformed. */
    INVALID_TOKEN("InvalidSecurityToken", "assertion content is invalid");

    private final QName subcode;
    private final String text;

    Reason(String wsseCode, String text) {
      this.subcode = new QName(SamlNames.WSSE, wsseCode, SamlNames.P_WSSE);
      this.text = text;
    }

    /** The WS-Security fault code, e.g. {@code wsse:FailedAuthentication}. */
    public QName subcode() {
      return subcode;
    }

    /** The fixed, content-free reason text the fault carries. */
    public String text() {
      return text;
    }
  }

  private final Reason reason;

  public XuaRejectedException(Reason reason, String detail) {
    super(reason.name() + ": " + detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public XuaRejectedException(Reason reason, String detail, Throwable cause) {
    super(reason.name() + ": " + detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** The SOAP 1.2 fault to answer with: Sender, the WS-Security subcode, the reason's fixed text. */
  public SoapFault toSoapFault() {
    return SoapFault.of(SoapFault.SENDER, "WS-Security: " + reason.text()).withSubcodes(reason.subcode());
  }
}
