package org.xcaibridge.responder;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomJsonLimits;
import org.xcaibridge.dicom.DicomJsonReader;

/**
 * The HTTP side of {@link DicomWebArchive}: QIDO-RS searches (PS3.18 §10.6) paged with {@code limit} and
 * {@code offset} until a short page, each answer collected up to a bound and parsed as DICOM JSON on a worker;
 * and the WADO-RS instance request (PS3.18 §10.4) whose answer {@link WadoInstanceStream} streams. Statuses map
 * to {@link ArchiveException}s: 404 to not found, 5xx, timeouts and refused connections to unavailable, anything
 * else unexpected to a data error.
 */
final class DicomWebClient {
  /** The stored bytes, whatever the syntax (PS3.18 §8.7.3.5.2: transfer-syntax=* asks for no transcoding). */
  static final String ACCEPT_STORED_INSTANCE = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

  private final Vertx vertx;
  /** Where HTTP work from outside this Vert.x's event loops runs: the context the client was made on. */
  private final Context home;
  private final HttpClientAgent http;
  private final DicomWebArchive.Options options;
  private final String base;

  DicomWebClient(Vertx vertx, HttpClientAgent http, DicomWebArchive.Options options) {
    this.vertx = vertx;
    this.home = vertx.getOrCreateContext();
    this.http = http;
    this.options = options;
    this.base = options.baseUri().toString().replaceAll("/+$", "");
  }

  /** What an answer's status means for the archive; null when it is a success. */
  static ArchiveException statusFailure(int status, String what) {
    if (status >= 200 && status < 300) {
      return null;
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new ArchiveUnavailableException("the DICOMweb origin answered " + what + " with HTTP " + status, null);
    }
    return new ArchiveDataException("the DICOMweb origin answered " + what + " with HTTP " + status, null);
  }

  static ArchiveException transportFailure(Throwable e, String what) {
    if (e instanceof ArchiveException a) {
      return a;
    }
    return new ArchiveUnavailableException("the DICOMweb origin did not answer " + what + ": " + e.getMessage(), e);
  }

  /**
   * Every result of a QIDO-RS search, page by page.
   *
   * @param path       below the base URI, e.g. {@code /studies}
   * @param match      matching keys (keyword or tag → value), sent as given
   * @param fields     {@code includefield} tags
   * @return the datasets; a 404 for a resource below a study or series counts as no result
   */
  Future<List<Dataset>> search(String path, Map<String, String> match, List<String> fields) {
    return onContext(() -> page(path, match, fields, 0, new ArrayList<>()));
  }

