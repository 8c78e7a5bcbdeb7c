package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.studies.StudyService;

/**
 * WADO-RS metadata (PS3.18 §10.4.1.1.2, Annex F) at study, series and instance level: the series' DICOM JSON as the
 * study core builds and caches it (BulkDataURIs pointing at this front's {@code /bulkdata}), a study's as its
 * series' arrays joined, an instance's as its object cut out of its series' array byte for byte. Every answer has a
 * strong ETag (a SHA-256 of the JSON; {@code If-None-Match} gives 304) and is gzipped, on a worker, when the client
 * accepts gzip and it is at least {@link DicomWebSettings#gzipMinBytes()} long.
 */
final class MetadataAnswers {
  private final StudyService studies;
  private final DicomWebSettings settings;
  private final ResourceUrls urls;

  MetadataAnswers(StudyService studies, DicomWebSettings settings, ResourceUrls urls) {
    this.studies = studies;
    this.settings = settings;
    this.urls = urls;
  }

  void metadata(RoutingContext ctx) {
    String study = Paths.uid(ctx, "study");
    String series = Paths.uid(ctx, "series");
    String sop = Paths.uid(ctx, "sop");
    String type = WadoRetrievals.negotiate(ctx, WadoTarget.METADATA).metadataMediaType();
    Future<byte[]> json;
    if (series == null) {
      json = study(study);
    } else if (sop == null) {
      json = studies.seriesMetadata(study, series, urls);
    } else {
      json = studies.seriesMetadata(study, series, urls).map(all -> instance(all, sop));
    }
    json.onFailure(ctx::fail).onSuccess(bytes -> Responses.guard(ctx, () -> send(ctx, type, bytes)));
  }

  /** The study's series' metadata, series after series in manifest order, as one array. */
  private Future<byte[]> study(String study) {
    Future<List<String>> series = studies.locate(study).map(l -> Future.succeededFuture(l.seriesInstanceUids()))
        .orElseGet(() -> Future.failedFuture(new DicomWebException.NotFound("study " + study + " is not one the bridge"
            + " has found; search for it first")))
        .compose(uids -> uids.isEmpty() ? studies.series(study).map(rows -> rows.rows().stream()
            .map(r -> r.string(Tag.SeriesInstanceUID)).toList()) : Future.succeededFuture(uids));
    return series.compose(uids -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write('[');
      return joined(study, uids, 0, out).map(v -> {
        out.write(']');
        return out.toByteArray();
      });
    });
  }

  private Future<Void> joined(String study, List<String> series, int from, ByteArrayOutputStream out) {
    if (from >= series.size()) {
      return Future.succeededFuture();
    }
    return studies.seriesMetadata(study, series.get(from), urls).compose(json -> {
      int start = 1;
      int end = json.length - 1; // inside the brackets
      while (start < end && json[start] <= ' ') {
        start++;
      }
      if (end > start) {
        if (out.size() > 1) {
          out.write(',');
        }
        out.write(json, start, end - start);
      }
      return joined(study, series, from + 1, out);
    });
  }

  /** The instance's object of a series' metadata array, as its bytes were written. */
  static byte[] instance(byte[] seriesJson, String sop) {
    for (int[] span : JsonObjects.spans(seriesJson)) {
      JsonObject o = new JsonObject(Buffer.buffer(java.util.Arrays.copyOfRange(seriesJson, span[0], span[1])));
      JsonObject uid = o.getJsonObject(Tag.hex(Tag.SOPInstanceUID));
      JsonArray v = uid == null ? null : uid.getJsonArray("Value");
      if (v != null && sop.equals(v.getString(0))) {
        byte[] out = new byte[span[1] - span[0] + 2];
        out[0] = '[';
        System.arraycopy(seriesJson, span[0], out, 1, span[1] - span[0]);
        out[out.length - 1] = ']';
        return out;
      }
    }
    throw new DicomWebException.NotFound("instance " + sop + " is not in its series' metadata");
  }

  private void send(RoutingContext ctx, String type, byte[] json) {
    HttpServerResponse response = ctx.response();
    String tag = etag(json);
    boolean gzip = acceptsGzip(ctx) && json.length >= settings.gzipMinBytes();
    String etag = "\"" + tag + (gzip ? "-gzip" : "") + "\"";
    response.putHeader("Content-Type", type).putHeader("Vary", "Accept-Encoding").putHeader("ETag", etag);
    if (notModified(ctx.request().getHeader("If-None-Match"), tag)) {
      response.setStatusCode(304).end();
      return;
    }
    if (!gzip) {
      response.end(Buffer.buffer(json));
      return;
    }
    ctx.vertx().executeBlocking(() -> gzip(json), false).onFailure(ctx::fail).onSuccess(z ->
        response.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(z)));
  }

  private static boolean acceptsGzip(RoutingContext ctx) {
    for (String h : ctx.request().headers().getAll("Accept-Encoding")) {
      for (String coding : h.split(",")) {
        String[] parts = coding.trim().split(";");
        if (parts[0].trim().equalsIgnoreCase("gzip")) {
          return parts.length < 2 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
        }
      }
    }
    return false;
  }

  /** RFC 9110 §13.1.2: weak comparison; either encoding's tag of the same JSON matches. */
  private static boolean notModified(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String v = t.trim();
      if (v.equals("*")) {
        return true;
      }
      if (v.startsWith("W/")) {
        v = v.substring(2);
      }
      v = v.replace("\"", "");
      if (v.equals(tag) || v.equals(tag + "-gzip")) {
        return true;
      }
    }
    return false;
  }

  private static String etag(byte[] json) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out, 16 * 1024)) {
      z.write(json);
    }
    return out.toByteArray();
  }
}
