package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.ihe.Demographics;
import org.xcaibridge.ihe.Device;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.MatchedPatient;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.PatientDiscoveryResponse;
import org.xcaibridge.ihe.PatientQuery;
import org.xcaibridge.ihe.PersonName;
import org.xcaibridge.ihe.QueryResponseCode;
import org.xcaibridge.responder.ImageArchive.DemographicQuery;
import org.xcaibridge.responder.ImageArchive.PatientMatch;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.soap.SoapHttpEndpoint;

/**
 * ITI-55 Cross Gateway Patient Discovery, responding side (ITI TF-2b 3.55.4.2, protocol.md §6): matches the
 * query's name, birth time, gender and ids of our assigning authority against the archive's patients
 * ({@link ImageArchive#findPatients}) and answers OK with the matches, best first, each with our patient id,
 * its demographics, our homeCommunityId as custodian and its score; NF when nothing matches (or nothing reaches
 * the query's minimumDegreeMatch); QE when the query gives nothing a patient can be told by; AE with
 * InternalError when the archive fails.
 */
final class Iti55Service {
  private static final Logger LOG = LoggerFactory.getLogger(Iti55Service.class);
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  /** protocol.md §6.2: a responder that is not a health data locator says so. */
  static final String NOT_HEALTH_DATA_LOCATOR = "NotHealthDataLocator";
  static final String INTERNAL_ERROR = "InternalError";

  private final ImageArchive archive;
  private final ResponderIdentity identity;
  private final ResponderSettings settings;
  private final Clock clock;
  private final SoapExchange exchange;

  /**
   * @param clock    for the answers' creationTime
   * @param endpoint reads requests and sends answers and faults (its limits bound what a request may be)
   */
  Iti55Service(ImageArchive archive, ResponderIdentity identity, ResponderSettings settings, Clock clock,
      SoapHttpEndpoint endpoint) {
    this(archive, identity, settings, clock, endpoint, RequestGuard.OPEN);
  }

  /** @param guard admits requests by their XUA assertion and audits them */
  Iti55Service(ImageArchive archive, ResponderIdentity identity, ResponderSettings settings, Clock clock,
      SoapHttpEndpoint endpoint, RequestGuard guard) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.exchange = new SoapExchange(endpoint, guard);
  }

  /** Answers one HTTP request. Call on the request's context. */
  void handle(HttpServerRequest request) {
    exchange.serve(request, IheTransaction.ITI_55, PatientDiscoveryRequest.class,
        r -> discover(r).map(answer -> new SoapExchange.Reply(answer, List.of())));
  }

  /** The answer to one request; never fails: an archive failure is an AE answer. */
  Future<PatientDiscoveryResponse> discover(PatientDiscoveryRequest request) {
    DemographicQuery query = demographicQuery(request.query());
    if (!DemographicMatcher.asksAnything(query) || (query.familyName() == null && query.birthDate() == null
        && query.patientIds().isEmpty())) {
      return Future.succeededFuture(response(request, "AE", QueryResponseCode.QE, List.of(), List.of(
          "the query must give a LivingSubjectName with a family name, a LivingSubjectBirthTime, or a "
              + "LivingSubjectId in assigning authority " + identity.assigningAuthorityOid()), List.of()));
    }
    Integer minimum = request.query().minimumDegreeMatch();
    return archive.findPatients(query).map(found -> {
      List<MatchedPatient> subjects = new ArrayList<>();
      for (PatientMatch m : found) {
        if (subjects.size() >= settings.maxPatientMatches()) {
          break;
        }
        if ((minimum == null || m.score() >= minimum) && !m.patient().id().isBlank()) {
          subjects.add(subject(m));
        }
      }
      QueryResponseCode code = subjects.isEmpty() ? QueryResponseCode.NF : QueryResponseCode.OK;
      return response(request, "AA", code, subjects, List.of(), List.of());
    }).otherwise(e -> {
      String why = e instanceof ArchiveException ? e.getMessage() : "the responding gateway failed; its log has the details";
      if (!(e instanceof ArchiveException)) {
        LOG.error("ITI-55 discovery failed", e);
      }
      return response(request, "AE", QueryResponseCode.AE, List.of(), List.of("patient discovery failed: " + why),
          List.of(INTERNAL_ERROR));
    });
  }

  /** The query's first name and its ids in our assigning authority; an HL7 UN gender is "not asked". */
  DemographicQuery demographicQuery(PatientQuery q) {
    Demographics d = q.demographics();
    String family = null;
    String given = null;
    if (!d.names().isEmpty()) {
      PersonName n = d.names().get(0);
      family = blankToNull(n.family());
      given = n.given().isEmpty() ? null : blankToNull(n.given().get(0));
    }
    String sex = blankToNull(d.administrativeGender());
    if (sex != null) {
      sex = sex.toUpperCase(Locale.ROOT);
      sex = sex.equals("M") || sex.equals("F") ? sex : null;
    }
    List<String> ids = new ArrayList<>();
    for (Ii id : q.livingSubjectIds()) {
      if (identity.assigningAuthorityOid().equals(id.root()) && id.extension() != null) {
        ids.add(id.extension());
      }
    }
    return new DemographicQuery(family, given, blankToNull(d.birthTime()), sex, ids);
  }

  private MatchedPatient subject(PatientMatch m) {
    PatientRecord p = m.patient();
    Demographics d = new Demographics(names(p.name()), gender(p.sex()), birthTime(p.birthDate()), List.of(), List.of());
    return new MatchedPatient(List.of(new Ii(identity.assigningAuthorityOid(), p.id())), d, List.of(),
        identity.homeCommunityOid(), NOT_HEALTH_DATA_LOCATOR, m.score());
  }

  private PatientDiscoveryResponse response(PatientDiscoveryRequest request, String ack, QueryResponseCode code,
      List<MatchedPatient> subjects, List<String> details, List<String> issues) {
    Device us = new Device(request.receiver().id(), request.receiver().telecom(), identity.homeCommunityOid());
    return new PatientDiscoveryResponse(new Ii(identity.homeCommunityOid(), UUID.randomUUID().toString()),
        TS.format(clock.instant()), request.sender(), us, ack, request.messageId(), details, code, subjects, issues,
        request.query());
  }

  /** A DICOM PN's alphabetic group as an HL7 v3 PN: family, then given and middle names. */
  static List<PersonName> names(String pn) {
    if (pn == null || pn.isBlank()) {
      return List.of();
    }
    String[] c = pn.split("=", -1)[0].split("\\^", -1);
    String family = c.length > 0 ? blankToNull(c[0]) : null;
    List<String> given = new ArrayList<>();
    for (int i = 1; i < Math.min(c.length, 3); i++) {
      Arrays.stream(c[i].strip().split("\\s+")).filter(s -> !s.isEmpty()).forEach(given::add);
    }
    return family == null && given.isEmpty() ? List.of() : List.of(new PersonName(given, family));
  }

  /** DICOM M/F/O as HL7 AdministrativeGender M/F/UN. */
  private static String gender(String sex) {
    String s = blankToNull(sex);
    if (s == null) {
      return null;
    }
    s = s.toUpperCase(Locale.ROOT);
    return s.equals("M") || s.equals("F") ? s : "UN";
  }

  private static String birthTime(String da) {
    String d = blankToNull(da);
    return d != null && d.length() == 8 && d.chars().allMatch(Character::isDigit) ? d : null;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
