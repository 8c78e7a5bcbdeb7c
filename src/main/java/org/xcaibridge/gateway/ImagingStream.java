package org.xcaibridge.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RegistryResponse;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.soap.DirectChunks;
import org.xcaibridge.soap.MtomAttachment;

/**
 * The {@link ImagingRetrieval} behind {@link CommunityClient#retrieveImages}: runs the RAD-75 calls one after
 * the other and turns each answer's attachments into {@link RetrievedInstance}s, one at a time, in wire order.
 *
 * <p>Per call: the envelope (the MTOM root part, which real stacks send first) says which DocumentResponse each
 * {@code xop:Include} names; each attachment that follows is paired with its DocumentResponse by Content-ID and
 * handed on; inline base64 documents go first, from memory. An attachment that no DocumentResponse names is read
 * and dropped; a DocumentResponse whose attachment never came fails the retrieval when the answer ends. The next
 * call starts when every instance of the previous one has been read.
 */
final class ImagingStream implements ImagingRetrieval {
  private final CommunityClient client;
  private final List<RetrieveImagingDocumentSetRequest> batches;
  private final Context context;
  private final Promise<ImagingRetrieval> ready = Promise.promise();
  private final Promise<RetrievalOutcome> outcome = Promise.promise();
  private final List<RegistryResponse> registries = new ArrayList<>();
  private final ArrayDeque<InstanceBody> queue = new ArrayDeque<>();
  private Handler<RetrievedInstance> handler;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private InstanceBody inFlight;
  private Call current;
  private int calls;
  private int instances;
  private boolean handedOn;
  private boolean ended;
  private boolean finished; // ended or failed

  /** The state of one RAD-75 call. */
  private final class Call {
    final int index;
    final int attempt;
    final Map<String, DocumentResponse> byContentId = new LinkedHashMap<>();
    Exchange exchange;
    MtomAttachment early; // came while its envelope was still being read
    boolean envelopeRead;
    boolean bodyEnded;
    boolean done;

    Call(int index, int attempt) {
      this.index = index;
      this.attempt = attempt;
    }
  }

  ImagingStream(CommunityClient client, List<RetrieveImagingDocumentSetRequest> batches) {
    this.client = client;
    this.batches = batches;
    this.context = client.vertx().getOrCreateContext();
  }

  Future<ImagingRetrieval> start() {
    startCall(0, 1);
    return ready.future();
  }

  @Override
  public Future<RetrievalOutcome> outcome() {
    return outcome.future();
  }

  @Override
  public void cancel() {
    fail(new GatewayException.Cancelled(client.endpoints(), IheTransaction.RAD_75));
  }

  @Override
  public ImagingStream exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public ImagingStream handler(Handler<RetrievedInstance> h) {
    handler = h;
    deliver();
    return this;
  }

  @Override
  public ImagingStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public ImagingStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ImagingStream fetch(long amount) {
    demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
    deliver();
    return this;
  }

  @Override
  public ImagingStream endHandler(Handler<Void> h) {
    endHandler = h;
    if (ended && h != null) {
      context.runOnContext(v -> h.handle(null));
    }
    return this;
  }

  private void startCall(int index, int attempt) {
    Call call = new Call(index, attempt);
    current = call;
    calls++;
    client.send(IheTransaction.RAD_75, client.endpoints().rad75(), batches.get(index), false,
        ex -> attachment -> onAttachment(call, ex, attachment)).onComplete(ar -> {
          if (ar.failed()) {
            callFailed(call, ar.cause());
            return;
          }
          Exchange ex = ar.result();
          call.exchange = ex;
          if (finished || call != current) {
            ex.abort(new GatewayException.Cancelled(client.endpoints(), IheTransaction.RAD_75));
            return;
          }
          ex.root().compose(root -> client.read(ex, root, RetrieveDocumentSetResponse.class)).onComplete(read -> {
            if (read.failed()) {
              callFailed(call, read.cause());
            } else {
              envelopeRead(call, read.result().body());
            }
          });
          ex.end().onComplete(end -> {
            if (end.failed()) {
              callFailed(call, end.cause());
            } else {
              call.bodyEnded = true;
              checkCallDone(call);
            }
          });
        });
  }

  private void envelopeRead(Call call, RetrieveDocumentSetResponse response) {
    if (finished || call != current) {
      return;
    }
    call.envelopeRead = true;
    registries.add(response.registryResponse());
    for (DocumentResponse d : response.documents()) {
      if (d.content() instanceof DocumentContent.Inline inline) {
        queue.add(instance(d, new BufferStream(context, Buffer.buffer(inline.bytes())), null));
      } else if (d.content() instanceof DocumentContent.XopInclude include) {
        call.byContentId.put(include.contentId(), d);
      }
    }
    if (!response.documents().isEmpty()) {
      ready.tryComplete(this);
    }
    if (call.early != null) {
      MtomAttachment a = call.early;
      call.early = null;
      attach(call, a);
    }
    deliver();
    checkCallDone(call);
  }

