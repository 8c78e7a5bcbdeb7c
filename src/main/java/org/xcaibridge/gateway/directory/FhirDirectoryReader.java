package org.xcaibridge.gateway.directory;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.xcaibridge.gateway.CommunityEndpoints;

/**
 * Reads a Carequality FHIR R4 directory Bundle (protocol.md §7.4) into communities.
 *
 * <ul>
 *   <li>Each {@code Organization} entry (not {@code active: false}) is a community; its homeCommunityId is the
 *       identifier whose type has the code {@code HCID} ({@code value "urn:oid:…"}), else the Organization's id when
 *       that is a dotted OID (the directory's own rule for ids); its name is {@code Organization.name}.</li>
 *   <li>Its responding endpoints are the contained {@code Endpoint} resources (status {@code active} or absent);
 *       the Transaction extension ({@value #TRANSACTION_EXTENSION}) says which transaction each serves. The codes
 *       are matched by substring, {@code ITI-38} in {@code "XCA ITI-38"}, as real entries vary.</li>
 *   <li>A community needs ITI-38, ITI-39 and RAD-75; ITI-55 is optional. RAD-69 (Retrieve Imaging Document Set,
 *       an Imaging Document Source's transaction) is not a gateway's and is not used in RAD-75's place.</li>
 * </ul>
 *
 * <p>An organisation that does not qualify is left out with a sentence saying why; a bundle that yields none, or
 * is not a Bundle at all, is a {@link DirectoryException}: a directory that suddenly lists nobody is far more
 * likely broken than true.
 */
public final class FhirDirectoryReader {
  public static final String TRANSACTION_EXTENSION =
      "https://sequoiaproject.org/fhir/sphd/StructureDefinition/Transaction";
  static final String HCID_CODE = "HCID";
  private static final Pattern DOTTED_OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
  /** The transactions we use, as the directory's codes name them. */
  private static final List<String> TRANSACTIONS = List.of("ITI-55", "ITI-38", "ITI-39", "RAD-75");
  private static final Set<String> USABLE_STATUS = Set.of("active");

  private FhirDirectoryReader() {}

