package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.xcaibridge.dicom.DicomStreamParser;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.ReadLimits;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.studies.Frame;
import org.xcaibridge.studies.InstanceRetrieval;
import org.xcaibridge.studies.StoredInstance;
import org.xcaibridge.studies.StudyService;
import org.xcaibridge.studies.TransferSyntaxRequest;

/**
 * WADO-RS retrieval (PS3.18 §10.4): studies, series and instances as {@code multipart/related;
 * type="application/dicom"}, each instance a part while it is still arriving from the community (or from the
 * cache), in the syntax the Accept header asks for (§8.7: native syntaxes go out as Explicit VR Little Endian,
 * transcoded as they stream; compressed ones as stored, or 406); frames, one part per frame in its stored syntax
 * with {@code transfer-syntax} and Content-Location; and the bulk data the metadata's BulkDataURIs name.
 */
final class WadoRetrievals {
  private static final String ELE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

  private final StudyService studies;
  private final DicomWebSettings settings;
  private final ResourceUrls urls;

  WadoRetrievals(StudyService studies, DicomWebSettings settings, ResourceUrls urls) {
    this.studies = studies;
    this.settings = settings;
    this.urls = urls;
  }

  static WadoNegotiation negotiate(RoutingContext ctx, WadoTarget target) {
    return WadoNegotiation.negotiate(target, ctx.request().headers().getAll("Accept"), ctx.request().getParam("accept"));
  }

  /** Study, series or instance retrieval: whichever of the path's UIDs are there. */
  void instances(RoutingContext ctx) {
    String study = Paths.uid(ctx, "study");
    String series = Paths.uid(ctx, "series");
    String sop = Paths.uid(ctx, "sop");
    WadoNegotiation n = negotiate(ctx, WadoTarget.INSTANCES);
    TransferSyntaxRequest syntaxes = syntaxes(n);
    if (sop != null) {
      Future<MultipartRelatedWriter.Part> one = studies.retrieveInstance(study, series, sop, syntaxes)
          .map(i -> partOf(i, n));
      Responses.multipart(ctx, "application/dicom", null, one, () -> Future.succeededFuture(), () -> { });
      return;
    }
    Future<InstanceRetrieval> retrieval = series == null ? studies.retrieveStudy(study, syntaxes)
        : studies.retrieveSeries(study, series, syntaxes);
    retrieval.onFailure(ctx::fail).onSuccess(r -> {
      InstanceParts parts = new InstanceParts(r, i -> partOf(i, n));
      Responses.multipart(ctx, "application/dicom", null, parts.next(), parts, parts::cancel);
    });
  }

  /**
   * What to ask the community for: as stored when Explicit VR Little Endian is all the client needs (every native
   * syntax is transcoded here, and the cache keeps what the community holds); else the named syntaxes, Explicit VR
   * Little Endian last as the fallback RAD-75's TransferSyntaxUIDList offers (protocol.md §4.2).
   */
  static TransferSyntaxRequest syntaxes(WadoNegotiation n) {
    List<String> wanted = n.requestedSyntaxes();
    return wanted.isEmpty() || wanted.equals(List.of(ELE)) ? TransferSyntaxRequest.AS_STORED
        : TransferSyntaxRequest.of(wanted);
  }

  /** One instance as a part: as it is, or transcoded to Explicit VR Little Endian while it streams. */
  private MultipartRelatedWriter.Part partOf(StoredInstance i, WadoNegotiation n) {
    String location = urls.instance(i.studyInstanceUid(), i.seriesInstanceUid(), i.sopInstanceUid());
    String stored = i.transferSyntaxUid();
    if (stored == null) { // no File Meta Information: nothing says how to transcode, so it goes as it is
      return new MultipartRelatedWriter.Part("application/dicom", location, i.length(), i.body(), i::close, i::sendTo);
    }
    WadoRepresentation r;
    try {
      r = n.forStored(TransferSyntax.of(stored));
    } catch (RuntimeException e) {
      i.close();
      throw e;
    }
    if (r.transferSyntaxUid().equals(stored)) {
      return new MultipartRelatedWriter.Part(r.partContentType(), location, i.length(), i.body(), i::close,
          i::sendTo);
    }
    TransferSyntax target = TransferSyntax.of(r.transferSyntaxUid());
    DicomPipe pipe = new DicomPipe(i.body(), i::close,
        out -> DicomWriter.transcoder(out, target, ReadLimits.DEFAULT)).start();
    return new MultipartRelatedWriter.Part(r.partContentType(), location, -1, pipe, pipe::close);
  }

  /** {@code …/frames/{list}}: one part per frame; a single frame may go single-part when only that is accepted. */
  void frames(RoutingContext ctx) {
    String study = Paths.uid(ctx, "study");
    String series = Paths.uid(ctx, "series");
    String sop = Paths.uid(ctx, "sop");
    int[] numbers = Paths.frames(ctx.pathParam("frames"), settings.maxFramesPerRequest());
    WadoNegotiation n = negotiate(ctx, WadoTarget.FRAMES);
    studies.frame(study, series, sop, numbers[0]).onFailure(ctx::fail)
        .onSuccess(first -> Responses.guard(ctx, () -> sendFrames(ctx, n, study, series, sop, numbers, first)));
  }

