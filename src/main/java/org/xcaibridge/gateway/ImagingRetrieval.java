package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * A RAD-75 retrieval in progress: the instances as they arrive, in wire order, one at a time, each with its own
 * byte stream ({@link RetrievedInstance}); when the request was split into several calls
 * ({@link CommunitySettings#maxDocumentRequestsPerCall()}), the next call starts only when the previous answer
 * is read, and its instances follow in the same stream. Nothing is buffered whole: the community's connection is
 * paused while the consumer is.
 *
 * <p>The stream ends (end handler, then {@link #outcome()}) after the last instance of the last call has been
 * read. If a call fails after the first (connection lost, idle timeout, fault), the instance being read fails,
 * then this stream's exception handler and {@link #outcome()} get the same {@link GatewayException}; no retry is
 * made once bytes have been handed on. Handlers run on the context that started the retrieval.
 */
public interface ImagingRetrieval extends ReadStream<RetrievedInstance> {
  /**
   * Completes after the stream ended, with the merged status and errors of all calls; fails as the stream
   * does.
   */
  Future<RetrievalOutcome> outcome();

  /**
   * Stops: the call in progress is reset (its connection closed), the instance being read fails with
   * {@link GatewayException.Cancelled}, no further call is made. Does nothing once the stream has ended.
   */
  void cancel();

  @Override
  ImagingRetrieval exceptionHandler(Handler<Throwable> handler);

  @Override
  ImagingRetrieval handler(Handler<RetrievedInstance> handler);

  @Override
  ImagingRetrieval pause();

  @Override
  ImagingRetrieval resume();

  @Override
  ImagingRetrieval fetch(long amount);

  @Override
  ImagingRetrieval endHandler(Handler<Void> endHandler);
}
