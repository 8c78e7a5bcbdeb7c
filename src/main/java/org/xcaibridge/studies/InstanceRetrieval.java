package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * The instances of a series or a study on their way to the caller, one {@link StoredInstance} at a time: the
 * cached ones first, in manifest order, then the others as the community sends them, each handed on while it is
 * still arriving (and being stored). The next instance comes once the caller asks for it ({@link #fetch}); the
 * caller reads or closes each one. A failure mid-way (the community drops the connection) fails the stream with a
 * {@link StudiesException}: the caller must not present what it had as complete. Instances already stored whole
 * stay stored.
 */
public interface InstanceRetrieval extends ReadStream<StoredInstance> {
  /**
   * After the stream has ended: the SOP Instance UIDs the manifest lists that the community did not deliver (the
   * RAD-75 answer's errors, protocol.md §4.3); empty when everything came. Fails as the stream does.
   */
  Future<List<String>> notDelivered();

  /** Stops handing on instances; retrievals in progress go on filling the cache. */
  void cancel();

  @Override
  InstanceRetrieval exceptionHandler(Handler<Throwable> handler);

  @Override
  InstanceRetrieval handler(Handler<StoredInstance> handler);

  @Override
  InstanceRetrieval pause();

  @Override
  InstanceRetrieval resume();

  @Override
  InstanceRetrieval fetch(long amount);

  @Override
  InstanceRetrieval endHandler(Handler<Void> endHandler);
}
