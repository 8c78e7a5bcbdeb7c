/**
 * The initiating side of XCA / XCA-I (issue 6, issue 7 §5; protocol.md §0–§6): clients for ITI-55 Cross
 * Gateway Patient Discovery, ITI-38 Cross Gateway Query, ITI-39 Cross Gateway Retrieve and RAD-75 Cross
 * Gateway Retrieve Imaging Document Set toward responding communities.
 *
 * <p>The door is {@link org.xcaibridge.gateway.CommunityClient}, one per community
 * ({@link org.xcaibridge.gateway.CommunityEndpoints}, {@link org.xcaibridge.gateway.CommunitySettings}),
 * collected in a {@link org.xcaibridge.gateway.CommunityDirectory}; {@link org.xcaibridge.gateway.FanOut} asks
 * several at once and returns a {@link org.xcaibridge.gateway.Partial}. RAD-75 answers stream: an
 * {@link org.xcaibridge.gateway.ImagingRetrieval} hands on each instance as its own byte stream with
 * back-pressure. Failures are {@link org.xcaibridge.gateway.GatewayException}s, one variant per reason a
 * DICOMweb front answers 502 or 504 for. Security comes from {@link org.xcaibridge.gateway.InitiatorSetup}: the TLS
 * client certificate, a signed XUA assertion per request ({@link org.xcaibridge.gateway.SecurityHeaderSource#xua},
 * signed on a worker), and the audit sink each ended transaction is recorded in.
 *
 * <p>May import: {@code ihe}, {@code soap}, {@code trust}, the JDK and Vert.x (architecture.md, package
 * table); never {@code dicom}, {@code cache}, {@code studies}, {@code dicomweb}, {@code responder} or
 * {@code ops}.
 */
package org.xcaibridge.gateway;
