package org.xcaibridge.studies;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.Set;
import org.xcaibridge.cache.Cancellable;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.cache.SeriesKey;
import org.xcaibridge.cache.UpstreamInstance;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.RetrievedInstance;

/**
 * A RAD-75 retrieval of one series as the cache takes it: each instance named by its series and its
 * DocumentUniqueId (the SOP Instance UID). An instance that was not asked for (or whose id is no UID) is read
 * and dropped, so it can neither end up under a wrong name nor stall the answer. Flow control is the
 * retrieval's; when the cache's download fails it cancels the retrieval (its connection is closed).
 */
final class UpstreamInstances implements ReadStream<UpstreamInstance>, Cancellable {
  private final ImagingRetrieval retrieval;
  private final SeriesKey series;
  private final Set<String> asked;

  UpstreamInstances(ImagingRetrieval retrieval, SeriesKey series, Set<String> asked) {
    this.retrieval = retrieval;
    this.series = series;
    this.asked = asked;
  }

  @Override
  public ReadStream<UpstreamInstance> handler(Handler<UpstreamInstance> h) {
    if (h == null) {
      retrieval.handler(null);
      return this;
    }
    retrieval.handler(ri -> {
      InstanceKey key = keyOf(ri);
      if (key == null) {
        ri.discard();
      } else {
        h.handle(new UpstreamInstance(key, ri.body()));
      }
    });
    return this;
  }

  private InstanceKey keyOf(RetrievedInstance ri) {
    String sop = ri.documentUniqueId() == null ? null : ri.documentUniqueId().strip();
    if (sop == null || !asked.contains(sop)) {
      return null;
    }
    return new InstanceKey(series.studyInstanceUid(), series.seriesInstanceUid(), sop);
  }

  @Override
  public void cancel(Throwable cause) {
    retrieval.cancel();
  }

  @Override
  public ReadStream<UpstreamInstance> exceptionHandler(Handler<Throwable> h) {
    retrieval.exceptionHandler(h);
    return this;
  }

  @Override
  public ReadStream<UpstreamInstance> pause() {
    retrieval.pause();
    return this;
  }

  @Override
  public ReadStream<UpstreamInstance> resume() {
    retrieval.resume();
    return this;
  }

  @Override
  public ReadStream<UpstreamInstance> fetch(long amount) {
    retrieval.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<UpstreamInstance> endHandler(Handler<Void> h) {
    retrieval.endHandler(h);
    return this;
  }
}
