package org.xcaibridge.gateway.directory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds Carequality-style directory bundles the way the directory publishes them (protocol.md §7.4): an
 * Organization per community with the HCID identifier, and contained Endpoints, one per transaction, each with
 * the Transaction extension (system TransactionCodes, codes such as {@code "XCA ITI-38"}), connectionType,
 * PurposesOfUse and Version extensions.
 */
final class DirectoryBundles {
  static final String SPHD = "https://sequoiaproject.org/fhir/sphd/";

  private DirectoryBundles() {}

  static JsonObject bundle(JsonObject... organisations) {
    JsonArray entries = new JsonArray();
    for (JsonObject o : organisations) {
      entries.add(new JsonObject().put("fullUrl", "Organization/" + o.getString("id")).put("resource", o));
    }
    return new JsonObject().put("resourceType", "Bundle").put("type", "searchset").put("total", organisations.length)
        .put("entry", entries);
  }

  /** An organisation with HCID {@code oid} and one Endpoint per {@code transactions[i]} at {@code base + path}. */
  static JsonObject organisation(String oid, String name, String base, String... transactions) {
    JsonArray contained = new JsonArray();
    JsonArray refs = new JsonArray();
    for (int i = 0; i < transactions.length; i++) {
      String t = transactions[i];
      String id = "ep" + i;
      contained.add(endpoint(id, t, base + path(t), "active"));
      refs.add(new JsonObject().put("reference", "#" + id));
    }
    return new JsonObject().put("resourceType", "Organization").put("id", oid)
        .put("meta", new JsonObject().put("profile", new JsonArray().add(SPHD + "StructureDefinition/SPHDOrganization")))
        .put("contained", contained)
        .put("extension", new JsonArray().add(new JsonObject().put("url", SPHD + "StructureDefinition/Domains")
            .put("valueCoding", new JsonObject().put("system", SPHD + "CodeSystem/Domains").put("code", "CQ"))))
        .put("identifier", new JsonArray().add(new JsonObject()
            .put("use", "official")
            .put("type", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                .put("system", SPHD + "CodeSystem/SequoiaIdentifierCodes").put("code", "HCID"))))
            .put("system", "urn:ietf:rfc:3986").put("value", "urn:oid:" + oid)))
        .put("active", true)
        .put("type", new JsonArray().add(new JsonObject().put("coding", new JsonArray().add(new JsonObject()
            .put("system", SPHD + "CodeSystem/OrganizationType").put("code", "Implementer")))))
        .put("name", name)
        .put("endpoint", refs);
  }

  static JsonObject endpoint(String id, String transaction, String address, String status) {
    return new JsonObject().put("resourceType", "Endpoint").put("id", id).put("status", status)
        .put("extension", new JsonArray()
            .add(new JsonObject().put("url", SPHD + "StructureDefinition/Transaction")
                .put("valueCodeableConcept", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                    .put("system", SPHD + "CodeSystem/TransactionCodes").put("code", code(transaction))))))
            .add(new JsonObject().put("url", SPHD + "StructureDefinition/PurposesOfUse")
                .put("valueCodeableConcept", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                    .put("system", "http://healthit.gov/nhin/purposeofuse").put("code", "TREATMENT")))))
            .add(new JsonObject().put("url", SPHD + "StructureDefinition/Version").put("valueString", "2.0")))
        .put("connectionType", new JsonObject().put("system",
            "http://terminology.hl7.org/CodeSystem/endpoint-connection-type")
            .put("code", transaction.equals("ITI-55") ? "ihe-xcpd" : "ihe-xca"))
        .put("name", transaction)
        .put("payloadType", new JsonArray().add(new JsonObject().put("text", "urn:ihe:iti:xds-b:2007")))
        .put("address", address);
  }

  /** "XCA ITI-38", "XCPD ITI-55", "XCA-I RAD-75" — the directory's codes put the profile first. */
  static String code(String transaction) {
    switch (transaction) {
      case "ITI-55":
        return "XCPD ITI-55";
      case "RAD-75":
      case "RAD-69":
        return "XCA-I " + transaction;
      case "FHIR":
        return "FHIR REST";
      default:
        return "XCA " + transaction;
    }
  }

  /** The paths our responder serves each transaction at. */
  static String path(String transaction) {
    switch (transaction) {
      case "ITI-55":
        return "/xcpd/iti55";
      case "ITI-38":
        return "/xca/iti38";
      case "ITI-39":
        return "/xca/iti39";
      case "RAD-75":
        return "/xcai/rad75";
      case "RAD-69":
        return "/xdsi/rad69";
      default:
        return "/fhir";
    }
  }
}
