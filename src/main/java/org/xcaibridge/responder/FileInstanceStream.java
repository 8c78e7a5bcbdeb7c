package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.ReadStream;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;

/**
 * An instance read from its file through Vert.x's asynchronous file, chunk by chunk with back-pressure; the file
 * is closed when the body ends, fails or is cancelled, whoever set the body's handlers.
 */
final class FileInstanceStream implements ImageArchive.InstanceStream {
  private final InstanceRecord instance;
  private final TransferSyntax transferSyntax;
  private final long size;
  private final AsyncFile file;
  private final Body body = new Body();
  private boolean closed;

  FileInstanceStream(InstanceRecord instance, TransferSyntax transferSyntax, long size, AsyncFile file) {
    this.instance = instance;
    this.transferSyntax = transferSyntax;
    this.size = size;
    this.file = file;
    body.endHandler(null); // the file closes at its end even when the consumer sets no end handler
    body.exceptionHandler(null);
  }

  @Override
  public InstanceRecord instance() {
    return instance;
  }

  @Override
  public TransferSyntax transferSyntax() {
    return transferSyntax;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public ReadStream<Buffer> body() {
    return body;
  }

  @Override
  public Future<Void> cancel() {
    return close();
  }

  private Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    return file.close();
  }

  /** The file as a stream whose end and failure close the file before the consumer hears of them. */
  private final class Body implements ReadStream<Buffer> {
    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      file.exceptionHandler(e -> {
        close();
        if (h != null) {
          h.handle(e);
        }
      });
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      file.handler(h);
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      file.pause();
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      file.resume();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      file.fetch(amount);
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      file.endHandler(v -> close().onComplete(x -> {
        if (h != null) {
          h.handle(null);
        }
      }));
      return this;
    }
  }
}
