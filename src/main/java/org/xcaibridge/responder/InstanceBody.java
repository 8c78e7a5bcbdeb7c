package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.InstanceStream;

/**
 * The body of one instance's MTOM attachment: the instance is opened when its turn comes (a handler is set), or,
 * where the archive {@link ImageArchive#opensAhead opens ahead} (files), as soon as the attachment before it is
 * open; so a response of thousands of instances holds at most two files (one origin connection) at a time, and the
 * next file's opening (two worker hops: about half a millisecond on a busy machine) overlaps this one's bytes
 * rather than stalling the answer between attachments; and
 * its bytes flow as stored or through a {@link TranscodingStream}, as {@link TransferSyntaxChoice} decides from
 * the syntax the opened instance reports. Pause and resume pass straight to what is open. Opening failures,
 * read failures and an instance that turns out not to be servable in any accepted syntax (its syntax was
 * unknown when the answer was planned) fail this stream: the MTOM writer then stops and the response is reset.
 * Use on the context of the archive's futures.
 */
final class InstanceBody implements ReadStream<Buffer>, SoapExchange.Releasable {
  private final ImageArchive archive;
  private final InstanceRecord record;
  private final List<String> accepted;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean paused;
  private boolean started;
  private Future<InstanceStream> opening; // asked for once: by the attachment before this one, or by this one's turn
  private InstanceBody next;
  private InstanceStream opened;
  private ReadStream<Buffer> source;
  private boolean finished;
  private boolean released;

  /** @param accepted the requested transfer syntaxes, preferred first */
  InstanceBody(ImageArchive archive, InstanceRecord record, List<String> accepted) {
    this.archive = archive;
    this.record = record;
    this.accepted = List.copyOf(accepted);
  }

  @Override
  public InstanceBody exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public InstanceBody handler(Handler<Buffer> h) {
    handler = h;
    if (h != null) {
      open();
    }
    return this;
  }

  @Override
  public InstanceBody pause() {
    paused = true;
    if (source != null) {
      source.pause();
    }
    return this;
  }

  @Override
  public InstanceBody resume() {
    paused = false;
    if (source != null) {
      source.resume();
    }
    return this;
  }

  @Override
  public InstanceBody fetch(long amount) {
    if (amount > 0) {
      paused = false;
    }
    if (source != null) {
      source.fetch(amount);
    }
    return this;
  }

  @Override
  public InstanceBody endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  /** The attachment after this one: it is opened as soon as this one is open. */
  void followedBy(InstanceBody next) {
    this.next = next;
  }

  /** Closes the instance if it is open and not read to its end; it is not opened afterwards. */
  @Override
  public void release() {
    released = true;
    if (opened != null && !finished) {
      finished = true;
      opened.cancel();
    } else if (!started && opening != null) {
      opening.onSuccess(InstanceStream::cancel); // opened ahead, never read
    }
  }

  /** Starts opening the instance, ahead of its turn. */
  private void openAhead() {
    if (opening == null && !released) {
      opening = archive.open(record);
    }
  }

  private void open() {
    if (started || released) {
      return;
    }
    started = true;
    openAhead();
    opening.onComplete(ar -> {
      if (released) {
        if (ar.succeeded()) {
          ar.result().cancel();
        }
        return;
      }
      if (ar.failed()) {
        fail(ar.cause());
        return;
      }
      opened = ar.result();
      if (next != null) {
        next.openAhead();
      }
      TransferSyntaxChoice choice = TransferSyntaxChoice.choose(opened.transferSyntax(), accepted);
      if (choice instanceof TransferSyntaxChoice.Impossible) {
        fail(new ArchiveDataException("instance " + record.sopInstanceUid() + " is stored as "
            + opened.transferSyntax().name() + ", which cannot be sent in any of " + accepted, null));
        return;
      }
      source = choice instanceof TransferSyntaxChoice.Transcode t
          ? new TranscodingStream(opened.body(), t.target()) : opened.body();
      if (paused) {
        source.pause();
      }
      source.exceptionHandler(this::fail);
      source.endHandler(v -> {
        finished = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
      });
      source.handler(chunk -> {
        if (handler != null) {
          handler.handle(chunk);
        }
      });
      if (!paused) {
        source.resume();
      }
    });
  }

  private void fail(Throwable cause) {
    if (finished) {
      return;
    }
    finished = true;
    if (opened != null) {
      opened.cancel();
    }
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }
}
