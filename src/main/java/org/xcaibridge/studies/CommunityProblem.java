package org.xcaibridge.studies;

/**
 * A community that did not contribute to an answer, so the front can say so ({@code Warning: 299}, issue 6
 * "Fan-out").
 *
 * @param homeCommunityId {@code urn:oid:…}
 * @param name            the community's human name
 * @param timedOut        true when it was too slow, false when it failed
 * @param reason          what went wrong, in words, without patient data
 */
public record CommunityProblem(String homeCommunityId, String name, boolean timedOut, String reason) {}
