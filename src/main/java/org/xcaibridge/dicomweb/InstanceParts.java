package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;
import org.xcaibridge.studies.InstanceRetrieval;
import org.xcaibridge.studies.StoredInstance;

/**
 * Hands out the instances of a retrieval one at a time as multipart parts, asking the retrieval for the next
 * instance only when the previous part has been written (back-pressure from the viewer to the community). The
 * end is clean only when the community delivered every instance the manifest lists: a study missing instances
 * must not look complete, so the part source then fails and the body is cut without its closing delimiter.
 */
final class InstanceParts implements MultipartRelatedWriter.PartSource {
  private final InstanceRetrieval retrieval;
  private final Function<StoredInstance, MultipartRelatedWriter.Part> toPart;
  private final ArrayDeque<StoredInstance> ready = new ArrayDeque<>();
  private Promise<MultipartRelatedWriter.Part> waiting;
  private boolean ended;
  private Throwable failure;

  InstanceParts(InstanceRetrieval retrieval, Function<StoredInstance, MultipartRelatedWriter.Part> toPart) {
    this.retrieval = retrieval;
    this.toPart = toPart;
    retrieval.pause();
    retrieval.exceptionHandler(e -> {
      failure = e;
      settle();
    });
    retrieval.endHandler(v -> {
      ended = true;
      settle();
    });
    retrieval.handler(i -> {
      ready.add(i);
      settle();
    });
  }

  @Override
  public Future<MultipartRelatedWriter.Part> next() {
    if (waiting != null) {
      return Future.failedFuture(new IllegalStateException("a part is already awaited"));
    }
    waiting = Promise.promise();
    Future<MultipartRelatedWriter.Part> f = waiting.future();
    if (ready.isEmpty() && !ended && failure == null) {
      retrieval.fetch(1);
    }
    settle();
    return f;
  }

  /** Stops the retrieval (what it is fetching still fills the cache) and closes instances not handed out. */
  void cancel() {
    retrieval.cancel();
    ready.forEach(StoredInstance::close);
    ready.clear();
  }

  private void settle() {
    Promise<MultipartRelatedWriter.Part> p = waiting;
    if (p == null) {
      return;
    }
    if (!ready.isEmpty()) {
      waiting = null;
      StoredInstance i = ready.poll();
      try {
        p.complete(toPart.apply(i));
      } catch (RuntimeException e) {
        i.close();
        cancel();
        p.fail(e);
      }
    } else if (failure != null) {
      waiting = null;
      p.fail(failure);
    } else if (ended) {
      waiting = null;
      retrieval.notDelivered().onComplete(ar -> {
        if (ar.failed()) {
          p.fail(ar.cause());
        } else if (!ar.result().isEmpty()) {
          p.fail(notDelivered(ar.result()));
        } else {
          p.complete(null);
        }
      });
    }
  }

  private static DicomWebException notDelivered(List<String> sops) {
    return new DicomWebException.NotFound(sops.size() + " instance(s) the manifest lists were not delivered by the"
        + " community, e.g. " + sops.get(0));
  }
}
