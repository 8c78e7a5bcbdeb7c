package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.xcaibridge.dicom.DataElement;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.studies.CommunityProblem;
import org.xcaibridge.studies.PatientSelector;
import org.xcaibridge.studies.QueryRows;
import org.xcaibridge.studies.StudySearch;
import org.xcaibridge.studies.StudyService;

/**
 * QIDO-RS (PS3.18 §10.6): the six search resources. The study core gives the candidate rows — study rows from
 * the communities when the query names a patient, else from the studies already located (issue 6 point 2: never
 * a broadcast); series and instance rows from manifests and instance headers — and this class matches them
 * (PS3.4 §C.2.2.2), pages them and answers through {@link QidoAnswers}. Searches not scoped to one study go over
 * the studies matching the query's study-level keys, at most {@link DicomWebSettings#maxStudiesPerSearch()}; their
 * rows carry the attributes of the levels above, as §10.6.3.3 asks.
 */
final class QidoSearches {
  private static final int ISSUER_OF_PATIENT_ID = 0x00100021;
  private static final int MODALITIES_IN_STUDY = 0x00080061;
  private static final int PATIENT_BIRTH_DATE = 0x00100030;
  private static final int PATIENT_SEX = 0x00100040;

  private final StudyService studies;
  private final DicomWebSettings settings;
  private final QidoQueryParser parser;
  private final QidoAnswers answers;

  QidoSearches(StudyService studies, DicomWebSettings settings, ResourceUrls urls) {
    this.studies = studies;
    this.settings = settings;
    this.parser = new QidoQueryParser(settings.qido());
    this.answers = new QidoAnswers(settings.agent(), urls);
  }

  /** The rows that may match, and what is known to be missing from them. */
  record Candidates(List<Dataset> rows, List<CommunityProblem> failures, Set<String> missingAttributes) {}

  void search(RoutingContext ctx, QidoLevel level) {
    String study = Paths.uid(ctx, "study");
    String series = Paths.uid(ctx, "series");
    QidoQuery q = parser.parse(level, study, series, ctx.request().query());
    String mediaType = WadoNegotiation.negotiate(WadoTarget.METADATA, ctx.request().headers().getAll("Accept"), null)
        .metadataMediaType();
    candidates(q).onSuccess(c -> answers.send(ctx, q, c, mediaType)).onFailure(ctx::fail);
  }

  private Future<Candidates> candidates(QidoQuery q) {
    String st = q.studyInstanceUid();
    switch (q.level()) {
      case STUDY:
        return studyRows(q);
      case SERIES:
        if (st != null) {
          return studies.series(st).map(QidoSearches::of);
        }
        return acrossStudies(q, uid -> studies.series(uid).map(QidoSearches::of));
      default:
        if (st != null && q.seriesInstanceUid() != null) {
          return studies.instances(st, q.seriesInstanceUid()).map(QidoSearches::of);
        }
        if (st != null) {
          return instancesWithSeries(st);
        }
        return acrossStudies(q, this::instancesWithSeries);
    }
  }

  private static Candidates of(QueryRows r) {
    return new Candidates(r.rows(), r.failures(), new LinkedHashSet<>(r.missingAttributes()));
  }

  /** Study rows; a search for exactly one study counts as opening it (OHIF's first call for a deep link). */
  private Future<Candidates> studyRows(QidoQuery q) {
    StudySearch search = search(q);
    return studies.searchStudies(search).map(r -> {
      if (search.studyInstanceUids().size() == 1 && !r.rows().isEmpty()) {
        studies.prefetch(search.studyInstanceUids().get(0)); // its failure shows when the study is read
      }
      return of(r);
    });
  }

  /** Instance rows of a study, each with its series' attributes (PS3.18 Table 10.6.3-4 beside -5). */
  private Future<Candidates> instancesWithSeries(String study) {
    return studies.series(study).compose(series -> studies.instances(study, null).map(instances -> {
      Map<String, Dataset> bySeries = new LinkedHashMap<>();
      series.rows().forEach(s -> bySeries.put(s.string(Tag.SeriesInstanceUID), s));
      List<Dataset> rows = new ArrayList<>();
      for (Dataset i : instances.rows()) {
        Dataset s = bySeries.get(i.string(Tag.SeriesInstanceUID));
        rows.add(s == null ? i : merged(s, i));
      }
      Set<String> missing = new LinkedHashSet<>(series.missingAttributes());
      missing.addAll(instances.missingAttributes());
      List<CommunityProblem> failures = new ArrayList<>(series.failures());
      failures.addAll(instances.failures());
      return new Candidates(rows, failures, missing);
    }));
  }