  /**
   * Runs HTTP work on an event loop of this Vert.x: in place when called there, else on the context the client was
   * made on. From any other thread (none, a worker, another Vert.x's loop) the request, the answer's future and the
   * answer's body would not share one event loop, and a short answer could end before its handlers were set (a bare
   * IllegalStateException, as DirectorySource.Url met under load).
   */
  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Context current = Vertx.currentContext();
    if (current != null && current.owner() == vertx && Context.isOnEventLoopThread()) {
      return work.get();
    }
    Promise<T> p = Promise.promise();
    home.runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }

  private Future<List<Dataset>> page(String path, Map<String, String> match, List<String> fields, int offset,
                                     List<Dataset> all) {
    StringJoiner q = new StringJoiner("&", "?", "");
    match.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
    fields.forEach(f -> q.add("includefield=" + f));
    q.add("limit=" + options.pageSize());
    q.add("offset=" + offset);
    String what = "QIDO-RS " + path;
    return getBounded(base + path + q, "application/dicom+json", what)
        .compose(body -> body == null || body.length() == 0 ? Future.succeededFuture(List.<Dataset>of())
            : vertx.executeBlocking(() -> parse(body, what), false))
        .compose(results -> {
          all.addAll(results);
          // a short page is the last; a page longer than asked means the origin ignores limit and sent all
          if (all.size() > options.maxResults()) {
            return Future.failedFuture(new ArchiveDataException(what + " found more than " + options.maxResults()
                + " results (maxResults)", null));
          }
          if (results.size() != options.pageSize()) {
            return Future.succeededFuture(all);
          }
          return page(path, match, fields, offset + results.size(), all);
        });
  }

  private List<Dataset> parse(Buffer body, String what) {
    try {
      List<Dataset> out = new ArrayList<>();
      for (DicomJsonReader.Result r : new DicomJsonReader(new DicomJsonLimits(options.maxAnswerBytes(), 64))
          .readArray(new ByteArrayInputStream(body.getBytes()))) {
        out.add(r.dataset());
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new ArchiveDataException("the DICOMweb origin's answer to " + what + " is not DICOM JSON: "
          + e.getMessage(), e);
    }
  }

  /** GETs a bounded body; null for 204 and 404 (no match). */
  private Future<Buffer> getBounded(String url, String accept, String what) {
    RequestOptions ro = request(url, accept);
    return get(ro).recover(e -> Future.failedFuture(transportFailure(e, what)))
        .compose(resp -> {
          if (resp.statusCode() == 204 || resp.statusCode() == 404) {
            discard(resp);
            return Future.succeededFuture(null);
          }
          ArchiveException bad = statusFailure(resp.statusCode(), what);
          if (bad != null) {
            discard(resp);
            return Future.failedFuture(bad);
          }
          return collect(resp, what);
        });
  }

  /** Reads an unwanted (error) body to its end without keeping it, so the connection can serve again. */
  private static void discard(HttpClientResponse resp) {
    resp.exceptionHandler(e -> { });
    resp.handler(b -> { });
    resp.resume();
  }

  private Future<Buffer> collect(HttpClientResponse resp, String what) {
    Promise<Buffer> p = Promise.promise();
    Buffer body = Buffer.buffer();
    resp.exceptionHandler(e -> p.tryFail(transportFailure(e, what)));
    resp.endHandler(v -> p.tryComplete(body));
    resp.handler(chunk -> {
      if (body.length() + chunk.length() > options.maxAnswerBytes()) {
        p.tryFail(new ArchiveDataException("the DICOMweb origin's answer to " + what + " exceeds "
            + options.maxAnswerBytes() + " bytes (maxAnswerBytes)", null));
        resp.request().reset();
        return;
      }
      body.appendBuffer(chunk);
    });
    return p.future();
  }

  /**
   * Starts a WADO-RS retrieval of one instance and hands the answer, once its headers arrived, to {@code reader}
   * at once on the answer's context (before any of its body can be missed).
   */
  <T> Future<T> retrieve(String studyUid, String seriesUid, String sopInstanceUid,
                         Function<HttpClientResponse, Future<T>> reader) {
    return onContext(() -> retrieveHere(studyUid, seriesUid, sopInstanceUid).compose(reader));
  }

  private Future<HttpClientResponse> retrieveHere(String studyUid, String seriesUid, String sopInstanceUid) {
    String url = base + "/studies/" + segment(studyUid) + "/series/" + segment(seriesUid) + "/instances/"
        + segment(sopInstanceUid);
    String what = "WADO-RS instance " + sopInstanceUid;
    return get(request(url, ACCEPT_STORED_INSTANCE))
        .recover(e -> Future.failedFuture(transportFailure(e, what)))
        .compose(resp -> {
          if (resp.statusCode() == 404 || resp.statusCode() == 204) {
            discard(resp);
            return Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.INSTANCE, sopInstanceUid));
          }
          ArchiveException bad = statusFailure(resp.statusCode(), what);
          if (bad != null) {
            discard(resp);
            return Future.failedFuture(bad);
          }
          return Future.succeededFuture(resp);
        });
  }

  /**
   * Sends a GET, and once more if the connection closed before any answer came: a pooled keep-alive connection
   * that the origin closed just then fails that way (Orthanc closes idle ones after a second), and a GET may be
   * repeated. Nothing has been read at that point, so nothing is lost or sent twice to the requester.
   */
  private Future<HttpClientResponse> get(RequestOptions ro) {
    return http.request(ro).compose(req -> req.send())
        .recover(e -> e instanceof HttpClosedException ? http.request(ro).compose(req -> req.send())
            : Future.failedFuture(e));
  }

  private RequestOptions request(String url, String accept) {
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
        .putHeader(HttpHeaders.ACCEPT, accept)
        .setConnectTimeout(options.timeout().toMillis())
        .setIdleTimeout(options.timeout().toMillis());
    if (options.authorization() != null) {
      ro.putHeader(HttpHeaders.AUTHORIZATION, options.authorization());
    }
    return ro;
  }

  /** A UID as one path segment: whatever a peer sent, it cannot reach another resource of the origin. */
  static String segment(String uid) {
    String e = encode(uid);
    return e.equals(".") || e.equals("..") ? e.replace(".", "%2E") : e;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
