package org.xcaibridge.dicomweb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xcaibridge.dicom.DataElement;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomJsonOptions;
import org.xcaibridge.dicom.DicomJsonWriter;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.VR;
import org.xcaibridge.studies.CommunityProblem;

/**
 * Writes a QIDO-RS answer (PS3.18 §10.6.3): the matching rows, one page of them in a stable order, each with the
 * attributes its level returns plus RetrieveURL, as a DICOM JSON array; {@code 204} when nothing matched; a
 * {@code Warning: 299} per thing the client should know (more results, a reduced limit, a community that failed,
 * attributes not known in time). When nothing matched and communities failed, the failure is the answer (502, or
 * 504 when all of them were too slow): an empty list would say the patient has no studies.
 */
final class QidoAnswers {
  private static final DicomJsonOptions NO_BULK = DicomJsonOptions.inline((element, path) -> {
    throw new IllegalStateException("a QIDO row has no bulk data");
  });

  private final String agent;
  private final ResourceUrls urls;

  QidoAnswers(String agent, ResourceUrls urls) {
    this.agent = agent;
    this.urls = urls;
  }

  void send(RoutingContext ctx, QidoQuery q, QidoSearches.Candidates c, String mediaType) {
    List<Dataset> matched = new ArrayList<>();
    for (Dataset row : c.rows()) {
      if (QidoMatching.matches(q, AttributeView.of(row))) {
        matched.add(row);
      }
    }
    if (matched.isEmpty() && !c.failures().isEmpty()) {
      ctx.fail(allFailed(c.failures()));
      return;
    }
    QidoPage<Dataset> page = QidoPage.of(matched, q, AttributeView::of);
    HttpServerResponse response = ctx.response();
    for (String w : warnings(q, c, page)) {
      response.headers().add("Warning", w);
    }
    if (page.rows().isEmpty()) {
      response.setStatusCode(204).end();
      return;
    }
    Set<Integer> returned = QidoAttributes.returned(q);
    ByteArrayOutputStream json = new ByteArrayOutputStream(1024 * page.rows().size());
    DicomJsonWriter writer = new DicomJsonWriter(NO_BULK);
    try {
      json.write('[');
      for (int i = 0; i < page.rows().size(); i++) {
        if (i > 0) {
          json.write(',');
        }
        writer.write(projected(q, returned, page.rows().get(i)), json);
      }
      json.write(']');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Responses.end(ctx.request(), response.setStatusCode(200).putHeader("Content-Type", mediaType),
        Buffer.buffer(json.toByteArray()));
  }

  /** The row's attributes that the query returns, and its RetrieveURL. */
  private Dataset projected(QidoQuery q, Set<Integer> returned, Dataset row) {
    Dataset out = new Dataset();
    for (DataElement e : row.elements()) {
      if (q.includeAll() || returned.contains(e.tag())) {
        out.put(e);
      }
    }
    String study = row.string(Tag.StudyInstanceUID);
    String series = row.string(Tag.SeriesInstanceUID);
    String sop = row.string(Tag.SOPInstanceUID);
    String url = switch (q.level()) {
      case STUDY -> study == null ? null : urls.study(study);
      case SERIES -> study == null || series == null ? null : urls.series(study, series);
      case INSTANCE -> study == null || series == null || sop == null ? null : urls.instance(study, series, sop);
    };
    if (url != null) {
      out.putString(Tag.RetrieveURL, VR.UR, url);
    }
    return out;
  }

  private List<String> warnings(QidoQuery q, QidoSearches.Candidates c, QidoPage<Dataset> page) {
    List<String> out = new ArrayList<>();
    if (page.remaining() > 0) {
      out.add(QidoWarnings.additionalResults(agent, page.remaining()));
    }
    if (q.limitClamped()) {
      out.add(QidoWarnings.limitClamped(agent, q.limit()));
    }
    for (CommunityProblem p : c.failures()) {
      out.add(QidoWarnings.communityFailed(agent, p.name() + " (" + p.homeCommunityId() + ")",
          p.timedOut() ? "no answer in time" : p.reason()));
    }
    if (!c.missingAttributes().isEmpty()) {
      out.add(QidoWarnings.attributesMissing(agent, List.copyOf(c.missingAttributes())));
    }
    return out;
  }

  private static DicomWebException allFailed(List<CommunityProblem> failures) {
    String who = String.join(", ", failures.stream().map(p -> p.name() + " (" + p.homeCommunityId() + ")").toList());
    String why = String.join("; ", failures.stream().map(p -> p.name() + ": "
        + (p.timedOut() ? "no answer in time" : p.reason())).toList());
    if (failures.stream().allMatch(CommunityProblem::timedOut)) {
      return new DicomWebException.UpstreamTimeout(who, "did not answer within the deadline, so nothing was found");
    }
    return new DicomWebException.UpstreamFailed(who, "nothing could be searched — " + why, null);
  }
}