  private void sendFrames(RoutingContext ctx, WadoNegotiation n, String study, String series, String sop,
      int[] numbers, Frame first) {
    WadoRepresentation r = n.forStored(TransferSyntax.of(first.transferSyntaxUid()));
    if (!r.multipart()) {
      if (numbers.length > 1) {
        throw new DicomWebException.NotAcceptable("several frames need multipart/related, which the Accept header"
            + " does not allow", WadoNegotiation.producible(WadoTarget.FRAMES, TransferSyntax.of(first.transferSyntaxUid())));
      }
      ctx.response().putHeader("Content-Location", urls.frame(study, series, sop, first.number()));
      Responses.end(ctx.request(), ctx.response().putHeader("Content-Type", r.partContentType()),
          Buffer.buffer(first.bytes()));
      return;
    }
    if (head(ctx)) { // every frame asked for must exist, as GET would find out part by part
      for (int number : numbers) {
        if (number > first.numberOfFrames()) {
          throw new org.xcaibridge.dicom.FrameNotFoundException(number, first.numberOfFrames());
        }
      }
      HeadAnswers.ok(ctx, HeadAnswers.multipart(r.mediaType(), r.transferSyntaxUid()));
      return;
    }
    int[] next = {1};
    MultipartRelatedWriter.PartSource rest = () -> {
      if (next[0] >= numbers.length) {
        return Future.succeededFuture();
      }
      return studies.frame(study, series, sop, numbers[next[0]++]).map(f -> framePart(ctx, r, study, series, sop, f));
    };
    Responses.multipart(ctx, r.mediaType(), r.transferSyntaxUid(),
        Future.succeededFuture(framePart(ctx, r, study, series, sop, first)), rest, () -> { });
  }

  private MultipartRelatedWriter.Part framePart(RoutingContext ctx, WadoRepresentation r, String study, String series,
      String sop, Frame f) {
    return new MultipartRelatedWriter.Part(r.partContentType(), urls.frame(study, series, sop, f.number()),
        f.bytes().length, new OneBufferStream(ctx.vertx().getOrCreateContext(), Buffer.buffer(f.bytes())));
  }

  /**
   * A BulkDataURI of the metadata ({@code …/bulkdata/{path}}): the element's value, found while the instance
   * streams past. Encapsulated Pixel Data is answered as its frames, one part each, in the stored syntax.
   */
  void bulkData(RoutingContext ctx) {
    String study = Paths.uid(ctx, "study");
    String series = Paths.uid(ctx, "series");
    String sop = Paths.uid(ctx, "sop");
    String path = ctx.pathParam("*");
    BulkDataLocator locator = BulkDataLocator.forPath(path == null ? "" : path);
    WadoNegotiation n = negotiate(ctx, WadoTarget.BULKDATA);
    studies.retrieveInstance(study, series, sop, TransferSyntaxRequest.AS_STORED).onFailure(ctx::fail)
        .onSuccess(i -> Responses.guard(ctx, () -> {
          String stored = i.transferSyntaxUid();
          if (locator.pixelData() && stored != null && TransferSyntax.of(stored).encapsulated()) {
            i.close();
            allFrames(ctx, n, study, series, sop);
            return;
          }
          WadoRepresentation r;
          try {
            r = n.forStored(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN); // a value's bytes are native, little endian
          } catch (RuntimeException e) {
            i.close();
            throw e;
          }
          DicomPipe pipe = new DicomPipe(i.body(), i::close,
              out -> new DicomStreamParser(locator.into(out), ReadLimits.DEFAULT));
          pipe.exceptionHandler(locator::failed);
          pipe.start();
          String self = urls.instance(study, series, sop) + "/bulkdata/" + path;
          locator.found().onFailure(e -> {
            pipe.close();
            ctx.fail(e);
          }).onSuccess(length -> {
            if (head(ctx)) { // the element is there and its length known: the rest of the instance is not read
              pipe.close();
              if (!r.multipart()) {
                ctx.response().putHeader("Content-Location", self);
                if (length >= 0) {
                  ctx.response().putHeader("Content-Length", Long.toString(length));
                }
              }
              HeadAnswers.ok(ctx, r.multipart() ? HeadAnswers.multipart(r.mediaType(), null) : r.partContentType());
            } else if (r.multipart()) {
              Responses.multipart(ctx, r.mediaType(), null, Future.succeededFuture(
                  new MultipartRelatedWriter.Part(r.partContentType(), self, length, pipe, pipe::close)),
                  () -> Future.succeededFuture(), pipe::close);
            } else {
              ctx.response().putHeader("Content-Location", self);
              Responses.single(ctx, r.partContentType(), length, pipe, pipe::close);
            }
          });
        }));
  }

  /** A HEAD request: frames and bulk data stop once their headers are known (HeadAnswers has the rest). */
  private static boolean head(RoutingContext ctx) {
    return ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD;
  }

  private void allFrames(RoutingContext ctx, WadoNegotiation n, String study, String series, String sop) {
    studies.frame(study, series, sop, 1).onFailure(ctx::fail).onSuccess(first -> Responses.guard(ctx, () -> {
      int[] numbers = new int[first.numberOfFrames()];
      for (int k = 0; k < numbers.length; k++) {
        numbers[k] = k + 1;
      }
      sendFrames(ctx, n, study, series, sop, numbers.length == 0 ? new int[] {1} : numbers, first);
    }));
  }
}