  private void onAttachment(Call call, Exchange ex, MtomAttachment attachment) {
    if (finished || call != current) {
      drop(attachment);
      return;
    }
    if (!call.envelopeRead) {
      if (!ex.rootArrived()) {
        // the start parameter put the envelope after the attachments: pairing them would mean holding them
        ex.abort(new GatewayException.ProtocolViolation(client.endpoints(), IheTransaction.RAD_75,
            "an attachment came before the SOAP envelope", null));
        return;
      }
      call.early = attachment; // its data waits (and the connection is paused) until the envelope is read
      return;
    }
    attach(call, attachment);
  }

  private void attach(Call call, MtomAttachment attachment) {
    DocumentResponse d = attachment.contentId() == null ? null
        : ContentIds.take(call.byContentId, attachment.contentId());
    if (d == null) {
      drop(attachment); // tolerated: an extra part no DocumentResponse names
      return;
    }
    queue.add(instance(d, attachment.body(), call.exchange));
    deliver();
  }

  private InstanceBody instance(DocumentResponse d, io.vertx.core.streams.ReadStream<Buffer> body, Exchange ex) {
    return new InstanceBody(d, body, cause -> ex != null ? ex.translate(cause)
        : Failures.classify(cause, client.endpoints(), IheTransaction.RAD_75, client.settings(), true),
        this::instanceEnded);
  }

  private static void drop(MtomAttachment attachment) {
    attachment.body().exceptionHandler(e -> { });
    attachment.body().handler(DirectChunks::release);
  }

  private void deliver() {
    if (finished || inFlight != null || handler == null || demand <= 0 || queue.isEmpty()) {
      return;
    }
    inFlight = queue.poll();
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handedOn = true;
    instances++;
    handler.handle(inFlight);
  }

  private void instanceEnded(InstanceBody instance) {
    if (instance == inFlight) {
      inFlight = null;
    }
    advance();
  }

  private void checkCallDone(Call call) {
    if (finished || call != current || call.done || !call.envelopeRead || !call.bodyEnded) {
      return;
    }
    call.done = true;
    if (!call.byContentId.isEmpty()) {
      Map.Entry<String, DocumentResponse> missing = call.byContentId.entrySet().iterator().next();
      fail(new GatewayException.ProtocolViolation(client.endpoints(), IheTransaction.RAD_75, call.byContentId.size()
          + " instance(s) name attachments the answer lacks, e.g. " + missing.getValue().documentUniqueId()
          + " → <" + missing.getKey() + ">", null));
      return;
    }
    advance();
  }

  /** Hands on what is queued; when the call's instances are all read, starts the next call or ends. */
  private void advance() {
    if (finished) {
      return;
    }
    deliver();
    if (inFlight != null || !queue.isEmpty() || !current.done) {
      return;
    }
    if (current.index + 1 < batches.size()) {
      startCall(current.index + 1, 1);
    } else {
      end();
    }
  }

  private void end() {
    RegistryResponse merged = Answers.merge(registries);
    if (instances == 0 && merged.status() == ResponseStatus.FAILURE) {
      fail(new GatewayException.ErrorResponse(client.endpoints(), IheTransaction.RAD_75, "Failure",
          merged.errors()));
      return;
    }
    finished = true;
    ended = true;
    ResponseStatus status = merged.status();
    if (status == ResponseStatus.FAILURE && instances > 0) {
      status = ResponseStatus.PARTIAL_SUCCESS;
    }
    ready.tryComplete(this);
    outcome.complete(new RetrievalOutcome(status, merged.errors(), calls, instances));
    if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  private void callFailed(Call call, Throwable cause) {
    if (finished || call != current) {
      return;
    }
    GatewayException g = cause instanceof GatewayException known ? known
        : Failures.classify(cause, client.endpoints(), IheTransaction.RAD_75, client.settings(), false);
    if (RetryPolicy.retryAfter(IheTransaction.RAD_75, g, call.attempt, handedOn)) {
      calls--; // the repeated call replaces this one
      startCall(call.index, call.attempt + 1);
      return;
    }
    fail(g);
  }

  private void fail(GatewayException cause) {
    if (finished) {
      return;
    }
    finished = true;
    if (current != null && current.exchange != null) {
      current.exchange.abort(cause);
    }
    if (inFlight != null) {
      inFlight.fail(cause);
    }
    queue.clear();
    if (ready.tryFail(cause)) {
      outcome.fail(cause);
      return;
    }
    outcome.fail(cause);
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }
}
