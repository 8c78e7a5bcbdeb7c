package org.xcaibridge.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key {@code conf/application.yaml} may hold, and the environment variables that override them. A key
 * path such as {@code front.corsOrigins} becomes {@code XCAI_FRONT_CORS_ORIGINS}: the prefix, then each key
 * with its camel-case words joined by underscores, upper case; a community is addressed by its index,
 * {@code communities[0].rad75Url} as {@code XCAI_COMMUNITIES_0_RAD75_URL}. Keys are listed here once; the
 * readers of each section take their names from these lists, so a key cannot be readable but unknown.
 */
final class ConfigSchema {
  static final String ENV_PREFIX = "XCAI_";
  static final String COMMUNITIES = "communities";

  static final List<String> TOP = List.of("workDir", "identity", "front", "cache", "responder", COMMUNITIES,
      "communityDirectory", "tls", "health", "shutdown", "logging", "secure", "frontDoor", "xua", "audit");
  static final Map<String, List<String>> SECTIONS = Map.ofEntries(
      Map.entry("identity", List.of("homeCommunityId", "organisationName", "organisationOid")),
      Map.entry("front", List.of("host", "port", "basePath", "corsOrigins")),
      Map.entry("cache", List.of("directory", "maxSize", "queryTtl", "metadataTtl")),
      Map.entry("responder", List.of("enabled", "host", "port", "folder", "dicomwebUrl", "homeCommunityId",
          "repositoryUniqueId", "assigningAuthority")),
      Map.entry("communityDirectory", List.of("source", "refresh", "maxSize")),
      Map.entry("tls", List.of("directory", "certificate", "privateKey", "trustedCertificates", "reloadInterval")),
      Map.entry("health", List.of("eventLoopTimeout", "certificateMargin")),
      Map.entry("shutdown", List.of("grace")),
      Map.entry("logging", List.of("format", "requests", "patientData")),
      Map.entry("secure", List.of("enabled", "pkiDirectory", "clockSkew", "auditHost", "auditPort", "auditTransport")),
      Map.entry("frontDoor", List.of("issuer", "audience", "jwksUrl", "publicKeys", "keyAlgorithm", "algorithms",
          "clockSkew", "realm", "subjectIdClaim", "organizationClaim", "organization", "roleClaim", "role",
          "purposeOfUseClaim", "purposeOfUse")),
      Map.entry("xua", List.of("certificate", "privateKey", "keyStore", "keyStorePassword", "issuer",
          "subjectConfirmation", "subjectId", "organization", "organizationId", "role", "roleName", "purposeOfUse",
          "npi", "clockSkew", "validity")),
      Map.entry("audit", List.of("host", "port", "transport", "spoolDirectory", "auditSourceId",
          "enterpriseSiteId")));
  static final List<String> COMMUNITY = List.of("homeCommunityId", "name", "iti55Url", "iti38Url", "iti39Url",
      "rad75Url", "assigningAuthority", "xcpd", "connectTimeout", "queryTimeout", "retrieveTimeout",
      "maxDocumentRequests", "xua");
  /** A community's {@code xua:} mapping: {@code communities[0].xua.digest} is {@code XCAI_COMMUNITIES_0_XUA_DIGEST}. */
  static final List<String> COMMUNITY_XUA = List.of("digest", "audience", "subjectIdFormat");

  private static final Pattern COMMUNITY_VAR = Pattern.compile(ENV_PREFIX + "COMMUNITIES_([0-9]{1,4})_(.+)");
  private static final int MAX_SUGGESTION_DISTANCE = 3;

  private ConfigSchema() {}

  /** {@code rad75Url} → {@code RAD75_URL}. */
  static String envWord(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The environment variable of a key path given as its parts ({@code "front", "port"}). */
  static String envName(String... path) {
    StringBuilder b = new StringBuilder(ENV_PREFIX);
    for (int i = 0; i < path.length; i++) {
      b.append(i == 0 ? "" : "_").append(envWord(path[i]));
    }
    return b.toString();
  }

  /** Where an environment variable points, or empty when it names no key (then see {@link #suggestEnv}). */
  static Optional<List<Object>> pathOfEnv(String variable) {
    Matcher m = COMMUNITY_VAR.matcher(variable);
    if (m.matches()) {
      int index = Integer.parseInt(m.group(1));
      Optional<List<Object>> xua = COMMUNITY_XUA.stream().filter(k -> ("XUA_" + envWord(k)).equals(m.group(2)))
          .findFirst().map(k -> List.of(COMMUNITIES, index, "xua", k));
      if (xua.isPresent()) {
        return xua;
      }
      return COMMUNITY.stream().filter(k -> envWord(k).equals(m.group(2))).findFirst()
          .map(k -> List.of(COMMUNITIES, index, k));
    }
    for (String top : TOP) {
      List<String> keys = SECTIONS.get(top);
      if (keys == null) {
        if (!top.equals(COMMUNITIES) && envName(top).equals(variable)) {
          return Optional.of(List.of(top));
        }
        continue;
      }
      for (String key : keys) {
        if (envName(top, key).equals(variable)) {
          return Optional.of(List.of(top, key));
        }
      }
    }
    return Optional.empty();
  }

  /** Every variable {@link #pathOfEnv} knows, communities shown with index 0. */
  static List<String> envNames() {
    List<String> names = new ArrayList<>();
    for (String top : TOP) {
      List<String> keys = SECTIONS.get(top);
      if (top.equals(COMMUNITIES)) {
        COMMUNITY.forEach(k -> names.add(envName(COMMUNITIES, "0", k)));
        COMMUNITY_XUA.forEach(k -> names.add(envName(COMMUNITIES, "0", "xua", k)));
      } else if (keys == null) {
        names.add(envName(top));
      } else {
        keys.forEach(k -> names.add(envName(top, k)));
      }
    }
    return names;
  }

  /** The known name closest to {@code wrong}, if it is close enough to be a likely typo. */
  static Optional<String> suggest(String wrong, List<String> known) {
    return known.stream()
        .map(k -> Map.entry(k, distance(wrong.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))))
        .filter(e -> e.getValue() <= allowedEdits(e.getKey()))
        .min(Comparator.comparingInt(Map.Entry::getValue))
        .map(Map.Entry::getKey);
  }

  /** Short names tolerate one edit, longer ones up to {@value #MAX_SUGGESTION_DISTANCE}: enough for a typo. */
  private static int allowedEdits(String name) {
    return name.length() <= 4 ? 1 : name.length() <= 8 ? 2 : MAX_SUGGESTION_DISTANCE;
  }

  /** A did-you-mean for an unknown variable; a community variable is compared with index 0 put in. */
  static Optional<String> suggestEnv(String variable) {
    Matcher m = COMMUNITY_VAR.matcher(variable);
    if (m.matches()) {
      String index = m.group(1);
      return suggest(variable.replaceFirst("_" + index + "_", "_0_"), envNames())
          .map(s -> s.replaceFirst("_COMMUNITIES_0_", "_COMMUNITIES_" + index + "_"));
    }
    return suggest(variable, envNames());
  }

  /**
   * Edits that turn {@code a} into {@code b}: insertions, deletions, replacements and swaps of two neighbours
   * (optimal string alignment), so that {@code prot} is one edit from {@code port}.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
