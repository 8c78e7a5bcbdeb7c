/**
 * Trust: everything that decides whom the bridge talks to and who may use it — two-way TLS, SAML 2.0
 * assertions for IHE XUA, front-door bearer tokens, and the ATNA audit trail (issue 7; protocol.md §7;
 * RFC 5246/8446, RFC 7515/7519/7517, RFC 6750, DICOM PS3.15 Annex A.5).
 *
 * <p>The doors:
 * <ul>
 *   <li>TLS: {@link org.xcaibridge.trust.TlsSetup} loads the key and trust stores named by
 *       {@link org.xcaibridge.trust.TlsSettings} (PKCS#12 or PEM) and builds the Vert.x client and
 *       server options: TLS 1.2/1.3 only, host name verification on clients, client certificates
 *       required on servers, configured cipher suites; it reports certificates near expiry as
 *       {@link org.xcaibridge.trust.TlsExpiryFinding}s.</li>
 *   <li>Test PKI for the secure demo: {@link org.xcaibridge.trust.PkiGenerator} writes a CA, a server
 *       and a client certificate as PEM files and PKCS#12 stores (with their passwords beside them),
 *       once, with the JDK's {@code keytool}.</li>
 *   <li>Front door: {@link org.xcaibridge.trust.JwtValidator} checks OIDC bearer JWTs (RS256, PS256,
 *       ES256; static keys or a JWKS URL) and maps their claims to a
 *       {@link org.xcaibridge.trust.FrontDoorSubject}; failures are
 *       {@link org.xcaibridge.trust.FrontDoorAuthException}s carrying the RFC 6750 error code.
 *       {@link org.xcaibridge.trust.FrontDoorBinding} keeps the front on loopback while no token
 *       validation is configured.</li>
 *   <li>SAML/XUA ({@code Saml*}, {@code Xua*}, {@code WsSecurity*}): assertions built, signed and
 *       validated with the JDK's XML DSig, with XML-signature-wrapping defences.</li>
 *   <li>ATNA (ITI TF-2 §3.20): {@link org.xcaibridge.trust.AuditEvents} builds DICOM PS3.15 A.5 messages;
 *       {@link org.xcaibridge.trust.AuditTrail} records them to a disk spool and sends them as RFC 5424
 *       syslog over TLS (RFC 5425) or UDP (RFC 5426), at least once, de-duplicated by meta sequenceId, trying a
 *       repository that fails or hangs up again as its {@link org.xcaibridge.trust.AuditReconnectPolicy}
 *       says.</li>
 * </ul>
 *
 * <p>Blocking work (reading stores, running keytool, signing XML) is the caller's to put on a worker
 * thread, or goes through the {@code Future} variants that do so. Time comes from a supplied
 * {@link java.time.Clock}. May import: the JDK, Vert.x, and among our packages only {@code soap}
 * (architecture.md, package table).
 */
package org.xcaibridge.trust;
