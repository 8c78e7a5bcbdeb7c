/**
 * Where the communities are: a Carequality FHIR R4 directory (protocol.md §7.4) read into the gateway's
 * {@link org.xcaibridge.gateway.CommunityEndpoints}.
 *
 * <p>{@link org.xcaibridge.gateway.directory.FhirDirectoryReader} turns a Bundle of Organization resources — the
 * homeCommunityId from the identifier typed {@code HCID}, the responding endpoints from the contained Endpoint
 * resources whose Transaction extension names ITI-55, ITI-38, ITI-39 or RAD-75 — into a
 * {@link org.xcaibridge.gateway.directory.DirectorySnapshot}, saying for each organisation left out why.
 * {@link org.xcaibridge.gateway.directory.DirectoryFeed} reads the bundle from a file or an http(s) URL
 * ({@link org.xcaibridge.gateway.directory.DirectorySource}) and again periodically; a refresh that fails keeps the
 * last good snapshot and says why.
 *
 * <p>Part of {@code gateway}: may import {@code ihe}, {@code soap}, {@code trust}, the JDK and Vert.x.
 */
package org.xcaibridge.gateway.directory;