  /** Rows below the studies the query's study-level keys match, each merged with its study's row. */
  private Future<Candidates> acrossStudies(QidoQuery q, Function<String, Future<Candidates>> below) {
    QidoQuery studyQuery = studyPart(q);
    return studyRows(studyQuery).compose(found -> {
      List<Dataset> matched = found.rows().stream().filter(r -> QidoMatching.matches(studyQuery, AttributeView.of(r)))
          .toList();
      if (matched.size() > settings.maxStudiesPerSearch()) {
        throw new DicomWebException.TooLarge("DicomWebSettings.maxStudiesPerSearch", settings.maxStudiesPerSearch(),
            matched.size());
      }
      List<Future<Candidates>> each = new ArrayList<>();
      for (Dataset study : matched) {
        each.add(below.apply(study.string(Tag.StudyInstanceUID)));
      }
      return Future.join(each).transform(ignored -> {
        List<Dataset> rows = new ArrayList<>();
        List<CommunityProblem> failures = new ArrayList<>(found.failures());
        Set<String> missing = new LinkedHashSet<>(found.missingAttributes());
        for (int i = 0; i < each.size(); i++) {
          Future<Candidates> f = each.get(i);
          if (f.failed()) {
            continue; // a study that cannot be read now is left out; when all fail, the failure is the answer
          }
          Dataset study = matched.get(i);
          Candidates c = f.result();
          c.rows().forEach(r -> rows.add(merged(study, r)));
          failures.addAll(c.failures());
          missing.addAll(c.missingAttributes());
        }
        if (rows.isEmpty()) {
          for (Future<Candidates> f : each) {
            if (f.failed()) {
              return Future.failedFuture(f.cause());
            }
          }
        }
        return Future.succeededFuture(new Candidates(rows, failures, missing));
      });
    });
  }

  /** The query's keys of study level, as a study search. */
  private static QidoQuery studyPart(QidoQuery q) {
    List<QidoQuery.MatchKey> keys = q.keys().stream()
        .filter(k -> QidoAttributes.levelOf(k.path().top(), q.level()) == QidoLevel.STUDY).toList();
    return new QidoQuery(QidoLevel.STUDY, null, null, keys, List.of(), false, q.fuzzyMatching(),
        q.emptyValueMatching(), Integer.MAX_VALUE, 0, false);
  }

  /** A row with the attributes of {@code upper} and then {@code lower} (lower wins where both have one). */
  static Dataset merged(Dataset upper, Dataset lower) {
    Dataset d = new Dataset();
    for (DataElement e : upper.elements()) {
      d.put(e);
    }
    for (DataElement e : lower.elements()) {
      d.put(e);
    }
    return d;
  }

  /**
   * What the core needs from a study query: the patient when PatientID names one (no wildcard), and the keys
   * that let communities narrow their answer. Everything is still matched on the rows afterwards.
   */
  static StudySearch search(QidoQuery q) {
    PatientSelector patient = null;
    String id = single(q, Tag.PatientID);
    if (id != null && !id.isBlank()) {
      try {
        patient = PatientSelector.of(id, single(q, ISSUER_OF_PATIENT_ID));
        String birth = single(q, PATIENT_BIRTH_DATE);
        patient = patient.withDemographics(single(q, Tag.PatientName),
            birth != null && birth.matches("\\d{8}") ? birth : null, single(q, PATIENT_SEX));
      } catch (IllegalArgumentException e) {
        throw new DicomWebException.BadRequest("PatientID", e.getMessage());
      }
    }
    List<String> uids = new ArrayList<>();
    QidoQuery.MatchKey uidKey = q.key(Tag.StudyInstanceUID);
    if (uidKey != null && uidKey.matcher() instanceof Matcher.Single s) {
      uids.add(s.value());
    } else if (uidKey != null && uidKey.matcher() instanceof Matcher.UidList l) {
      uids.addAll(l.uids());
    }
    String from = null;
    String to = null;
    QidoQuery.MatchKey date = q.key(Tag.StudyDate);
    Matcher m = date == null ? null : date.matcher();
    if (m instanceof Matcher.CombinedDateTime c) {
      m = c.date();
    }
    if (m instanceof Matcher.Single s) {
      from = day(s.value());
      to = from;
    } else if (m instanceof Matcher.Range r) {
      from = day(r.lower());
      to = day(r.upper());
    }
    List<String> modalities = new ArrayList<>();
    QidoQuery.MatchKey mod = q.key(MODALITIES_IN_STUDY);
    if (mod != null && mod.matcher() instanceof Matcher.Single s) {
      modalities.add(s.value().trim());
    } else if (mod != null && mod.matcher() instanceof Matcher.AnyOf any
        && any.values().stream().allMatch(v -> v instanceof Matcher.Single)) {
      any.values().forEach(v -> modalities.add(((Matcher.Single) v).value().trim()));
    }
    return new StudySearch(patient, uids, from, to, modalities);
  }

  private static String day(String v) {
    return v != null && v.trim().matches("\\d{8}") ? v.trim() : null;
  }

  /** The value of a top-level key that names one value (no wildcard, range or list), else null. */
  private static String single(QidoQuery q, int tag) {
    QidoQuery.MatchKey k = q.key(tag);
    return k != null && k.matcher() instanceof Matcher.Single s ? s.value() : null;
  }
}