  /**
   * @param source for messages and the snapshot ({@code file:…} or the URL)
   * @throws DirectoryException when the bundle as a whole cannot be used
   */
  public static DirectorySnapshot read(Buffer bundle, String source, Instant now) throws DirectoryException {
    JsonObject root;
    try {
      root = new JsonObject(bundle);
    } catch (DecodeException | ClassCastException e) {
      throw new DirectoryException(source + ": not a JSON object: " + e.getMessage(), e);
    }
    if (!"Bundle".equals(root.getValue("resourceType"))) {
      throw new DirectoryException(source + ": resourceType is " + root.getValue("resourceType") + ", not Bundle");
    }
    JsonArray entries = array(root, "entry");
    List<CommunityEndpoints> communities = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int organisations = 0;
    for (int i = 0; i < entries.size(); i++) {
      JsonObject resource = object(entries.getValue(i), "resource");
      if (resource == null || !"Organization".equals(resource.getValue("resourceType"))) {
        continue;
      }
      organisations++;
      try {
        CommunityEndpoints c = organisation(resource);
        if (!seen.add(c.homeCommunityId())) {
          skipped.add(c.label() + ": listed again (entry " + i + "); the first listing is used");
          continue;
        }
        communities.add(c);
      } catch (Skip | IllegalArgumentException e) {
        skipped.add(describe(resource, i) + ": " + e.getMessage());
      }
    }
    if (communities.isEmpty()) {
      throw new DirectoryException(source + ": no usable organisation among " + organisations
          + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
    }
    return new DirectorySnapshot(communities, skipped, source, now);
  }

  /** Why an organisation is left out. */
  private static final class Skip extends Exception {
    private static final long serialVersionUID = 1L;

    Skip(String message) {
      super(message, null, false, false);
    }
  }

  private static CommunityEndpoints organisation(JsonObject org) throws Skip {
    if (Boolean.FALSE.equals(org.getValue("active"))) {
      throw new Skip("not active");
    }
    String home = homeCommunityId(org);
    String name = org.getValue("name") instanceof String n && !n.isBlank() ? n.strip() : home;
    Map<String, URI> urls = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    JsonArray contained = array(org, "contained");
    for (int i = 0; i < contained.size(); i++) {
      JsonObject r = object(contained.getValue(i), null);
      if (r == null || !"Endpoint".equals(r.getValue("resourceType"))) {
        continue;
      }
      Object status = r.getValue("status");
      if (status != null && !USABLE_STATUS.contains(String.valueOf(status).toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String t : transactions(r)) {
        URI address = address(r, t);
        if (urls.putIfAbsent(t, address) != null && !urls.get(t).equals(address)) {
          notes.add("second " + t + " endpoint " + address + " ignored");
        }
      }
    }
    for (String required : List.of("ITI-38", "ITI-39", "RAD-75")) {
      if (!urls.containsKey(required)) {
        throw new Skip("no active " + required + " endpoint (has: " + (urls.isEmpty() ? "none"
            : String.join(", ", urls.keySet())) + ")");
      }
    }
    return CommunityEndpoints.of(home, name, urls.get("ITI-55"), urls.get("ITI-38"), urls.get("ITI-39"),
        urls.get("RAD-75"));
  }

  /** The HCID identifier's {@code urn:oid:} value, else the id when it is a dotted OID. */
  static String homeCommunityId(JsonObject org) throws Skip {
    JsonArray identifiers = array(org, "identifier");
    for (int i = 0; i < identifiers.size(); i++) {
      JsonObject id = object(identifiers.getValue(i), null);
      if (id == null || !hasCode(object(id.getValue("type"), null), HCID_CODE)) {
        continue;
      }
      Object value = id.getValue("value");
      String v = value instanceof String s ? s.strip() : "";
      String oid = v.regionMatches(true, 0, "urn:oid:", 0, 8) ? v.substring(8) : v;
      if (!DOTTED_OID.matcher(oid).matches()) {
        throw new Skip("HCID identifier '" + v + "' is not urn:oid:<dotted OID>");
      }
      return "urn:oid:" + oid;
    }
    Object id = org.getValue("id");
    if (id instanceof String s && DOTTED_OID.matcher(s).matches()) {
      return "urn:oid:" + s;
    }
    throw new Skip("no HCID identifier and an id that is not an OID");
  }

  /** The transactions an Endpoint's Transaction extensions name, among those we use. */
  private static Set<String> transactions(JsonObject endpoint) {
    Set<String> out = new HashSet<>();
    JsonArray extensions = array(endpoint, "extension");
    for (int i = 0; i < extensions.size(); i++) {
      JsonObject ext = object(extensions.getValue(i), null);
      if (ext == null || !TRANSACTION_EXTENSION.equals(ext.getValue("url"))) {
        continue;
      }
      JsonObject concept = object(ext.getValue("valueCodeableConcept"), null);
      List<String> texts = new ArrayList<>();
      if (concept != null) {
        JsonArray codings = array(concept, "coding");
        for (int j = 0; j < codings.size(); j++) {
          JsonObject coding = object(codings.getValue(j), null);
          if (coding != null) {
            texts.add(String.valueOf(coding.getValue("code")));
            texts.add(String.valueOf(coding.getValue("display")));
          }
        }
        texts.add(String.valueOf(concept.getValue("text")));
      }
      texts.add(String.valueOf(ext.getValue("valueString")));
      for (String t : TRANSACTIONS) {
        if (texts.stream().anyMatch(x -> x.toUpperCase(Locale.ROOT).contains(t))) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static URI address(JsonObject endpoint, String transaction) throws Skip {
    Object a = endpoint.getValue("address");
    if (!(a instanceof String s) || s.isBlank()) {
      throw new Skip(transaction + " endpoint has no address");
    }
    try {
      return new URI(s.strip());
    } catch (URISyntaxException e) {
      throw new Skip(transaction + " endpoint address is not a URL: '" + s + "'");
    }
  }

  private static boolean hasCode(JsonObject concept, String code) {
    if (concept == null) {
      return false;
    }
    JsonArray codings = array(concept, "coding");
    for (int i = 0; i < codings.size(); i++) {
      JsonObject c = object(codings.getValue(i), null);
      if (c != null && code.equals(c.getValue("code"))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(JsonObject org, int entry) {
    Object name = org.getValue("name");
    Object id = org.getValue("id");
    return "Organization " + (name instanceof String ? "'" + name + "'" : "") + (id == null ? "" : " id " + id)
        + " (entry " + entry + ")";
  }

  /** A JSON array member, empty when absent or of another type (the reader reports what is missing instead). */
  private static JsonArray array(JsonObject o, String key) {
    Object v = o.getValue(key);
    return v instanceof JsonArray a ? a : new JsonArray();
  }

  /** {@code value} (or its member {@code key}) as an object, or null. */
  private static JsonObject object(Object value, String key) {
    if (!(value instanceof JsonObject o)) {
      return null;
    }
    if (key == null) {
      return o;
    }
    Object v = o.getValue(key);
    return v instanceof JsonObject r ? r : null;
  }
}
