package org.xcaibridge.interop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapHttpClient;
import org.xcaibridge.soap.SoapMessage;
import org.xcaibridge.soap.SoapOutbound;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;

/**
 * Test glue: the initiating side on Vert.x built from our pieces only — {@link SoapWriter} + {@link IheCodec}
 * write the request, {@link SoapHttpClient} sends it and reads the answer; each attachment is hashed as it
 * streams by (SHA-256), never held.
 */
final class RetrieveClient implements AutoCloseable {
  private final Vertx vertx;
  private final HttpClient http;
  private final SoapHttpClient soap;
  private final IheCodec codec = IheCodec.withDefaults();
  private final SoapWriter writer = new SoapWriter(UUID::randomUUID);

  /** One attachment as received: its Content-ID, Content-Type, size, SHA-256, or how its stream failed. */
  record Received(String contentId, String contentType, long size, String sha256, Throwable failure,
      long bytesAfterFailure) {}

  /** The whole exchange: what we sent and what came back. */
  record Result(String messageId, int status, String contentType, byte[] envelope, List<Received> attachments,
      Throwable bodyFailure) {
    /** The envelope read with our reader and codec; a fault throws SoapFaultException. */
    SoapMessage<RetrieveDocumentSetResponse> message() throws Exception {
      IheCodec codec = IheCodec.withDefaults();
      return SoapReader.read(envelope, XmlLimits.DEFAULT, in -> {
        try {
          return codec.read(in, RetrieveDocumentSetResponse.class);
        } catch (IheParseException e) {
          throw new IllegalStateException(e);
        }
      });
    }

    /** SHA-256 by Content-ID of every attachment that arrived whole. */
    Map<String, String> digests() {
      Map<String, String> out = new LinkedHashMap<>();
      attachments.stream().filter(a -> a.failure() == null).forEach(a -> out.put(a.contentId(), a.sha256()));
      return out;
    }
  }

  RetrieveClient(Vertx vertx, MtomLimits limits) {
    this(vertx, limits, Set.of());
  }

  /** A client that streams the inline base64 content of {@code inlineBinary} elements of plain answers. */
  RetrieveClient(Vertx vertx, MtomLimits limits, Set<QName> inlineBinary) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient();
    this.soap = new SoapHttpClient(http, limits, inlineBinary, new SecureRandom());
  }

  /** Sends {@code request} for {@code transaction} to {@code url} and waits for the whole answer. */
  Result call(String url, IheTransaction transaction, IheMessage request, boolean mtom) throws Exception {
    SoapWriter.Request r = writer.request(transaction.requestAction(), url, SecurityHeader.none(),
        w -> codec.write(w, request));
    Buffer envelope = Buffer.buffer(r.envelope());
    SoapOutbound out = mtom ? SoapOutbound.mtom(transaction.requestAction(), envelope, List.of())
        : SoapOutbound.plain(transaction.requestAction(), envelope);
    return Interop.await(Future.<Result>future(p -> vertx.getOrCreateContext().runOnContext(v ->
        exchange(url, out, r.messageId()).onComplete(p))));
  }

  private Future<Result> exchange(String url, SoapOutbound out, String messageId) {
    List<Future<Received>> parts = new ArrayList<>();
    return soap.post(new RequestOptions().setAbsoluteURI(url).setIdleTimeout(30_000), out,
            a -> parts.add(collect(a)))
        .compose(response -> response.root().compose(root -> response.end()
            .transform(end -> Future.join(parts).map(x -> new Result(messageId, response.statusCode(),
                response.headers().get("Content-Type"), root.getBytes(),
                parts.stream().map(Future::result).toList(), end.cause())))));
  }

  /** Hashes one attachment as it streams; records a failure and any data that (wrongly) came after it. */
  private static Future<Received> collect(MtomAttachment a) {
    Promise<Received> done = Promise.promise();
    MessageDigest sha = Documents.newSha256();
    long[] size = {0};
    long[] afterFailure = {0};
    Throwable[] failure = {null};
    a.body().handler(b -> {
      if (failure[0] != null) {
        afterFailure[0] += b.length();
      }
      sha.update(b.getBytes());
      size[0] += b.length();
    });
    a.body().exceptionHandler(e -> {
      failure[0] = e;
      done.tryComplete(new Received(a.contentId(), a.contentType(), size[0], null, e, afterFailure[0]));
    });
    a.body().endHandler(v -> done.tryComplete(new Received(a.contentId(), a.contentType(), size[0],
        HexFormat.of().formatHex(sha.digest()), null, afterFailure[0])));
    return done.future();
  }

  @Override
  public void close() throws Exception {
    Interop.await(http.close());
  }
}
