package org.xcaibridge.ops;

import java.util.Objects;

/**
 * Who the bridge is on the XCA network when it initiates: its own homeCommunityId (the {@code home} of its
 * requests, {@code urn:oid:} form) and the organisation it acts for, by name and OID (as XUA assertions name
 * the subject's organisation). The defaults are invented OIDs under the UUID root (PS3.5 §B.2) that exist
 * nowhere else: fine for the demo, and recognisably not a real organisation's.
 */
public record IdentityConfig(String homeCommunityId, String organisationName, String organisationOid) {
  static final String DEMO_HOME_COMMUNITY_ID = "urn:oid:2.25.320979999115407786302980766596243103579";
  static final String DEMO_ORGANISATION_NAME = "XCA-I Bridge (demo)";
  static final String DEMO_ORGANISATION_OID = "2.25.122239942429290394326943696484588348340";

  public IdentityConfig {
    Objects.requireNonNull(homeCommunityId, "homeCommunityId");
    Objects.requireNonNull(organisationName, "organisationName");
    Objects.requireNonNull(organisationOid, "organisationOid");
  }

  static IdentityConfig read(ConfigReader r) {
    return new IdentityConfig(r.homeCommunityId("homeCommunityId", DEMO_HOME_COMMUNITY_ID),
        r.text("organisationName", DEMO_ORGANISATION_NAME), r.oid("organisationOid", DEMO_ORGANISATION_OID));
  }
}
