package org.xcaibridge.studies;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.PatientDiscovery;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.Demographics;
import org.xcaibridge.ihe.Device;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.MatchedPatient;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.PatientQuery;
import org.xcaibridge.ihe.PersonName;

/**
 * Finds the patient's id in one community (issue 6 "Patients"): the configured identity domain's id when the
 * query names that domain or none, else, for a community with XCPD, the id its ITI-55 answer gives for the
 * query's id and demographics (protocol.md §6). Never guesses: several candidates or a low score give no id.
 * XCPD answers are kept ({@link StudySettings#patientMappingTtl()}), "no such patient" for a tenth as long.
 */
final class PatientResolver {
  private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private record Mapping(Optional<Cx> cx, long ttlNanos) {}

  private final StudySettings settings;
  private final Clock clock;
  private final Cache<String, Mapping> mappings;

  PatientResolver(StudySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.mappings = Caffeine.newBuilder()
        .maximumSize(settings.maxPatientMappings())
        .expireAfter(new Expiry<String, Mapping>() {
          @Override
          public long expireAfterCreate(String k, Mapping v, long now) {
            return v.ttlNanos();
          }

          @Override
          public long expireAfterUpdate(String k, Mapping v, long now, long current) {
            return v.ttlNanos();
          }

          @Override
          public long expireAfterRead(String k, Mapping v, long now, long current) {
            return current;
          }
        })
        .build();
  }

  /** The patient's id in the community, or empty when the community cannot be asked about them. */
  Future<Optional<Cx>> resolve(CommunityClient client, CommunityProfile profile, PatientSelector patient) {
    if (patient.issuer() == null ? !profile.xcpd() : profile.namesDomain(patient.issuer())) {
      return Future.succeededFuture(Optional.of(new Cx(patient.id(), profile.assigningAuthorityOid())));
    }
    if (!profile.xcpd() || !patient.discoverable()) {
      return Future.succeededFuture(Optional.empty()); // another domain, and no way to translate
    }
    if (settings.bridgeDeviceOid() == null || settings.bridgeHomeCommunityId() == null) {
      return Future.failedFuture(new IllegalStateException("community " + profile.homeCommunityId()
          + " uses XCPD but the bridge has no XCPD identity (bridgeHomeCommunityId, bridgeDeviceOid)"));
    }
    String key = profile.homeCommunityId() + '\n' + patient.key() + '\n' + patient.name() + '\n'
        + patient.birthDate() + '\n' + patient.sex();
    Mapping known = mappings.getIfPresent(key);
    if (known != null) {
      return Future.succeededFuture(known.cx());
    }
    return client.discoverPatient(request(client, patient)).map(answer -> {
      Optional<Cx> cx = Optional.empty();
      if (answer instanceof PatientDiscovery.Matched m) {
        cx = m.unambiguous(profile.xcpdMinimumScore()).flatMap(p -> idIn(p, profile.assigningAuthorityOid()));
      }
      long ttl = settings.patientMappingTtl().toNanos();
      mappings.put(key, new Mapping(cx, cx.isPresent() ? ttl : Math.max(1_000_000_000L, ttl / 10)));
      return cx;
    });
  }

  /** The matched patient's id in {@code domain} (any domain when null). */
  private static Optional<Cx> idIn(MatchedPatient p, String domain) {
    for (Ii ii : p.patientIds()) {
      if (ii.extension() != null && !ii.extension().isBlank() && (domain == null || domain.equals(ii.root()))) {
        return Optional.of(ii.toCx());
      }
    }
    return Optional.empty();
  }

  private PatientDiscoveryRequest request(CommunityClient client, PatientSelector p) {
    String bridgeOid = settings.bridgeHomeCommunityId().substring("urn:oid:".length());
    String communityOid = client.endpoints().homeCommunityId().substring("urn:oid:".length());
    Ii device = Ii.of(settings.bridgeDeviceOid());
    Device sender = new Device(device, null, bridgeOid);
    Device receiver = new Device(Ii.of(communityOid), client.endpoints().iti55().map(Object::toString).orElse(null),
        communityOid);
    List<PersonName> names = new ArrayList<>();
    if (p.name() != null) {
      String[] pn = p.name().split("=", -1)[0].split("\\^", -1); // the alphabetic group: Family^Given^Middle
      List<String> given = Arrays.stream(pn).skip(1).limit(2).filter(s -> !s.isBlank()).map(String::strip).toList();
      if (!pn[0].isBlank() || !given.isEmpty()) {
        names.add(new PersonName(given, pn[0].isBlank() ? null : pn[0].strip()));
      }
    }
    String gender = p.sex() == null ? null : switch (p.sex().toUpperCase(java.util.Locale.ROOT)) {
      case "M" -> "M";
      case "F" -> "F";
      default -> "UN";
    };
    List<Ii> ids = p.issuer() != null && p.issuer().matches("[0-2](\\.(0|[1-9][0-9]*))+")
        ? List.of(new Ii(p.issuer(), p.id())) : List.of();
    PatientQuery query = new PatientQuery(new Ii(settings.bridgeDeviceOid(), UUID.randomUUID().toString()),
        new Demographics(names, gender, p.birthDate(), List.of(), List.of()), ids, null);
    return new PatientDiscoveryRequest(new Ii(settings.bridgeDeviceOid(), UUID.randomUUID().toString()),
        HL7_TS.format(clock.instant()), "P", receiver, sender, query);
  }
}
