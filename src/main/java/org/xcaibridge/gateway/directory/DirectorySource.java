package org.xcaibridge.gateway.directory;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the directory bundle is read from: a file (a ConfigMap, a synced copy) or an http(s) URL. Both refuse a
 * bundle larger than the limit before holding it; neither blocks an event loop.
 */
public sealed interface DirectorySource permits DirectorySource.File, DirectorySource.Url {

  /** The whole bundle, at most {@code maxBytes}; fails with a {@link DirectoryException} saying why not. */
  Future<Buffer> read(long maxBytes);

  /** For logs and snapshots. */
  String describe();

  /** Releases what the source holds (a URL source's connections). */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  static DirectorySource file(Vertx vertx, Path path) {
    return new File(vertx, path);
  }

  /** {@code timeout}: connect plus the whole answer. */
  static DirectorySource url(Vertx vertx, URI url, Duration timeout) {
    return new Url(vertx, url, timeout, vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))), vertx.getOrCreateContext());
  }

  /** A bundle in a file, read through Vert.x's file system (on its worker pool). */
  record File(Vertx vertx, Path path) implements DirectorySource {
    public File {
      Objects.requireNonNull(vertx, "vertx");
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Future<Buffer> read(long maxBytes) {
      String p = path.toString();
      return vertx.fileSystem().props(p).compose(props -> props.size() > maxBytes
              ? Future.failedFuture(new DirectoryException(describe() + ": " + props.size()
                  + " bytes, more than the limit of " + maxBytes))
              : vertx.fileSystem().readFile(p))
          .recover(e -> Future.failedFuture(e instanceof DirectoryException ? e
              : new DirectoryException(describe() + ": cannot be read: " + e.getMessage(), e)));
    }

    @Override
    public String describe() {
      return "file " + path;
    }
  }

  /** A bundle at an http(s) URL, fetched with GET; any answer but 200 is a failure. */
  record Url(Vertx vertx, URI url, Duration timeout, HttpClient http, Context context) implements DirectorySource {
    public Url {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(context, "context");
    }

    /**
     * Every read starts on the one context the source was made on, so the connection and the callbacks below share
     * its event loop: called from another thread, the answer could end before its body handler was set, which Vert.x
     * refuses with a bare IllegalStateException (seen under load).
     */
    @Override
    public Future<Buffer> read(long maxBytes) {
      io.vertx.core.Promise<Buffer> read = io.vertx.core.Promise.promise();
      context.runOnContext(v -> readHere(maxBytes).onComplete(read));
      return read.future();
    }

    private Future<Buffer> readHere(long maxBytes) {
      RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
          .setIdleTimeout(timeout.toMillis()).putHeader("Accept", "application/fhir+json, application/json");
      return http.request(o).compose(req -> req.send()).compose(resp -> {
        if (resp.statusCode() != 200) {
          resp.pause();
          return Future.failedFuture(new DirectoryException(describe() + ": answered " + resp.statusCode() + " "
              + resp.statusMessage()));
        }
        String length = resp.getHeader("Content-Length");
        if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > maxBytes) {
          return Future.failedFuture(new DirectoryException(describe() + ": " + length
              + " bytes, more than the limit of " + maxBytes));
        }
        Buffer body = Buffer.buffer();
        io.vertx.core.Promise<Buffer> done = io.vertx.core.Promise.promise();
        resp.handler(chunk -> {
          if (body.length() + chunk.length() > maxBytes) {
            done.tryFail(new DirectoryException(describe() + ": more than the limit of " + maxBytes + " bytes"));
            resp.request().reset();
            return;
          }
          body.appendBuffer(chunk);
        });
        resp.exceptionHandler(done::tryFail);
        resp.endHandler(v -> done.tryComplete(body));
        return done.future();
      }).timeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .recover(e -> Future.failedFuture(e instanceof DirectoryException ? e
              : new DirectoryException(describe() + ": " + e, e)));
    }

    @Override
    public String describe() {
      return url.toString();
    }

    @Override
    public Future<Void> close() {
      return http.close();
    }
  }
}
