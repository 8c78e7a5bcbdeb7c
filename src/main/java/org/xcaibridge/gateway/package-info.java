/**
 * The initiating side of XCA / XCA-I (issue 6, issue 7 §5; protocol.md §0–§6): clients for ITI-55 Cross
 * Gateway Patient Discovery, ITI-38 Cross Gateway Query, ITI-39 Cross Gateway Retrieve and RAD-75 Cross
 * Gateway Retrieve Imaging Document Set toward responding communities.
 *
 * <p>The door is {@link org.xcaibridge.gateway.CommunityClient}, one per community
 * ({@link org.xcaibridge.gateway.CommunityEndpoints}, {@link org.xcaibridge.gateway.CommunitySettings}), all
 * sharing an {@link org.xcaibridge.gateway.InitiatorSetup} (TLS material for {@code https} endpoints, the
 * {@code wsse:Security} block per request from a {@link org.xcaibridge.gateway.SecurityHeaderSource}), collected
 * in a {@link org.xcaibridge.gateway.CommunityDirectory}; {@link org.xcaibridge.gateway.FanOut} asks several at
 * once, each under its own deadline, and returns a {@link org.xcaibridge.gateway.Partial}. XCPD answers come as
 * a {@link org.xcaibridge.gateway.PatientDiscovery} that never picks among candidates. RAD-75 answers stream: an
 * {@link org.xcaibridge.gateway.ImagingRetrieval} hands on each instance as its own byte stream with
 * back-pressure, over as many consecutive calls as the community's batch size needs. Failures are
 * {@link org.xcaibridge.gateway.GatewayException}s, one variant per reason a DICOMweb front answers 502 or 504
 * for, each naming the community; a reset connection is retried once, before any answer, for reads only.
 * The audit sink of the setup records each ended transaction.
 *
 * <p>Nothing blocks an event loop: large envelopes are parsed and XUA assertions signed on a worker. May import:
 * {@code ihe}, {@code soap}, {@code trust}, the JDK and Vert.x (architecture.md, package table); never
 * {@code dicom}, {@code cache}, {@code studies}, {@code dicomweb}, {@code responder} or {@code ops}.
 */
package org.xcaibridge.gateway;
