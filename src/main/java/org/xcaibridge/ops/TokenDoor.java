package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.dicomweb.DicomWebException;
import org.xcaibridge.dicomweb.FrontDoor;
import org.xcaibridge.studies.Requester;
import org.xcaibridge.trust.AuditEvent;
import org.xcaibridge.trust.AuditMessage.EventOutcome;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.FrontDoorAuthException;
import org.xcaibridge.trust.FrontDoorSubject;
import org.xcaibridge.trust.JwtValidator;
import org.xcaibridge.trust.XuaCode;
import org.xcaibridge.trust.XuaSubject;

/**
 * The DICOMweb front's door when {@code frontDoor} is configured: the request's bearer token validated by
 * {@link JwtValidator}, its user made the XUA subject of every IHE call the request causes (subject-id, organization,
 * role and purpose of use as the claim mapping says; the bridge's organisation OID; the token's {@code sub} as
 * NameID). Refusals follow RFC 6750 §3: 401 with a {@code Bearer} challenge (an error code for a bad token, none
 * for a missing one), 400 for a malformed header, 403 when a required attribute is missing, 503 when the issuer's
 * keys cannot be fetched.
 */
final class TokenDoor implements FrontDoor {
  private static final Logger LOG = LoggerFactory.getLogger(TokenDoor.class);
  /** SNOMED CT, the code system of XUA's subject:role (protocol.md §7.2). */
  static final String SNOMED_CT = "2.16.840.1.113883.6.96";
  /** NHIN purpose of use, the code system of subject:purposeofuse. */
  static final String NHIN_PURPOSE = "2.16.840.1.113883.3.18.7.1";
  private static final Duration KEYS_RETRY = Duration.ofSeconds(30);

  private final JwtValidator validator;
  private final String realm;
  private final String organisationOid;
  private final AuditSink audit;

  TokenDoor(JwtValidator validator, String realm, String organisationOid, AuditSink audit) {
    this.validator = validator;
    this.realm = realm;
    this.organisationOid = organisationOid;
    this.audit = audit;
  }

  /** {@code audit} records each refused token (User Authentication, 110114); a request without one is not. */
  static TokenDoor create(Vertx vertx, FrontDoorConfig config, IdentityConfig identity, AuditSink audit, Clock clock) {
    return new TokenDoor(JwtValidator.create(vertx, config.jwt(), clock), config.realm(), identity.organisationOid(),
        audit);
  }

  @Override
  public Future<Requester> admit(HttpServerRequest request) {
    return validator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)).transform(ar -> {
      if (ar.failed()) {
        audited(request, ar.cause());
        return Future.failedFuture(refusal(ar.cause()));
      }
      try {
        return Future.succeededFuture(Requester.user(subject(ar.result())));
      } catch (IllegalArgumentException e) {
        // a claim XUA cannot carry (control characters, an over-long value): the token lacks a usable attribute
        FrontDoorAuthException refused = new FrontDoorAuthException(FrontDoorAuthException.Reason.MISSING_ATTRIBUTE,
            e.getMessage());
        audited(request, refused);
        return Future.failedFuture(refusal(refused));
      }
    });
  }

  /** The XUA subject speaking for the token's user. */
  XuaSubject subject(FrontDoorSubject s) {
    return new XuaSubject(Optional.ofNullable(s.tokenSubject()).filter(t -> !t.isBlank())
        .map(XuaSubject.NameId::unspecified), s.subjectId(), s.organization(), organisationOid,
        new XuaCode(s.role(), SNOMED_CT, Optional.of("SNOMED_CT"), Optional.empty()),
        new XuaCode(s.purposeOfUse(), NHIN_PURPOSE, Optional.of("nhin-purpose"), Optional.empty()),
        Optional.empty(), Optional.empty());
  }

  /**
   * A refused token is a failed user authentication (PS3.15 A.5.3.3, 110114); the reason is the refusal's kind, never
   * the token. No token at all is the ordinary first step of a client that has not been challenged yet: not audited;
   * nor are keys that cannot be fetched (nobody failed to authenticate).
   */
  private void audited(HttpServerRequest request, Throwable cause) {
    if (!(cause instanceof FrontDoorAuthException e) || e.reason() == FrontDoorAuthException.Reason.NO_TOKEN
        || e.httpStatus() == 503) {
      return;
    }
    String host = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    audit.record(new AuditEvent.AuthenticationFailure(EventOutcome.MINOR_FAILURE, AuditEvent.AuthenticationKind.USER,
        null, host, "front door: bearer token refused (" + e.reason().name() + ")"))
        .onFailure(x -> LOG.warn("front door: the refusal could not be audited: {}", x.getMessage()));
  }

  private Throwable refusal(Throwable cause) {
    if (!(cause instanceof FrontDoorAuthException e)) {
      return cause;
    }
    if (e.httpStatus() == 503) {
      LOG.warn("front door: {}", e.getMessage());
      return new DicomWebException.Unavailable("the bearer token's signing keys cannot be fetched from its issuer "
          + "now; try again shortly", KEYS_RETRY, e);
    }
    LOG.info("front door refused a request: {}", e.getMessage());
    String message = switch (e.reason()) {
      case NO_TOKEN -> "this service needs a bearer token (Authorization: Bearer <token>) from its issuer";
      case MALFORMED_REQUEST -> "the Authorization header is not a single bearer token";
      case MISSING_ATTRIBUTE -> "the bearer token lacks an attribute this service passes on for its user";
      default -> "the bearer token was refused (" + e.reason().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' ') + "); WWW-Authenticate says why";
    };
    return new DicomWebException.Unauthenticated(e.httpStatus(), e.wwwAuthenticate(realm), message);
  }
}
